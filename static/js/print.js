/* "Imprimer le rapport": a button only when JavaScript can print (the print stylesheet does the rest). */
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
