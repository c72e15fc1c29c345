// The network page: entities as nodes (coloured by type), facts and events as edges
// (coloured by predicate), laid out by fcose. A node opens its entity; an edge shows its evidence.
"use strict";

(() => {
  const form = document.getElementById("graph-filters");
  const status = document.getElementById("graph-status");
  const legend = document.getElementById("legend");
  cytoscape.use(cytoscapeFcose);

  const cy = cytoscape({
    container: document.getElementById("graph"),
    wheelSensitivity: 0.3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          label: "data(label)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 3,
          width: 18,
          height: 18,
        },
      },
      { selector: "node.center", style: { width: 30, height: 30, "border-width": 3, "border-color": "#222" } },
      {
        selector: "edge",
        style: {
          "line-color": "data(colour)",
          "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          width: "data(width)",
          label: "data(label)",
          "font-size": 9,
          color: "#555",
          "text-rotation": "autorotate",
        },
      },
      { selector: "edge.contested", style: { "line-style": "dashed" } },
      { selector: "edge.rejected", style: { "line-style": "dotted", opacity: 0.4 } },
    ],
  });

  function elementsOf(graph) {
    const nodes = graph.nodes.map((n) => ({
      group: "nodes",
      data: { id: n.id, label: n.label, type: n.type, colour: threadline.typeColour(n.type) },
      classes: n.id === graph.center ? "center" : "",
    }));
    const edges = graph.edges.map((e) => ({
      group: "edges",
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.predicate.replaceAll("_", " "),
        colour: threadline.colourOf(e.predicate),
        width: Math.min(1 + e.independent_sources, 6),
        edge: e,
      },
      classes: [e.contested ? "contested" : "", e.verdict === "reject" ? "rejected" : ""].join(" "),
    }));
    return [...nodes, ...edges];
  }

  function drawLegend(graph) {
    legend.replaceChildren();
    const types = [...new Set(graph.nodes.map((n) => n.type))].sort();
    const predicates = [...new Set(graph.edges.map((e) => e.predicate))].sort();
    for (const type of types) {
      const item = threadline.element("span", type, "key");
      item.style.borderColor = threadline.typeColour(type);
      legend.append(item);
    }
    for (const predicate of predicates) {
      const item = threadline.element("span", predicate.replaceAll("_", " "), "key edge-key");
      item.style.borderColor = threadline.colourOf(predicate);
      legend.append(item);
    }
  }

  function showEdge(edge) {
    const panel = document.getElementById("edge-evidence");
    const source = cy.getElementById(edge.source).data("label");
    const target = cy.getElementById(edge.target).data("label");
    threadline.say(document.getElementById("edge-title"), `${source} ${edge.predicate.replaceAll("_", " ")} ${target}`);
    const contested = edge.contested ? ", contested" : "";
    const badges = `${edge.independent_sources} independent source(s), ${edge.modality}${contested}`;
    threadline.say(document.getElementById("edge-badges"), badges);
    threadline.say(document.getElementById("edge-quote"), edge.quote || "");
    const link = document.getElementById("edge-link");
    link.href = `/entity/${encodeURIComponent(edge.source)}#${encodeURIComponent(edge.id)}`;
    threadline.getJSON(`/api/facts/${encodeURIComponent(edge.id)}`).then((fact) => {
      const quote = fact.quotes[0];
      if (quote) link.href = `/story/${encodeURIComponent(quote.story_id)}?start=${quote.start}&end=${quote.end}#evidence`;
    }).catch(() => {}); // the entity page's anchor stays the way to the evidence
    panel.hidden = false;
  }

  window.threadlineGraph = cy; // for the browser tests and the developer console

  cy.on("tap", "node", (event) => {
    window.location.assign(`/entity/${encodeURIComponent(event.target.id())}`);
  });
  cy.on("tap", "edge", (event) => showEdge(event.target.data("edge")));

  let latest = 0; // only the answer to the latest request is drawn

  async function load() {
    const asked = ++latest;
    document.body.dataset.graphReady = "no";
    const params = Object.fromEntries(new FormData(form).entries());
    if (!params.entity) {
      threadline.say(status, "Give an entity to draw the network around.");
      return;
    }
    threadline.say(status, "Loading…");
    try {
      const graph = await threadline.getJSON("/api/graph", params);
      if (asked !== latest) return;
      cy.elements().remove();
      cy.add(elementsOf(graph));
      cy.layout({ name: "fcose", animate: false, randomize: true, nodeSeparation: 90, idealEdgeLength: 110 }).run();
      drawLegend(graph);
      const cut = graph.truncated ? " (cut at the size limit)" : "";
      threadline.say(status, `${graph.nodes.length} entities, ${graph.edges.length} links${cut}`);
      // ready once drawn: a click finds an edge only where the renderer has drawn it
      window.requestAnimationFrame(() => window.requestAnimationFrame(() => {
        document.body.dataset.graphReady = "yes";
      }));
    } catch (error) {
      threadline.say(status, `Could not draw the network: ${error.message}`);
    }
  }

  // the filters as the address gives them: /network?entity=...&depth=2&predicate=...
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    // namedItem: only the form's own fields ("length" and the like are not fields)
    const field = form.elements.namedItem(key);
    if (field && "value" in field) field.value = value;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  load();
})();
