/* Parts of a page served after it: <div data-fragment="/url?partiel=1"> is replaced by what the
 * URL answers (HTML rendered and escaped by the server, same origin). Without JavaScript, or if
 * the request fails, the link inside the element stays and opens the same content on its own page.
 * The element is marked aria-busy while loading so screen readers do not read a half-filled part. */
(function () {
  "use strict";

  function load(box) {
    var url = box.getAttribute("data-fragment");
    if (!url || !window.fetch) { return; }
    box.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var hadFocus = box.contains(document.activeElement);
        box.innerHTML = html;
        box.removeAttribute("data-fragment");
        if (hadFocus) {  // the link being replaced had the keyboard focus: keep it in this part
          box.setAttribute("tabindex", "-1");
          box.focus();
        }
      })
      .catch(function () { /* keep the link */ })
      .then(function () { box.removeAttribute("aria-busy"); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-fragment]"), load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
