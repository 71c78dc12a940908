// Drafts: poll the generation's state (stored in the database) and add each draft once it is ready.
// A reload, another tab or a restarted server just resume polling: nothing is lost or redone.
(function () {
  "use strict";
  var section = document.getElementById("generation");
  var container = document.getElementById("drafts");
  if (!section || !container || !window.fetch) { return; }
  var state = section.dataset.state;
  if (state !== "queued" && state !== "running") { return; }
  var url = section.dataset.stateUrl;
  var status = document.getElementById("drafts-status");
  var states = document.getElementById("draft-states");
  var times = document.getElementById("generation-times");
  var failures = 0;
  var badge = { ready: " fr-badge--success", running: " fr-badge--info", failed: " fr-badge--error", waiting: "" };

  function duration(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    if (seconds < 60) { return seconds + " s"; }
    var minutes = Math.floor(seconds / 60), rest = seconds % 60;
    return minutes + " min" + (rest ? " " + rest + " s" : "");
  }
  function say(text, level) {
    status.innerHTML = "";
    if (!text) { return; }
    var p = document.createElement("p");
    p.className = level ? "fr-alert fr-alert--" + level + " fr-alert--sm" : "fr-text--sm";
    p.textContent = text;
    status.appendChild(p);
  }
  function showStates(data) {
    states.innerHTML = "";
    data.drafts.forEach(function (item) {
      var li = document.createElement("li");
      var p = document.createElement("p");
      p.className = "fr-badge fr-badge--sm" + (badge[item.state] || "") + " rhia-draft-state rhia-draft-state--" + item.state;
      p.dataset.index = item.index;
      p.dataset.state = item.state;
      var text = "Proposition " + (item.index + 1) + " : " + item.label;
      if (item.state === "failed" && data.job && data.job.error) { text += " (" + data.job.error + ")"; }
      p.textContent = text;
      li.appendChild(p);
      states.appendChild(li);
    });
  }
  function showTimes(job) {
    if (!job || (job.status !== "queued" && job.status !== "running")) { times.hidden = true; return; }
    var parts = ["Demandé il y a " + duration(job.elapsed_seconds)];
    if (job.status === "running") { parts.push("proposition en cours depuis " + duration(job.step_elapsed_seconds)); }
    if (job.remaining_seconds !== null) {
      parts.push("fin estimée dans environ " + duration(job.remaining_seconds) + " (d'après les dernières générations)");
    }
    times.textContent = parts.join(" · ") + ".";
    times.hidden = false;
  }
  function addCards(cards) {
    cards.forEach(function (card) {
      if (container.querySelector("[data-index='" + card.index + "']")) { return; }
      var column = document.createElement("div");
      column.className = "fr-col-12 fr-col-md-6";
      column.innerHTML = card.html;  // rendered and escaped by the server
      container.appendChild(column);
    });
  }
  function poll() {
    var have = container.querySelectorAll(".rhia-draft").length;
    fetch(url + "?have=" + have, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        addCards(data.cards || []);
        showStates(data);
        showTimes(data.job);
        section.dataset.state = data.state;
        if (data.state === "queued" || data.state === "running") {
          say(data.message + (data.ready ? " " + data.ready + (data.ready > 1 ? " propositions prêtes." : " proposition prête.") : ""));
          window.setTimeout(poll, 1500);
          return;
        }
        if (data.state === "done") {
          container.setAttribute("data-complete", "true");
          say(data.ready > 1 ? data.ready + " propositions prêtes. Choisissez celle dont vous partez."
            : data.ready + " proposition prête. Partez-en, ou d'une page blanche.");
        }
        // Failed or stopped: the page offers to start again.
        if (data.state !== "done") { window.location.reload(); }
      })
      .catch(function () {
        failures += 1;
        say("Le serveur ne répond pas ; nouvel essai dans quelques secondes (la génération continue).", "warning");
        window.setTimeout(poll, Math.min(15000, 2000 * failures));
      });
  }
  poll();
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
