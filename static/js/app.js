/*
 * Entraide ESS – progressive enhancement only. Every page works without this file.
 * No dependency, no inline script (CSP script-src 'self'). Written in plain ES5
 * plus fetch (guarded) so that old laptops and phones run it.
 *
 * 1. Main menu: closed on narrow screens, always open on wide ones.
 * 2. Commune autocomplete:  <input data-commune-autocomplete>  (GET /api/v1/communes?q=)
 * 3. Conditional fields:    data-show-for-category="equipment premises",
 *                           data-show-for-terms="rent sale", data-show-for-kind="need"
 *                           (any data-show-for-<name> inside a form works with the field
 *                           named <name> of that form)
 * 4. Confirmation:          <form data-confirm="…">, or a submit button with data-confirm
 * 5. Error summary:         focused on load; its links focus the field.
 * 6. Stacked tables:        <table class="table table--stack">: on a phone each row is a card and each
 *                           cell shows its column's header (data-label); explicit ARIA roles keep the
 *                           table a table for screen readers whatever its CSS display.
 */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.className += " js";

  function each(selector, fn, root) {
    var nodes = (root || doc).querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) { fn(nodes[i], i); }
  }

  /* 1. Disclosures open on wide screens, closed on phones: the main menu, the filters ---- */
  function setupDisclosure(box, minWidth) {
    if (!box || !window.matchMedia) { return; }
    var wide = window.matchMedia("(min-width: " + minWidth + ")");
    function apply() {
      if (wide.matches) { box.open = true; }
      else if (!box.contains(doc.activeElement)) { box.open = false; }
    }
    apply();
    if (wide.addEventListener) { wide.addEventListener("change", apply); }
    else if (wide.addListener) { wide.addListener(apply); }
    // Escape closes it on a phone and gives focus back to its button.
    box.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && box.open && !wide.matches) {
        box.open = false;
        box.querySelector("summary").focus();
      }
    });
  }

  function setupMenu() {
    setupDisclosure(doc.querySelector("[data-nav-disclosure]"), "62em");
    // Filters keep their errors and chosen values visible: only collapsed when nothing is filtered.
    each("details[data-collapse-below]", function (box) {
      if (!box.hasAttribute("data-has-filters")) { setupDisclosure(box, box.getAttribute("data-collapse-below")); }
    });
  }

  /* 2. Commune autocomplete --------------------------------------------------- */
  var COMMUNES_URL = "/api/v1/communes";

  function setupCommuneAutocomplete(input, index) {
    if (!window.fetch) { return; }
    var url = input.getAttribute("data-commune-autocomplete");
    if (!url || url.charAt(0) !== "/") { url = COMMUNES_URL; }

    var list = input.list || (input.getAttribute("list") && doc.getElementById(input.getAttribute("list")));
    if (!list) {
      list = doc.createElement("datalist");
      list.id = (input.id || "commune-" + index) + "-suggestions";
      input.parentNode.insertBefore(list, input.nextSibling);
      input.setAttribute("list", list.id);
    }
    input.setAttribute("autocomplete", "off");

    // Optional: <input data-commune-code-target="id-of-hidden-input"> receives the INSEE code.
    var codeTarget = doc.getElementById(input.getAttribute("data-commune-code-target") || "");
    var items = [];
    var timer = null;
    var controller = null;
    var latest = "";

    function syncCode() {
      if (!codeTarget) { return; }
      var code = "";
      for (var i = 0; i < items.length; i++) {
        if (items[i].label === input.value) { code = items[i].code; break; }
      }
      codeTarget.value = code;
    }

    function fill(found) {
      items = found;
      while (list.firstChild) { list.removeChild(list.firstChild); }
      for (var i = 0; i < found.length; i++) {
        var option = doc.createElement("option");
        option.value = found[i].label;
        list.appendChild(option);
      }
    }

    function search(text) {
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      latest = text;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (data) {
        if (text !== latest) { return; }
        fill((data && data.items) || []);
        syncCode();
      }).catch(function () { /* offline or aborted: the field stays a plain text input */ });
    }

    input.addEventListener("input", function () {
      var text = input.value.replace(/^\s+|\s+$/g, "");
      syncCode();
      if (timer) { clearTimeout(timer); }
      if (text.length < 2) { return; }
      for (var i = 0; i < items.length; i++) {   // a suggestion was just picked
        if (items[i].label === input.value) { return; }
      }
      timer = setTimeout(function () { search(text); }, 200);
    });
  }

  /* 3. Fields shown for some values of another field ----------------------------- */
  var SHOW_PREFIX = "data-show-for-";

  function controlValue(form, name) {
    var controls = form.querySelectorAll('[name="' + name + '"]');
    if (!controls.length) { return null; }             // no such field: leave things visible
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if (c.type === "radio" || c.type === "checkbox") {
        if (c.checked) { return c.value; }
      } else {
        return c.value;
      }
    }
    return "";
  }

  function setupConditional(root) {
    var targets = [];
    each("form *", function (el) {
      var rules = [];
      for (var i = 0; i < el.attributes.length; i++) {
        var attr = el.attributes[i];
        if (attr.name.indexOf(SHOW_PREFIX) === 0) {
          rules.push({ name: attr.name.slice(SHOW_PREFIX.length), values: attr.value.split(/\s+/) });
        }
      }
      if (rules.length) { targets.push({ el: el, rules: rules }); }
    }, root);
    if (!targets.length) { return; }

    function update() {
      for (var t = 0; t < targets.length; t++) {
        var target = targets[t];
        var scope = target.el.closest ? (target.el.closest("form") || doc) : doc;
        var visible = true;
        for (var r = 0; r < target.rules.length; r++) {
          var value = controlValue(scope, target.rules[r].name);
          if (value !== null && target.rules[r].values.indexOf(value) === -1) { visible = false; }
        }
        // Never hide a field the server has just flagged: its error must stay in sight.
        if (target.el.querySelector('[aria-invalid="true"]')) { visible = true; }
        toggle(target.el, visible);
      }
    }

    function toggle(el, visible) {
      if (visible) { el.removeAttribute("hidden"); } else { el.setAttribute("hidden", ""); }
      // A hidden required field would block the browser's own validation: drop and restore "required".
      each("[required], [data-was-required]", function (field) {
        if (visible && field.hasAttribute("data-was-required")) {
          field.required = true;
          field.removeAttribute("data-was-required");
        } else if (!visible && field.required) {
          field.required = false;
          field.setAttribute("data-was-required", "");
        }
      }, el);
    }

    doc.addEventListener("change", update);
    update();
  }

  /* 4. Confirmation before sending ------------------------------------------------ */
  function setupConfirm() {
    doc.addEventListener("submit", function (event) {
      var form = event.target;
      var button = event.submitter;
      var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (text && !window.confirm(text)) { event.preventDefault(); }
    });
  }

  /* 5. Error summary ------------------------------------------------------------- */
  function setupErrorSummary() {
    var summary = doc.querySelector(".error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (!link) { return; }
      var field = doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!field) { return; }
      event.preventDefault();
      // Show the label (or legend) above the field, not only the field.
      var row = field.closest ? field.closest(".form-row") : null;
      (row || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  /* 6. Tables read as cards on a phone ------------------------------------------ */
  var TABLE_ROLES = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };

  function setupStackedTable(table) {
    var labels = [];
    each("thead tr:first-child > th", function (th) {
      var span = parseInt(th.getAttribute("colspan"), 10) || 1;
      for (var i = 0; i < span; i++) { labels.push(th.textContent.replace(/\s+/g, " ").replace(/^ | $/g, "")); }
    }, table);
    each("table, thead, tbody, tfoot, tr, th, td", function (el) {
      if (el !== table && el.closest("table") !== table) { return; }   // not inside a nested table
      var role = TABLE_ROLES[el.tagName];
      if (el.tagName === "TH") { role = (el.getAttribute("scope") === "row" || !el.closest("thead")) ? "rowheader" : "columnheader"; }
      if (role && !el.hasAttribute("role")) { el.setAttribute("role", role); }
    }, table.parentNode);
    each("tbody tr", function (row) {
      var column = 0;
      for (var c = 0; c < row.cells.length; c++) {
        var cell = row.cells[c];
        var span = cell.colSpan || 1;
        if (span < labels.length && labels[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += span;
      }
    }, table);
    table.className += " table--stacked";
  }

  function init() {
    setupMenu();
    each("table.table--stack", setupStackedTable);
    each("input[data-commune-autocomplete]", setupCommuneAutocomplete);
    setupConditional(doc);
    setupConfirm();
    setupErrorSummary();
  }

  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
