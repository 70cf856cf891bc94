// Draw merged events per day by PLOVER type (stacked bars) from the JSON API.
// The data URL comes from a data attribute: no data is ever written into a script.
"use strict";
(function () {
  const canvas = document.getElementById("timeline-chart");
  const note = document.getElementById("timeline-note");
  if (!canvas) return;
  // one hue family per quad class: cooperation greens/blues, conflict oranges/reds
  const palette = {
    1: ["#2b8cbe", "#74a9cf", "#0570b0", "#a6bddb"],
    2: ["#238b45", "#74c476", "#006d2c", "#a1d99b"],
    3: ["#fd8d3c", "#fdae6b", "#e6550d", "#fdd0a2"],
    4: ["#de2d26", "#a50f15", "#fb6a4a", "#67000d"],
    0: ["#888888", "#bbbbbb", "#555555"],
  };
  const used = {};
  function colour(quad) {
    const family = palette[quad] || palette[0];
    const i = used[quad] = (used[quad] === undefined ? 0 : used[quad] + 1);
    return family[i % family.length];
  }
  fetch(canvas.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((data) => {
      if (!data.labels.length) {
        note.textContent = "No dated events for these filters.";
        canvas.hidden = true;
        return;
      }
      if (data.undated) note.textContent = data.undated + " event(s) without a full date are not drawn.";
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.series.map((s) => ({ label: s.type, data: s.data, backgroundColor: colour(s.quad_class || 0) })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { stacked: true, title: { display: true, text: data.unit === "month" ? "month" : "day" } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "merged events" } },
          },
          plugins: { legend: { position: "bottom" } },
        },
      });
      canvas.dataset.rendered = "true";
    })
    .catch((err) => { note.textContent = "The chart could not be loaded (" + err.message + ")."; });
})();
