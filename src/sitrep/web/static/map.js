// The map + timeline page: clustered events from /map/cells, the timeline from /timeline,
// brushing on the timeline sets the date filter. Everything from the server is inserted as
// text (textContent), never as HTML.
(function () {
  "use strict";
  var COLORS = { reported: "#6b7280", claimed: "#d97706", confirmed: "#15803d",
    denied: "#7c3aed", disputed: "#dc2626" };
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  var form = document.getElementById("filters");
  var ids = ["type", "status", "actor", "country", "place", "since", "until"];

  function filters() {
    var p = new URLSearchParams();
    ids.forEach(function (k) {
      var v = document.getElementById("f-" + k).value.trim();
      if (v) { p.set(k, v); }
    });
    return p;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // ------------------------------------------------------------------ map
  var map = L.map("map", { worldCopyJump: false, minZoom: 1, maxZoom: 14 });
  var start = (document.getElementById("f-center").value || "").split(",");
  var zoom0 = parseInt(document.getElementById("f-zoom").value || "3", 10);
  if (start.length === 2 && !isNaN(parseFloat(start[0]))) {
    map.setView([parseFloat(start[0]), parseFloat(start[1])], isNaN(zoom0) ? 8 : zoom0);
  } else {
    map.setView([42, 32], 3);
  }
  map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
  fetch("/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); })
    .then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { style: { color: "#8a96a3", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
        interactive: false }).addTo(map).bringToBack();
    }).catch(function () { /* the page works without outlines */ });

  var layer = L.layerGroup().addTo(map);
  var seq = 0;

  function bboxParam() {
    var b = map.getBounds();
    var w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
    var s = Math.max(-90, b.getSouth()), n = Math.min(90, b.getNorth());
    if (w > e) { w = -180; e = 180; }
    return [w, s, e, n].map(function (x) { return x.toFixed(4); }).join(",");
  }

  function icon(cell) {
    var size = cell.n === 1 ? 16 : Math.min(46, 20 + Math.log(cell.n) * 5);
    var div = el("div", "cluster", cell.n === 1 ? "" : cell.n);
    div.style.width = size + "px";
    div.style.height = size + "px";
    div.style.background = COLORS[cell.status] || "#555";
    return L.divIcon({ html: div, className: "", iconSize: [size, size] });
  }

  function popup(cell) {
    var box = el("div");
    box.appendChild(el("strong", null, cell.event_type + " · " + cell.status));
    box.appendChild(el("div", null, cell.place || ""));
    var a = el("a", "event-link", "open event →");
    a.href = "/event/" + encodeURIComponent(cell.event_id);
    box.appendChild(a);
    return box;
  }

  function loadCells() {
    var my = ++seq;
    var p = filters();
    p.set("zoom", map.getZoom());
    p.set("bbox", bboxParam());
    fetch("/map/cells?" + p.toString()).then(function (r) { return r.json(); }).then(function (data) {
      if (my !== seq || !data.cells) { return; }
      layer.clearLayers();
      data.cells.forEach(function (cell) {
        var m = L.marker([cell.lat, cell.lon], { icon: icon(cell), title: cell.n === 1
          ? cell.event_type + " (" + cell.status + ")" : cell.n + " events",
          keyboard: true, riseOnHover: true });
        m.options.sitrepEvent = cell.event_id;
        if (cell.n === 1) {
          m.bindPopup(popup(cell));
        } else {
          m.on("click", function () { map.setView([cell.lat, cell.lon], Math.min(map.getZoom() + 2, 14)); });
        }
        m.addTo(layer);
        var node = m.getElement();
        if (node) {
          node.setAttribute("data-n", cell.n);
          if (cell.event_id) { node.setAttribute("data-event", cell.event_id); }
        }
      });
      document.getElementById("map").setAttribute("data-loaded", String(data.events));
    });
    loadList();
  }

  function loadList() {
    var p = filters();
    p.set("bbox", bboxParam());
    p.set("limit", "20");
    fetch("/events?" + p.toString()).then(function (r) { return r.json(); }).then(function (data) {
      var list = document.getElementById("event-list");
      list.textContent = "";
      document.getElementById("list-count").textContent =
        data.total === undefined ? "" : "(" + data.total + "; first 20)";
      (data.events || []).forEach(function (e) {
        var li = el("li");
        var a = el("a", null, e.event_type + (e.mode ? " / " + e.mode : ""));
        a.href = "/event/" + encodeURIComponent(e.event_id);
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "status status-" + e.status, e.status));
        var when = e.when && e.when.resolved ? e.when.start : "undated";
        var where = e.place ? e.place.name : "no place";
        var who = (e.actors || []).map(function (x) { return x.name; }).join(", ");
        li.appendChild(el("span", "muted", " " + when + " · " + where + (who ? " · " + who : "")));
        list.appendChild(li);
      });
    });
  }

  map.on("moveend", loadCells);

  // ------------------------------------------------------------------ timeline
  var svg = document.getElementById("timeline");
  var NS = "http://www.w3.org/2000/svg";
  var days = [];
  var scale = null;

  function svgEl(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function dayNum(s) { return Date.parse(s + "T00:00:00Z") / 86400000; }
  function dayStr(n) { return new Date(Math.round(n) * 86400000).toISOString().slice(0, 10); }

  function loadTimeline() {
    var p = filters();
    p.delete("since");
    p.delete("until");
    p.set("by", document.getElementById("t-by").value);
    fetch("/timeline?" + p.toString()).then(function (r) { return r.json(); }).then(function (data) {
      days = data.days || [];
      drawTimeline();
    });
  }

  function drawTimeline() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var W = svg.clientWidth || 600, H = svg.clientHeight || 130, pad = 18;
    var legend = document.getElementById("t-legend");
    legend.textContent = "";
    if (!days.length) {
      var t = svgEl("text", { x: 10, y: 24, "class": "axis" });
      t.textContent = "no dated events";
      svg.appendChild(t);
      scale = null;
      return;
    }
    var keys = [], perDay = {}, lo = Infinity, hi = -Infinity;
    days.forEach(function (d) {
      if (keys.indexOf(d.key) < 0) { keys.push(d.key); }
      var n = dayNum(d.day);
      lo = Math.min(lo, n); hi = Math.max(hi, n);
      perDay[d.day] = perDay[d.day] || [];
      perDay[d.day].push(d);
    });
    hi += 1;
    var max = 0;
    Object.keys(perDay).forEach(function (k) {
      max = Math.max(max, perDay[k].reduce(function (s, d) { return s + d.n; }, 0));
    });
    var by = document.getElementById("t-by").value;
    function color(k) { return by === "status" ? (COLORS[k] || "#555") : PALETTE[keys.indexOf(k) % PALETTE.length]; }
    scale = { lo: lo, hi: hi, W: W, x: function (n) { return (n - lo) / (hi - lo) * (W - 2) + 1; } };
    var bw = Math.max(1, (W - 2) / (hi - lo) - 1);
    Object.keys(perDay).forEach(function (day) {
      var y = H - pad, x = scale.x(dayNum(day));
      perDay[day].forEach(function (d) {
        var h = d.n / max * (H - pad - 6);
        var r = svgEl("rect", { x: x, y: y - h, width: bw, height: h, fill: color(d.key) });
        var tip = svgEl("title", {});
        tip.textContent = day + ": " + d.n + " " + d.key;
        r.appendChild(tip);
        svg.appendChild(r);
        y -= h;
      });
    });
    [lo, (lo + hi) / 2, hi - 1].forEach(function (n, i) {
      var t = svgEl("text", { x: i === 0 ? 2 : (i === 1 ? W / 2 - 30 : W - 64), y: H - 4, "class": "axis" });
      t.textContent = dayStr(n);
      svg.appendChild(t);
    });
    keys.forEach(function (k) {
      var s = el("span", "swatch");
      s.style.background = color(k);
      legend.appendChild(s);
      legend.appendChild(document.createTextNode(k));
    });
    drawBrush();
  }

  function drawBrush() {
    var old = svg.querySelector(".brush");
    if (old) { svg.removeChild(old); }
    var since = document.getElementById("f-since").value, until = document.getElementById("f-until").value;
    if (!scale || (!since && !until)) { return; }
    var a = scale.x(since ? dayNum(since) : scale.lo), b = scale.x(until ? dayNum(until) + 1 : scale.hi);
    svg.appendChild(svgEl("rect", { "class": "brush", x: Math.min(a, b), y: 0,
      width: Math.max(2, Math.abs(b - a)), height: svg.clientHeight || 130 }));
  }

  var dragFrom = null;
  function xDay(evt) {
    var r = svg.getBoundingClientRect();
    var x = Math.max(0, Math.min(r.width, evt.clientX - r.left));
    return scale.lo + (x - 1) / (r.width - 2) * (scale.hi - scale.lo);
  }
  svg.addEventListener("pointerdown", function (evt) {
    if (!scale) { return; }
    dragFrom = xDay(evt);
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener("pointermove", function (evt) {
    if (dragFrom === null) { return; }
    setRange(dragFrom, xDay(evt));
    drawBrush();
  });
  svg.addEventListener("pointerup", function (evt) {
    if (dragFrom === null) { return; }
    var to = xDay(evt);
    if (Math.abs(to - dragFrom) < 0.5) { to = dragFrom; }
    setRange(dragFrom, to);
    dragFrom = null;
    drawBrush();
    loadCells();
  });
  function setRange(a, b) {
    document.getElementById("f-since").value = dayStr(Math.floor(Math.min(a, b)));
    document.getElementById("f-until").value = dayStr(Math.floor(Math.max(a, b)));
  }
  document.getElementById("t-clear").addEventListener("click", function () {
    document.getElementById("f-since").value = "";
    document.getElementById("f-until").value = "";
    drawBrush();
    loadCells();
  });
  document.getElementById("t-by").addEventListener("change", loadTimeline);
  window.addEventListener("resize", drawTimeline);

  // ------------------------------------------------------------------ filters
  form.addEventListener("submit", function (evt) {
    evt.preventDefault();
    var p = filters();
    history.replaceState(null, "", "/?" + p.toString());
    loadCells();
    loadTimeline();
  });
  ["f-type", "f-status"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", function () { form.requestSubmit(); });
  });

  loadCells();
  loadTimeline();
})();
