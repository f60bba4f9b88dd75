// The graph page: the actor network (cytoscape.js) and a timeline of the same events, both filtered by
// the form above them. A click on an actor opens its entity page; a click on a connection or a timeline
// dot lists the events with the sentences they were read from. Text from the graph is set with
// textContent only (it is article text). window.kgGraph exposes the state for the browser tests.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const form = document.getElementById("kg-filters");
  const status = document.getElementById("kg-status");
  const details = document.getElementById("kg-details");
  const timeline = document.getElementById("kg-timeline");
  const SVG = "http://www.w3.org/2000/svg";
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"];
  const state = (window.kgGraph = { ready: false, cy: null, events: [], error: null });

  function typeColour(type) {
    const index = config.eventTypes.indexOf(type);
    return PALETTE[(index < 0 ? 0 : index) % PALETTE.length];
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function filterQuery() {
    const params = new URLSearchParams();
    for (const field of form.elements) {
      if (!field.name) continue;
      if (field.multiple) {
        for (const option of field.selectedOptions) params.append(field.name, option.value);
      } else if (field.value.trim()) {
        params.set(field.name, field.value.trim());
      }
    }
    return params;
  }

  function fillForm(params) {
    for (const field of form.elements) {
      if (!field.name) continue;
      if (field.multiple) {
        const wanted = params.getAll(field.name);
        for (const option of field.options) option.selected = wanted.includes(option.value);
      } else {
        field.value = params.get(field.name) || "";
      }
    }
  }

  function updateExportLink() {
    const params = filterQuery();
    params.set("format", document.getElementById("kg-export-format").value);
    params.set("view", document.getElementById("kg-export-view").value);
    document.getElementById("kg-export-link").href = config.export + "?" + params.toString();
  }

  function showEvents(title, events) {
    details.replaceChildren(element("h3", title));
    for (const event of events) {
      const box = element("div", null, "kg-event");
      box.style.borderLeftColor = typeColour(event.type);
      const heading = element("div");
      const link = element("a", event.type);
      link.href = config.entityPage + "?iri=" + encodeURIComponent(event.iri);
      heading.append(link, " " + (event.mode ? "(" + event.mode + ") " : "") +
        (event.dateStated ? event.when : "not after " + event.when));
      box.append(heading);
      const who = Object.entries(event.roles)
        .filter(([role]) => role !== "participant")
        .map(([role, actors]) => role.replace("_", " ") + ": " + actors.map((a) => a.label).join(", "));
      if (event.roles.participant) {
        who.push("participants: " + event.roles.participant.map((a) => a.label).join(", "));
      }
      box.append(element("div", who.join(" · "), "kg-meta"));
      if (event.topics.length) box.append(element("div", "about: " + event.topics.join("; "), "kg-meta"));
      for (const sentence of event.evidence) box.append(element("blockquote", sentence, "kg-evidence"));
      if (event.article.headline || event.article.iri) {
        const source = element("div", null, "kg-meta");
        const article = element("a", event.article.headline || event.article.iri);
        article.href = event.article.url || config.entityPage + "?iri=" + encodeURIComponent(event.article.iri);
        source.append("from ", article);
        box.append(source);
      }
      details.append(box);
    }
  }

  function drawNetwork(elements) {
    if (state.cy) state.cy.destroy();
    state.cy = cytoscape({
      container: document.getElementById("kg-graph"),
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          width: "mapData(events, 1, 10, 18, 44)", height: "mapData(events, 1, 10, 18, 44)",
          "background-color": "#1f3a5f" } },
        { selector: "node[actor_type = 'GPE']", style: { "background-color": "#2a7f62", shape: "round-rectangle" } },
        { selector: "node[actor_type = 'ORG']", style: { "background-color": "#b06d1c", shape: "diamond" } },
        { selector: "edge", style: {
          label: "data(event_type)", "font-size": 9, "curve-style": "bezier", "text-rotation": "autorotate",
          width: "mapData(weight, 1, 10, 1.5, 8)", "line-color": "#889", "target-arrow-color": "#889",
          "target-arrow-shape": "triangle", "text-background-color": "#fbfbfd", "text-background-opacity": 1 } },
        { selector: "edge[?directed]", style: { "target-arrow-shape": "triangle" } },
        { selector: "edge[!directed]", style: { "target-arrow-shape": "none", "line-style": "dashed" } },
        { selector: ":selected", style: { "line-color": "#d62728", "target-arrow-color": "#d62728",
          "background-color": "#d62728" } },
      ],
      layout: { name: "cose", animate: false, randomize: true, idealEdgeLength: () => 110,
        nodeRepulsion: () => 400000, nodeOverlap: 40, componentSpacing: 80, padding: 30 },
    });
    state.cy.on("tap", "node", (tapped) => {
      window.location.href = config.entityPage + "?iri=" + encodeURIComponent(tapped.target.id());
    });
    state.cy.on("tap", "edge", (tapped) => {
      const edge = tapped.target;
      const wanted = new Set((edge.data("events") || "").split(" "));
      const title = edge.source().data("label") + " – " + edge.target().data("label");
      showEvents(title, state.events.filter((event) => wanted.has(event.iri)));
    });
  }

  function drawTimeline(events) {
    timeline.replaceChildren();
    const dated = events.filter((event) => event.when);
    if (!dated.length) {
      timeline.append(element("p", "No dated events."));
      return;
    }
    const time = (event) => Date.parse(event.when.length === 4 ? event.when + "-07-01"
      : event.when.length === 7 ? event.when + "-15" : event.when);
    const times = dated.map(time);
    let first = Math.min(...times), last = Math.max(...times);
    if (first === last) { first -= 86400000 * 3; last += 86400000 * 3; }
    const width = timeline.clientWidth || 900, left = 40, right = width - 40;
    const stacked = new Map();
    const placed = dated.map((event, index) => {
      const x = left + ((times[index] - first) / (last - first)) * (right - left);
      const slot = Math.round(x / 10);
      const level = stacked.get(slot) || 0;
      stacked.set(slot, level + 1);
      return { event, x, level };
    });
    const axis = 20 + Math.max(...placed.map((dot) => dot.level)) * 14;
    const height = axis + 26;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("height", height);
    const line = document.createElementNS(SVG, "line");
    for (const [name, value] of [["x1", left], ["x2", right], ["y1", axis], ["y2", axis], ["stroke", "#888"]]) {
      line.setAttribute(name, value);
    }
    svg.append(line);
    for (const [value, anchor] of [[first, "start"], [last, "end"]]) {
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", value === first ? left : right);
      label.setAttribute("y", axis + 18);
      label.setAttribute("text-anchor", anchor);
      label.textContent = new Date(value).toISOString().slice(0, 10);
      svg.append(label);
    }
    for (const { event, x, level } of placed) {
      const dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", x);
      dot.setAttribute("cy", axis - 8 - level * 14);
      dot.setAttribute("r", 6);
      dot.setAttribute("fill", typeColour(event.type));
      dot.setAttribute("class", "kg-timeline-event");
      dot.setAttribute("data-iri", event.iri);
      const tip = document.createElementNS(SVG, "title");
      tip.textContent = event.type + " " + event.when + (event.evidence[0] ? ": " + event.evidence[0] : "");
      dot.append(tip);
      dot.addEventListener("click", () => showEvents(event.type + " " + event.when, [event]));
      svg.append(dot);
    }
    timeline.append(svg);
  }

  async function load() {
    state.ready = false;
    state.error = null;
    status.className = "kg-status";
    status.textContent = "loading…";
    updateExportLink();
    const params = filterQuery();
    try {
      const response = await fetch(config.data + "?" + params.toString(), { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error((await response.text()).trim() || response.statusText);
      const data = await response.json();
      state.events = data.events;
      drawNetwork(data.elements);
      drawTimeline(data.events);
      status.textContent = data.elements.nodes.length + " actors, " + data.elements.edges.length +
        " connections, " + data.events.length + " events";
    } catch (error) {
      state.error = String(error.message || error);
      status.className = "kg-status kg-error";
      status.textContent = state.error;
    }
    state.ready = true;
  }

  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const params = filterQuery();
    history.replaceState(null, "", "?" + params.toString());
    load();
  });
  for (const id of ["kg-export-format", "kg-export-view"]) {
    document.getElementById(id).addEventListener("change", updateExportLink);
  }
  form.addEventListener("change", updateExportLink);
  fillForm(new URLSearchParams(window.location.search));
  load();
})();
