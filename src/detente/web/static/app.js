/* detente dashboard: talks to the JSON API of this server only. */
(function () {
  "use strict";
  var D = window.Detente, el = D.el;
  var $ = function (id) { return document.getElementById(id); };
  var panel = $("evidence-panel");
  var state = {offset: 0, stances: null, agenda: null, stage: null, freq: "month", window: null};
  var PLOT_CONFIG = {displaylogo: false, responsive: true};
  /* Titles live in the page (Plotly's toolbar covers the top of a figure), the legend at the
     foot of the figure under the axis titles, and the axes make room for their labels. */
  var LEGEND = {orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom"};
  var TOOLBAR_MARGIN = 30;

  function titled(id, text) { $(id).textContent = text; }

  function setStatus(msg, ok) { var s = $("status"); s.textContent = msg || ""; s.className = "status" + (ok ? " ok" : ""); }

  function api(url, opts) {
    return fetch(url, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var msg = (body && body.error && body.error.message) || ("HTTP " + r.status);
          var err = new Error(msg); err.status = r.status; throw err;
        }
        return body;
      });
    });
  }

  function params() {
    return {a: $("a").value.trim().toUpperCase(), b: $("b").value.trim().toUpperCase(),
            start: $("start").value, end: $("end").value, freq: $("freq").value,
            event_type: $("event_type").value, actor: $("actor").value.trim(), issue: $("issue").value};
  }

  function qs(obj) {
    var u = new URLSearchParams();
    Object.keys(obj).forEach(function (k) { if (obj[k] !== "" && obj[k] !== null && obj[k] !== undefined) u.set(k, obj[k]); });
    return u.toString();
  }

  function periodEnd(start, freq) {
    var d = new Date(start + "T00:00:00Z");
    if (freq === "week") d.setUTCDate(d.getUTCDate() + 6);
    else if (freq === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }

  function showEvents(title, query) {
    var p = params();
    var q = Object.assign({event_type: p.event_type, actor: p.actor, issue: p.issue, limit: 50}, query);
    D.showEvidence(panel, title, [], "Loading…");
    return api("/api/events?" + qs(q)).then(function (r) {
      var note = r.total > r.events.length ? "Showing " + r.events.length + " of " + r.total + " events." : r.total + " events.";
      D.showEvidence(panel, title, r.events, note);
    }).catch(function (e) { D.showEvidence(panel, title, [], "Error: " + e.message); });
  }

  /* ---- charts ---- */
  function drawSeries(res, p) {
    var div = $("chart-series"), traces = [], cols = ["#1f77b4", "#d62728"];
    [p.a + "→" + p.b, p.b + "→" + p.a].forEach(function (dir, i) {
      var rows = res.rows.filter(function (r) { return r.direction === dir; });
      var x = rows.map(function (r) { return r.period; });
      var cd = rows.map(function (r) { return [r.source, r.target, r.period]; });
      traces.push({type: "scatter", mode: "lines+markers", name: dir + " Goldstein", x: x, customdata: cd,
        y: rows.map(function (r) { return r.goldstein_sum; }), line: {color: cols[i]}, marker: {size: 8},
        hovertemplate: "%{x}<br>Goldstein sum %{y:.1f}<extra>" + dir + "</extra>"});
      traces.push({type: "bar", name: dir + " events", x: x, customdata: cd, yaxis: "y2",
        y: rows.map(function (r) { return r.n_events; }), marker: {color: cols[i], opacity: 0.5},
        hovertemplate: "%{x}<br>%{y} events<extra>" + dir + "</extra>"});
    });
    titled("title-series", "Directed events per " + p.freq + " (click a point for its sentences)");
    var layout = {margin: {l: 50, r: 20, t: TOOLBAR_MARGIN, b: 30}, barmode: "group", hovermode: "closest", height: 400,
      legend: LEGEND, xaxis: {type: "date", anchor: "y2", automargin: true},
      yaxis: {domain: [0.42, 1], title: {text: "Goldstein sum"}, automargin: true},
      yaxis2: {domain: [0, 0.34], title: {text: "events"}, automargin: true}};
    return plot(div, traces, layout, function (e) {
      var cd = e.points[0].customdata; if (!cd) return;
      showEvents(cd[0] + "→" + cd[1] + " · " + state.freq + " of " + cd[2],
                 {source: cd[0], target: cd[1], start: cd[2], end: periodEnd(cd[2], state.freq)});
    });
  }

  /* draw or redraw a chart; its click handler is bound on the first draw only */
  function plot(div, traces, layout, onClick) {
    return Plotly.react(div, traces, layout, PLOT_CONFIG).then(function () {
      if (!div._detenteBound) {
        div._detenteBound = true;
        div.on("plotly_click", onClick);
      }
    });
  }

  function drawStances(st) {
    var div = $("chart-stances"), actors = (st && st.actors) || [], dual = (st && st.dual_track) || {};
    var countries = [], cols = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
    actors.forEach(function (a) { if (countries.indexOf(a.country) < 0) countries.push(a.country); });
    var traces = countries.map(function (c, i) {
      var as = actors.filter(function (a) { return a.country === c; });
      return {type: "scatter", mode: "markers", name: c + (dual[c] ? " (dual track)" : ""),
        x: as.map(function (a) { return a.score; }), y: as.map(function (a) { return a.actor; }),
        customdata: as.map(function (a) { return actors.indexOf(a); }),
        marker: {size: as.map(function (a) { return 8 + Math.min(20, 2 * Math.sqrt(a.n_statements || 1)); }),
                 color: cols[i % cols.length], symbol: dual[c] ? "diamond" : "circle"},
        hovertemplate: "%{y}: %{x:.2f}<extra></extra>"};
    });
    titled("title-stances", "Stances toward the other side: hostile (−1) … conciliatory (+1)");
    var layout = {height: Math.max(280, 90 + 26 * actors.length),
      margin: {l: 140, r: 20, t: TOOLBAR_MARGIN, b: 30}, xaxis: {range: [-1.1, 1.1], zeroline: true, automargin: true},
      yaxis: {type: "category", automargin: true}, hovermode: "closest", legend: LEGEND};
    return plot(div, traces, layout, function (e) {
      var a = state.stances.actors[e.points[0].customdata];
      if (a) D.showEvidence(panel, "Statements by " + a.actor, a.evidence || [], a.n_statements + " statements; stance " + D.fmtNum(a.score, 2));
    });
  }

  function drawAgenda(items) {
    var tb = $("agenda").querySelector("tbody"); tb.innerHTML = "";
    if (!items.length) { var tr0 = el("tr"); var td0 = el("td", "", "No agenda items found."); td0.colSpan = 4; tr0.appendChild(td0); tb.appendChild(tr0); }
    items.forEach(function (it) {
      var tr = el("tr", "clickable"), name = it.label || it.item;
      [name, it.status + " · " + (it.status_name || "?"), it.since || "–", (it.evidence || []).length].forEach(function (v) { tr.appendChild(el("td", "", v)); });
      tr.addEventListener("click", function () { D.showEvidence(panel, "Agenda: " + name, it.evidence || []); });
      tb.appendChild(tr);
    });
  }

  function drawHeadline(stage, series) {
    var h = $("headline"); h.innerHTML = "";
    function card(k, v, onclick) {
      var c = el("div", "card"); c.appendChild(el("div", "k", k)); c.appendChild(el("div", "v", v));
      if (onclick) c.addEventListener("click", onclick); h.appendChild(c);
    }
    if (stage) card("Normalization stage", stage.stage + " · " + stage.name + (stage.since ? " (since " + stage.since + ")" : ""),
      function () { D.showEvidence(panel, "Stage " + stage.stage + ": " + stage.name, stage.evidence || []); });
    var sc = (series && series.score) || [];
    if (sc.length) card("Score level (last " + state.freq + ")", D.fmtNum(sc[sc.length - 1].level, 2));
    var n = (series && series.rows || []).reduce(function (s, r) { return s + (r.n_events || 0); }, 0);
    card("Events in window", String(n));
  }

  /* The dates every measure covers: the range asked for, clamped to the pair's data. */
  function drawWindow(p, win) {
    var w = $("window");
    if (!win || !win.data_start) { w.textContent = p.a + " ↔ " + p.b + ": no dated events of this pair."; return; }
    var data = "data " + win.data_start + " to " + win.data_end;
    if (win.start > win.end) { w.textContent = p.a + " ↔ " + p.b + ": nothing in the range asked for (" + data + ")."; return; }
    w.textContent = p.a + " ↔ " + p.b + " · " + win.start + " to " + win.end +
      (win.start !== win.data_start || win.end !== win.data_end ? " (" + data + ")" : "");
  }

  function loadEvents(append) {
    var p = params();
    if (!append) state.offset = 0;
    var win = state.window || {};
    if (!win.data_start || win.start > win.end) {   /* nothing of the pair in the range */
      $("events").querySelector("tbody").innerHTML = ""; $("events-count").textContent = "(none)"; $("more").hidden = true;
      return Promise.resolve();
    }
    var q = {dyad: p.a + "-" + p.b, start: win.start, end: win.end, counted: "true", event_type: p.event_type,
             actor: p.actor, issue: p.issue, limit: 100, offset: state.offset};
    return api("/api/events?" + qs(q)).then(function (r) {
      var tb = $("events").querySelector("tbody"); if (!append) tb.innerHTML = "";
      r.events.forEach(function (ev) {
        var tr = el("tr", "clickable"); tr.setAttribute("data-event-id", ev.event_id);
        [ev.date, D.actorLabel(ev.source) + " → " + D.actorLabel(ev.target), ev.event_type || ("CAMEO " + ev.cameo), D.fmtNum(ev.goldstein), ev.sentence]
          .forEach(function (v) { tr.appendChild(el("td", "", v)); });
        tr.addEventListener("click", function () {
          api("/api/events/" + encodeURIComponent(ev.event_id)).then(function (full) { D.showEvidence(panel, "Event " + full.event_id, [full]); });
        });
        tb.appendChild(tr);
      });
      state.offset += r.events.length;
      $("events-count").textContent = "(" + state.offset + " of " + r.total +
        (p.event_type || p.actor ? ", filtered" : "") + ")";
      $("more").hidden = state.offset >= r.total;
    });
  }

  /* the issues the pair's events are about, most frequent first; the choice is kept when still there */
  function loadIssues(p) {
    return api("/api/events/issues?" + qs({dyad: p.a + "-" + p.b})).then(function (r) {
      var sel = $("issue"), keep = sel.value;
      while (sel.options.length > 1) sel.remove(1);
      r.issues.forEach(function (i) { var o = el("option", "", i.label + " (" + i.n + ")"); o.value = i.id; sel.appendChild(o); });
      sel.value = r.issues.some(function (i) { return i.id === keep; }) ? keep : "";
    }).catch(function () { /* the filter stays as it was */ });
  }

  function load() {
    var p = params();
    if (!/^[A-Z]{3}$/.test(p.a) || !/^[A-Z]{3}$/.test(p.b)) { setStatus("Country codes are three capital letters (ISO 3166-1 alpha-3), e.g. USA."); return Promise.resolve(); }
    state.freq = p.freq;
    setStatus("Loading…", true);
    var base = "/api/dyad/" + p.a + "/" + p.b + "/";
    var dates = qs({start: p.start, end: p.end});
    var jobs = [
      api(base + "series?" + qs({freq: p.freq, start: p.start, end: p.end})),
      api(base + "stage?" + qs({as_of: p.end})).catch(function () { return null; }),
      api(base + "agenda?" + dates).catch(function () { return {items: []}; }),
      api(base + "stances?" + dates).catch(function () { return {actors: []}; })
    ];
    return Promise.all(jobs).then(function (r) {
      state.stances = r[3]; state.stage = r[1]; state.window = r[0].window;
      drawWindow(p, r[0].window);
      drawHeadline(r[1], r[0]);
      drawAgenda(r[2].items || []);
      return Promise.all([drawSeries(r[0], p), drawStances(r[3]), loadEvents(false), loadIssues(p)]);
    }).then(function () { setStatus("", true); document.body.setAttribute("data-loaded", String(Date.now())); })
      .catch(function (e) { setStatus(e.message); });
  }

  /* ---- paste a story, see it coded ---- */
  function renderCoded(res) {
    var out = $("code-result"); out.innerHTML = "";
    var text = res.story.text, evs = res.events || [];
    var bySpan = {};
    evs.forEach(function (ev) { var k = ev.span[0] + ":" + ev.span[1]; (bySpan[k] = bySpan[k] || []).push(ev); });
    var spans = Object.keys(bySpan).map(function (k) { var p = k.split(":"); return [Number(p[0]), Number(p[1]), bySpan[k]]; })
      .sort(function (x, y) { return x[0] - y[0]; });
    var pos = 0;
    spans.forEach(function (s) {
      if (s[0] < pos) return;  /* overlapping spans: keep the first */
      out.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var gs = s[2].reduce(function (t, e) { return t + (Number(e.goldstein) || 0); }, 0);
      var m = el("mark", gs > 0 ? "coop" : gs < 0 ? "conf" : "", text.slice(s[0], s[1]));
      m.title = s[2].map(function (e) { return (e.event_type || e.cameo) + " " + D.actorLabel(e.source) + " → " + D.actorLabel(e.target); }).join("; ");
      m.addEventListener("click", function () { D.showEvidence(panel, "Coded in your story", s[2]); });
      out.appendChild(m);
      pos = s[1];
    });
    out.appendChild(document.createTextNode(text.slice(pos)));
    out.setAttribute("data-events", String(evs.length));
    D.showEvidence(panel, "Your story: " + evs.length + " events", evs);
  }

  $("code-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var fd = new FormData();
    var f = $("code-file").files[0];
    if (f) fd.append("file", f); else fd.append("text", $("code-text").value);
    if ($("code-date").value) fd.append("date", $("code-date").value);
    setStatus("Coding…", true);
    api("/api/code", {method: "POST", body: fd}).then(function (r) { setStatus("", true); renderCoded(r); })
      .catch(function (err) { setStatus(err.message); });
  });

  $("controls").addEventListener("submit", function (e) { e.preventDefault(); load(); });
  $("more").addEventListener("click", function () { state.offset && loadEvents(true); });

  api("/api/health").then(function (h) {
    var sel = $("event_type");
    h.plover_types.forEach(function (t) { var o = el("option", "", t); o.value = t; sel.appendChild(o); });
    if (!h.database_present) setStatus("No event database yet: build one with `detente ingest`.");
    else load();
  });
})();
