// The dashboard's page: polls api/stats every second, keeps the last ten minutes here, draws them.
// Everything from the run is set as text (textContent), never as markup.
"use strict";
(function () {
  const KEEP_MS = 10 * 60 * 1000;
  const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
  const CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx", "other"];
  const history = [];
  const fmt = new Intl.NumberFormat("en-US");

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  const num = (n) => (n === null || n === undefined ? "-" : fmt.format(n));
  function bytes(n) {
    const units = ["B", "KB", "MB", "GB", "TB"];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  }
  const ms = (v) => (v === undefined ? "-" : v.toFixed(2) + " ms");
  function duration(s) {
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.floor(s % 60);
    return (h ? h + "h " : "") + (h || m ? m + "m " : "") + sec + "s";
  }
  const reasons = (map) => Object.entries(map || {}).filter(([, n]) => n > 0).map(([r, n]) => r + " " + fmt.format(n)).join(", ");

  // Per second between the two latest readings, for the value pick() takes from a reading.
  function rate(pick) {
    if (history.length < 2) return 0;
    const a = history[history.length - 2], b = history[history.length - 1];
    const dt = (b.time - a.time) / 1000;
    return dt > 0 ? Math.max(0, (pick(b) - pick(a)) / dt) : 0;
  }
  // A series over the history: for rates, the change between neighbours per second.
  function series(pick, perSecond) {
    const points = [];
    for (let i = perSecond ? 1 : 0; i < history.length; i++) {
      const b = history[i], v = pick(b);
      if (v === undefined || v === null) continue;
      if (!perSecond) { points.push([b.time, v]); continue; }
      const a = history[i - 1], w = pick(a), dt = (b.time - a.time) / 1000;
      if (w !== undefined && w !== null && dt > 0) points.push([b.time, Math.max(0, (v - w) / dt)]);
    }
    return points;
  }
  const stage = (s, name) => s.stages.find((x) => x.name === name);
  const replay = (s, name) => s.replays.find((x) => x.stage === name);

  function chart(target, lines, unit) {
    const box = target.getBoundingClientRect();
    const W = Math.max(300, box.width || 600), H = Math.max(100, box.height || 160), L = 52, B = 16, T = 6;
    while (target.firstChild) target.removeChild(target.firstChild);
    target.setAttribute("viewBox", "0 0 " + W + " " + H);
    const now = history.length ? history[history.length - 1].time : Date.now();
    // from the first reading kept (at least a minute) to now: a young page's lines fill the chart too
    const span = Math.min(KEEP_MS, Math.max(60000, history.length ? now - history[0].time : 0));
    const t0 = now - span;
    let max = 0;
    lines.forEach((l) => l.points.forEach((p) => { if (p[1] > max) max = p[1]; }));
    max = max > 0 ? max * 1.1 : 1;
    const x = (t) => L + ((t - t0) / span) * (W - L - 4), y = (v) => T + (1 - v / max) * (H - T - B);
    for (let i = 0; i <= 4; i++) {
      const v = (max * i) / 4;
      target.appendChild(svg("line", { class: "grid", x1: L, x2: W - 4, y1: y(v), y2: y(v) }));
      const label = svg("text", { x: L - 4, y: y(v) + 3, "text-anchor": "end" });
      label.textContent = (v >= 100 ? Math.round(v) : v.toFixed(v >= 10 ? 1 : 2)) + (unit || "");
      target.appendChild(label);
    }
    const step = [10000, 30000, 60000, 120000].find((st) => span / st <= 6);
    for (let ago = 0; ago <= span; ago += step) {
      const label = svg("text", { x: x(now - ago), y: H - 3, "text-anchor": ago === 0 ? "end" : "middle" });
      label.textContent = ago === 0 ? "now" : "-" + (ago < 60000 ? ago / 1000 + "s" : ago / 60000 + "m");
      target.appendChild(label);
    }
    lines.forEach((l, i) => {
      if (!l.points.length) return;
      const line = svg("polyline", { stroke: COLORS[i % COLORS.length], points: l.points.map((p) => x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1)).join(" ") });
      const title = svg("title");
      title.textContent = l.name;
      line.appendChild(title);
      target.appendChild(line);
    });
    legend(target, lines);
  }
  function legend(target, lines) {
    let box = target.nextElementSibling;
    if (!box || !box.classList.contains("legend")) {
      box = el("div", { class: "legend" });
      target.after(box);
    }
    box.replaceChildren(...lines.map((l, i) => {
      const item = el("span", {}, l.name);
      const swatch = el("i");
      swatch.style.background = COLORS[i % COLORS.length]; // through the CSSOM: the policy forbids style attributes
      item.prepend(swatch);
      return item;
    }));
  }

  function cell(row, text, key, cls) {
    const td = el("td", {}, text);
    if (key) td.setAttribute("data-key", key);
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function renderStages(s) {
    const body = document.querySelector("#stages tbody");
    body.replaceChildren(...s.stages.map((st) => {
      const row = el("tr");
      cell(row, st.name, null, "text");
      cell(row, num(st.messages), st.name + "|messages");
      cell(row, num(Math.round(rate((r) => (stage(r, st.name) || st).messages))), st.name + "|rate");
      cell(row, bytes(st.bytes), st.name + "|bytes");
      cell(row, num(st.queueDepth), st.name + "|queue");
      cell(row, num(st.dropped), st.name + "|dropped", st.dropped > 0 ? "bad" : "");
      cell(row, reasons(st.drops), st.name + "|drops", "text");
      cell(row, [reasons(st.repairs), reasons(st.skips)].filter((x) => x).join("; "), null, "text");
      return row;
    }));
    chart(document.getElementById("chart-rates"), s.stages.map((st) => ({ name: st.name, points: series((r) => (stage(r, st.name) || {}).messages, true) })), "/s");
    chart(document.getElementById("chart-drops"), s.stages.filter((st) => st.dropped > 0).map((st) => ({ name: st.name, points: series((r) => (stage(r, st.name) || {}).dropped, true) })), "/s");
    chart(document.getElementById("chart-queues"), s.stages.map((st) => ({ name: st.name, points: series((r) => (stage(r, st.name) || {}).queueDepth, false) })), "");
  }

  function card(title, rows, prefix) {
    const c = el("div", { class: "card" });
    c.appendChild(el("h3", {}, title));
    const dl = el("dl");
    rows.forEach(([label, value, key]) => {
      dl.appendChild(el("dt", {}, label));
      dl.appendChild(el("dd", key ? { "data-key": prefix + "|" + key } : {}, value));
    });
    c.appendChild(dl);
    return c;
  }

  function renderCaptures(s) {
    document.getElementById("capture-section").hidden = s.captures.length === 0;
    document.getElementById("captures").replaceChildren(...s.captures.map((c) => card(c.stage, [
      ["packets", num(c.packets), "packets"],
      ["packets per second", num(Math.round(rate((r) => (r.captures.find((x) => x.stage === c.stage) || c).packets)))],
      ["kernel drops", num(c.kernelDrops), "kernelDrops"],
      ["interface drops", num(c.interfaceDrops), "interfaceDrops"],
      ["TCP segments", num(c.segments), "segments"],
      ["flows seen", num(c.flows), "flows"],
      ["open flows", num(c.openFlows), "openFlows"],
      ["gaps", num(c.gaps), "gaps"],
      ["queued", num(c.queued), "queued"]], c.stage)));
  }

  const LINK_UP = { "tcp-out": "connections up", "tcp-in": "senders connected", "kafka-out": "brokers taking messages", middleware: "program running" };
  const LINK_WAITING = { "tcp-out": "queued", "tcp-in": "queued", "kafka-out": "not yet acknowledged", middleware: "not given back" };

  function renderLinks(s) {
    const links = s.links || [];
    document.getElementById("link-section").hidden = links.length === 0;
    document.getElementById("links").replaceChildren(...links.map((l) => {
      const up = l.kind === "kafka-out" || l.kind === "middleware" ? (l.up > 0 ? "yes" : "no")
        : num(l.up) + (l.of === null ? "" : " of " + num(l.of));
      const c = card(l.stage, [[LINK_UP[l.kind] || "up", up, "up"], [LINK_WAITING[l.kind] || "waiting", num(l.waiting), "waiting"]], l.stage);
      if (l.note) c.appendChild(el("p", { class: "bad" }, l.note));
      if (l.of !== null && l.up < l.of) c.classList.add("warn");
      return c;
    }));
  }

  function renderReplays(s) {
    document.getElementById("replay-section").hidden = s.replays.length === 0;
    const box = document.getElementById("replays");
    s.replays.forEach((r, i) => {
      let block = box.children[i];
      if (!block || block.getAttribute("data-stage") !== r.stage) {
        block = el("div", { class: "replay", "data-stage": r.stage });
        const charts = el("div");
        charts.appendChild(el("h3", {}, "responses per second"));
        charts.appendChild(svg("svg", { class: "chart small", "data-chart": "responses" }));
        charts.appendChild(el("h3", {}, "latency (last second): p50, p90, p99"));
        charts.appendChild(svg("svg", { class: "chart small", "data-chart": "latency" }));
        block.appendChild(el("div", { "data-part": "numbers" }));
        block.appendChild(charts);
        if (box.children[i]) box.replaceChild(block, box.children[i]); else box.appendChild(block);
      }
      const rows = [["sent", num(r.sent), "sent"], ["responses", num(r.responsesTotal), "responsesTotal"]];
      CLASSES.forEach((c) => { if (r.kind === "http" || c === "other") rows.push(["  " + c, num(r.responses[c]), "responses." + c]); });
      Object.entries(r.errors).forEach(([reason, n]) => rows.push(["error " + reason, num(n), "errors." + reason]));
      rows.push(["in flight", num(r.inFlight), "inFlight"], ["connections", num(r.connections), "connections"],
        ["queue", num(r.queue), "queue"], ["p50 / p99 (run)", ms(r.latencyMs.p50) + " / " + ms(r.latencyMs.p99)],
        ["p50 / p99 (last second)", ms(r.recentLatencyMs.p50) + " / " + ms(r.recentLatencyMs.p99)]);
      block.querySelector("[data-part=numbers]").replaceChildren(card(r.stage, rows, r.stage));
      chart(block.querySelector("[data-chart=responses]"), CLASSES.filter((c) => r.responses[c] > 0).map((c) => ({ name: c, points: series((h) => ((replay(h, r.stage) || {}).responses || {})[c], true) })), "/s");
      chart(block.querySelector("[data-chart=latency]"), ["p50", "p90", "p99"].map((p) => ({ name: p, points: series((h) => ((replay(h, r.stage) || {}).recentLatencyMs || {})[p], false) })), "ms");
    });
    while (box.children.length > s.replays.length) box.removeChild(box.lastChild);
  }

  function renderCompare(s) {
    const c = s.compare;
    document.getElementById("compare-section").hidden = !c;
    if (!c) return;
    const line = document.getElementById("compare-line");
    line.replaceChildren(el("span", {}, "compared "), el("b", { "data-key": "compare|compared" }, num(c.compared)),
      el("span", {}, ", with a real difference "), el("b", { "data-key": "compare|differing" }, num(c.differing)),
      el("span", {}, reasons(c.notCompared) ? ", not compared: " + reasons(c.notCompared) : ""));
    document.querySelector("#endpoints tbody").replaceChildren(...c.endpoints.map((e) => {
      const row = el("tr");
      cell(row, e.endpoint, null, "text");
      cell(row, num(e.compared), e.endpoint + "|compared");
      cell(row, num(e.differing), e.endpoint + "|differing", e.differing > 0 ? "bad" : "");
      cell(row, (e.differingRate * 100).toFixed(1) + "%");
      cell(row, num(e.unanswered));
      cell(row, ms(e.referenceP50Ms));
      cell(row, ms(e.candidateP50Ms));
      cell(row, e.fields.slice(0, 5).map((f) => f.field + " " + fmt.format(f.differences) + (f.noise === f.differences ? " (noise)" : "")).join(", "), null, "text");
      const x = e.fields.map((f) => f.example).find((v) => v);
      cell(row, x ? x.request + "\n" + x.path + ": " + (x.reference === "" ? "(absent)" : x.reference) + "  ->  " + (x.candidate === "" ? "(absent)" : x.candidate) : (s.showPayloads ? "" : "hidden"), null, "example");
      return row;
    }));
  }

  function render(s) {
    document.getElementById("uptime").textContent = duration(s.uptimeSeconds);
    document.getElementById("dropped-total").textContent = num(s.droppedTotal);
    document.getElementById("privacy").textContent = s.showPayloads ? "payloads shown" : "payloads hidden";
    renderStages(s);
    renderCaptures(s);
    renderLinks(s);
    renderReplays(s);
    renderCompare(s);
  }

  async function poll() {
    const status = document.getElementById("status");
    try {
      const response = await fetch("api/stats", { cache: "no-store" });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const s = await response.json();
      history.push(s);
      while (history.length && history[0].time < s.time - KEEP_MS) history.shift();
      render(s);
      status.textContent = "live";
      status.className = "status live";
    } catch (e) {
      status.textContent = "not answering (the run ended?)";
      status.className = "status down";
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
