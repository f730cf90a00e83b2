/* The time left of [data-ends-at] elements, every second; the server renders the end time and a first value,
   and the htmx poll replaces the price area (this finds the new elements on its next tick). */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var nodes = document.querySelectorAll("[data-ends-at]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var left = Math.floor((Date.parse(node.getAttribute("data-ends-at")) - Date.now()) / 1000);
      if (isNaN(left)) { continue; }
      if (left <= 0) { node.textContent = node.getAttribute("data-ended") || "0:00"; continue; }
      var days = Math.floor(left / 86400), hours = Math.floor(left % 86400 / 3600);
      var text = pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
      text = (days ? days + (node.getAttribute("data-day") || "d") + " " : "") + (days || hours ? hours + ":" : "") + text;
      node.textContent = text;
    }
  }
  tick();
  setInterval(tick, 1000);
}());
