/* detente: the evidence side panel, shared by the static report and the dashboard.
 * Everything from the news (sentences, names) is inserted with textContent, never as HTML. */
(function (root) {
  "use strict";
  var QUAD = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function actorLabel(a) {
    if (!a) return "?";
    var name = a.name || a.text || a.code || "?";
    return a.country && name !== a.country ? name + " (" + a.country + ")" : name;
  }

  function fmtNum(x, digits) {
    if (x === null || x === undefined || x === "" || isNaN(Number(x))) return "–";
    return Number(x).toFixed(digits === undefined ? 1 : digits);
  }

  /* One event as a card: who did what to whom, the sentence, and where it came from. */
  function eventCard(ev) {
    var card = el("article", "ev-card");
    card.setAttribute("data-event-id", ev.event_id || "");
    var gs = Number(ev.goldstein);
    card.classList.add(gs > 0 ? "ev-coop" : gs < 0 ? "ev-conf" : "ev-neutral");
    var head = el("div", "ev-head");
    head.appendChild(el("span", "ev-date", ev.date || "undated"));
    head.appendChild(el("span", "ev-type", ev.event_type || ("CAMEO " + (ev.cameo || "?"))));
    head.appendChild(el("span", "ev-gs", "Goldstein " + fmtNum(ev.goldstein)));
    card.appendChild(head);
    card.appendChild(el("div", "ev-who", actorLabel(ev.source) + " → " + actorLabel(ev.target)));
    card.appendChild(el("blockquote", "ev-sentence", ev.sentence || ""));
    var foot = el("div", "ev-foot");
    var src = ev.story_id ? "story " + ev.story_id : "";
    if (ev.span && ev.span.length === 2 && ev.span[0] !== null) src += " [" + ev.span[0] + "–" + ev.span[1] + ")";
    foot.appendChild(el("span", "ev-story", src));
    foot.appendChild(el("span", "ev-meta",
      "CAMEO " + (ev.cameo || "?") + " · " + (QUAD[ev.quad_class] || "quad ?") +
      (ev.rule ? " · rule " + ev.rule : "") + " · id " + (ev.event_id || "?")));
    card.appendChild(foot);
    return card;
  }

  /* Fill the panel with a title, an optional note and the sentences behind a point. */
  function showEvidence(panel, title, events, note) {
    if (!panel) return;
    panel.innerHTML = "";
    panel.appendChild(el("h3", "ev-title", title || "Evidence"));
    if (note) panel.appendChild(el("p", "ev-note", note));
    if (!events || !events.length) {
      panel.appendChild(el("p", "ev-empty", "No coded events behind this point."));
    } else {
      var list = el("div", "ev-list");
      events.forEach(function (ev) { if (ev) list.appendChild(eventCard(ev)); });
      panel.appendChild(list);
    }
    panel.classList.add("has-evidence");
    panel.setAttribute("data-count", String(events ? events.length : 0));
    if (panel.scrollIntoView && window.innerWidth < 900) panel.scrollIntoView({behavior: "smooth"});
  }

  root.Detente = root.Detente || {};
  root.Detente.el = el;
  root.Detente.eventCard = eventCard;
  root.Detente.showEvidence = showEvidence;
  root.Detente.actorLabel = actorLabel;
  root.Detente.fmtNum = fmtNum;
  root.Detente.QUAD = QUAD;
})(window);
