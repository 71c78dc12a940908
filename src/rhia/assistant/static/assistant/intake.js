// Intake: show the directives of the selected use case; one submission only.
(function () {
  "use strict";
  var select = document.getElementById("use_case");
  function show() {
    document.querySelectorAll(".rhia-directives").forEach(function (block) {
      block.hidden = !select || block.getAttribute("data-use-case") !== select.value;
    });
  }
  if (select) { select.addEventListener("change", show); show(); }
  var form = document.getElementById("intake-form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = document.getElementById("intake-submit");
      if (button) { button.disabled = true; button.textContent = "Analyse en cours…"; }
    });
  }
})();
