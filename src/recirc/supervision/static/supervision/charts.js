/* Recirc supervision: hand each chart's server-built option (a json_script) to ECharts. No build step. */
(function () {
  "use strict";
  var charts = [];

  function render(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(function (element) {
      if (element.dataset.ready || typeof echarts === "undefined") { return; }
      var source = document.getElementById(element.dataset.chart);
      if (!source) { return; }
      var option = JSON.parse(source.textContent);
      var chart = echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(option);
      element.dataset.ready = "1";
      charts.push(chart);
    });
  }

  function resize() { charts.forEach(function (chart) { chart.resize(); }); }

  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    charts = charts.filter(function (chart) { return !chart.isDisposed() && document.body.contains(chart.getDom()); });
    render(event.target);
  });
  window.addEventListener("resize", resize);
})();
