/*
 * Entraide ESS – drafts kept in the browser: <textarea data-draft="key"> inside a form.
 * What is typed is saved in localStorage as it is typed and put back when the page opens
 * again (after a session that expired before "Envoyer", a log-in, a closed tab). A send
 * that reached the server comes back to the page with #message-<id>: the draft is then
 * forgotten. No dependency, no inline script (CSP script-src 'self'); plain ES5.
 */
(function () {
  "use strict";

  var PREFIX = "entraide-draft:";
  var SENT_WITHIN_MS = 10 * 60 * 1000; // a send older than this did not lead to this page

  function store() {
    try { return window.localStorage; } catch (e) { return null; } // private modes may refuse it
  }

  function read(storage, key) {
    try { return JSON.parse(storage.getItem(PREFIX + key) || "null"); } catch (e) { return null; }
  }

  function write(storage, key, draft) {
    try {
      if (draft && draft.text) { storage.setItem(PREFIX + key, JSON.stringify(draft)); }
      else { storage.removeItem(PREFIX + key); }
    } catch (e) { /* full or refused: the page still works without drafts */ }
  }

  function setup(area, storage) {
    var key = area.getAttribute("data-draft");
    var draft = read(storage, key);
    var justSent = /^#message-\d+$/.test(window.location.hash);
    if (draft && draft.sentAt && justSent && Date.now() - draft.sentAt < SENT_WITHIN_MS) {
      write(storage, key, null); // the message is on the page now
      draft = null;
    }
    if (draft && draft.text && !area.value) {
      area.value = draft.text;
      var note = document.createElement("p");
      note.className = "form-hint";
      note.setAttribute("role", "status");
      note.textContent = area.getAttribute("data-draft-restored") || "";
      if (note.textContent) { area.parentNode.insertBefore(note, area); }
    }
    area.addEventListener("input", function () { write(storage, key, {text: area.value}); });
    if (area.form) {
      area.form.addEventListener("submit", function () {
        if (area.value) { write(storage, key, {text: area.value, sentAt: Date.now()}); }
      });
    }
  }

  var storage = store();
  if (!storage || !document.querySelectorAll) { return; }
  var areas = document.querySelectorAll("textarea[data-draft]");
  for (var i = 0; i < areas.length; i++) { setup(areas[i], storage); }
}());
