// Drafts: receive each proposal as soon as it is generated (server-sent events).
(function () {
  "use strict";
  var container = document.getElementById("drafts");
  var status = document.getElementById("drafts-status");
  if (!container || !container.dataset.stream || !window.EventSource) { return; }
  var source = new EventSource(container.dataset.stream);
  var received = 0;
  function say(text, level) {
    status.innerHTML = "";
    var p = document.createElement("p");
    p.className = level ? "fr-alert fr-alert--" + level + " fr-alert--sm" : "fr-text--sm";
    p.textContent = text;
    status.appendChild(p);
  }
  source.addEventListener("draft", function (event) {
    var data = JSON.parse(event.data);
    var column = document.createElement("div");
    column.className = "fr-col-12 fr-col-md-6";
    column.innerHTML = data.html;  // rendered and escaped by the server
    container.appendChild(column);
    received += 1;
    say(received + (received > 1 ? " propositions reçues" : " proposition reçue") + ", génération des suivantes en cours…");
  });
  source.addEventListener("done", function (event) {
    source.close();
    var data = JSON.parse(event.data);
    container.removeAttribute("data-stream");
    container.setAttribute("data-complete", "true");
    say(data.count > 1 ? data.count + " propositions prêtes. Choisissez celle dont vous partez."
      : data.count + " proposition prête. Partez-en, ou d'une page blanche.");
  });
  source.addEventListener("failure", function (event) {
    source.close();
    say(JSON.parse(event.data).message, "error");
  });
  source.onerror = function () {
    if (container.getAttribute("data-complete")) { return; }
    source.close();
    say("La connexion a été interrompue : rechargez la page pour reprendre.", "warning");
  };
})();
// A click on a citation opens the cited passage below the drafts.
document.addEventListener("click", function (event) {
  "use strict";
  var link = event.target.closest ? event.target.closest("a.rhia-cite") : null;
  if (!link) { return; }
  var target = document.querySelector(link.getAttribute("href"));
  if (!target) { return; }
  var button = target.querySelector(".fr-accordion__btn");
  var body = target.querySelector(".fr-collapse");
  if (button && button.getAttribute("aria-expanded") !== "true") {
    button.setAttribute("aria-expanded", "true");
    if (body) { body.classList.add("fr-collapse--expanded"); }
  }
  target.classList.add("rhia-cited");
});
