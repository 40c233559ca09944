// Hover or focus a node of the actor network to highlight its links and neighbours.
(function () {
  const svg = document.querySelector("svg.network");
  if (!svg) return;
  const edges = Array.from(svg.querySelectorAll(".edge"));
  const nodes = Array.from(svg.querySelectorAll(".node"));
  function focus(id) {
    const near = new Set([id]);
    edges.forEach(function (edge) {
      const linked = edge.dataset.source === id || edge.dataset.target === id;
      edge.classList.toggle("near", linked);
      if (linked) { near.add(edge.dataset.source); near.add(edge.dataset.target); }
    });
    nodes.forEach(function (node) { node.classList.toggle("near", near.has(node.dataset.node)); });
    svg.classList.add("focused");
  }
  function clear() { svg.classList.remove("focused"); }
  nodes.forEach(function (node) {
    node.addEventListener("mouseenter", function () { focus(node.dataset.node); });
    node.addEventListener("focusin", function () { focus(node.dataset.node); });
    node.addEventListener("mouseleave", clear);
    node.addEventListener("focusout", clear);
  });
})();
