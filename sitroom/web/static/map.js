// Hover or focus a map marker to highlight its row in the events table below the map.
(function () {
  const markers = document.querySelectorAll("svg.map .marker");
  markers.forEach(function (marker) {
    const row = document.getElementById("row-" + marker.dataset.event);
    if (!row) return;
    function on() { row.classList.add("highlight"); }
    function off() { row.classList.remove("highlight"); }
    marker.addEventListener("mouseenter", on);
    marker.addEventListener("focusin", on);
    marker.addEventListener("mouseleave", off);
    marker.addEventListener("focusout", off);
  });
})();
