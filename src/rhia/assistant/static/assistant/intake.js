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
  // Live character counter; past the limit the field is marked invalid (the text is never cut).
  var text = document.getElementById("text");
  var counter = document.getElementById("text-counter");
  var group = document.getElementById("text-group");
  function count() {
    var max = parseInt(text.getAttribute("data-max-chars"), 10) || 0;
    var length = text.value.length;
    var fmt = function (n) { return n.toLocaleString("fr-FR"); };
    var over = max > 0 && length > max;
    if (over) {
      counter.textContent = "Texte trop long : " + fmt(length) + " caractères pour " + fmt(max) +
        " au maximum. Raccourcissez-le ou joignez-le en fichier.";
      text.setAttribute("aria-invalid", "true");
    } else {
      counter.textContent = fmt(length) + " caractères sur " + fmt(max) + " au maximum.";
      text.removeAttribute("aria-invalid");
    }
    counter.classList.toggle("fr-error-text", over);
    counter.classList.toggle("fr-hint-text", !over);
    text.classList.toggle("fr-input--error", over);
    if (group) { group.classList.toggle("fr-input-group--error", over); }
  }
  if (text && counter) { text.addEventListener("input", count); count(); }
  var form = document.getElementById("intake-form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = document.getElementById("intake-submit");
      if (button) { button.disabled = true; button.textContent = "Analyse en cours…"; }
    });
  }
})();
