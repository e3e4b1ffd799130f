/* detente report: draw the embedded figures and open the evidence behind any point. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("detente-data").textContent);
  var panel = document.getElementById("evidence-panel");

  function keyOf(cd) {
    if (Array.isArray(cd)) cd = cd[0];
    return cd === undefined || cd === null ? null : String(cd);
  }

  function openKey(key) {
    var ev = DATA.evidence[key];
    if (!ev) {
      window.Detente.showEvidence(panel, "No evidence recorded", [], "Key " + key);
      return;
    }
    var events = ev.ids.map(function (id) { return DATA.events[id]; });
    var note = ev.total > ev.ids.length ?
      "Showing the " + ev.ids.length + " most intense of " + ev.total + " events." :
      ev.total + (ev.total === 1 ? " event." : " events.");
    window.Detente.showEvidence(panel, ev.label, events, note);
    panel.setAttribute("data-key", key);
  }
  window.DetenteReport = {data: DATA, openKey: openKey};

  var config = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"]};
  var pending = [];
  Object.keys(DATA.figures || {}).forEach(function (id) {
    var div = document.getElementById(id);
    if (!div) return;
    var fig = DATA.figures[id];
    pending.push(Plotly.newPlot(div, fig.data, fig.layout, config).then(function (gd) {
      gd.on("plotly_click", function (e) {
        if (!e || !e.points || !e.points.length) return;
        var key = keyOf(e.points[0].customdata);
        if (key) openKey(key);
      });
      gd.setAttribute("data-rendered", "1");
    }));
  });
  Promise.all(pending).then(function () { document.body.setAttribute("data-charts-ready", "1"); });

  document.querySelectorAll("[data-key]").forEach(function (n) {
    if (n === panel) return;
    // a change inside an agenda row opens its own sentences, not the row's
    n.addEventListener("click", function (e) { e.stopPropagation(); openKey(n.getAttribute("data-key")); });
  });
})();
