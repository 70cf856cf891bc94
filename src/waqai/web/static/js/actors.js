// Draw the actor → recipient network from the JSON API with Cytoscape.
// Labels are set as data and drawn on a canvas, so names are never parsed as HTML.
"use strict";
(function () {
  const box = document.getElementById("network");
  if (!box) return;
  const colours = { 1: "#2b8cbe", 2: "#238b45", 3: "#fd8d3c", 4: "#de2d26" };
  fetch(box.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((net) => {
      if (!net.edges.length) {
        box.textContent = "No actor → recipient events for these filters.";
        box.classList.add("empty");
        return;
      }
      const maxW = Math.max(...net.edges.map((e) => e.weight));
      const maxN = Math.max(...net.nodes.map((n) => n.weight));
      const elements = [];
      net.nodes.forEach((n, i) => {
        elements.push({ data: { id: "n" + i, label: n.label, size: 18 + 30 * (n.weight / maxN) } });
      });
      const ids = new Map(net.nodes.map((n, i) => [n.id, "n" + i]));
      net.edges.forEach((e) => {
        elements.push({
          data: {
            id: e.id,
            source: ids.get(e.source),
            target: ids.get(e.target),
            width: 1.5 + 8 * (e.weight / maxW),
            colour: colours[e.quad_class] || "#888888",
            label: String(e.weight),
          },
        });
      });
      const cy = cytoscape({
        container: box,
        elements: elements,
        layout: { name: "cose", animate: false, padding: 30, randomize: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 70, nodeRepulsion: () => 12000, componentSpacing: 30 },
        style: [
          { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#4a4a6a", "font-size": 20, "font-weight": "bold", color: "#222", "text-valign": "bottom", "text-margin-y": 4 } },
          { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 14, "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
        ],
      });
      cy.on("tap", "node", (evt) => {
        const params = new URLSearchParams(window.location.search);
        params.set("actor", evt.target.data("label"));
        window.location.href = "/timeline?" + params.toString();
      });
      box.dataset.rendered = "true";
    })
    .catch((err) => { box.textContent = "The network could not be loaded (" + err.message + ")."; });
})();
