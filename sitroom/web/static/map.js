// The map page. Hovering or focusing a marker highlights its row in the events table.
// With a tile URL configured (the #map-tiles JSON block), one tile is probed first: if it loads
// in time, the markers are drawn on web map tiles (Web Mercator) and the SVG map is hidden;
// if it fails or times out, the offline SVG map stays. #map's data-tiles says which happened.
// The tile view fits the frame of the SVG map (the JSON block's "frame").
(function () {
  "use strict";
  const TILE = 256; // px, the side of a slippy-map tile
  const MAX_ZOOM = 12; // one place alone: a town and its surroundings
  const PADDING = 40; // px kept free between the markers and the edge of the map
  const PROBE_TIMEOUT_MS = 4000;
  const MAX_LAT = 85.0511287798; // Web Mercator stops here

  function highlightRows(markers) {
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
  }

  // The pixel of a point in the world image at a zoom (the world is 256 * 2^zoom pixels square).
  function project(lat, lon, zoom) {
    const size = TILE * Math.pow(2, zoom);
    const phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
    return {
      x: (lon + 180) / 360 * size,
      y: (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * size,
    };
  }

  function extent(points) {
    const xs = points.map(function (p) { return p.x; });
    const ys = points.map(function (p) { return p.y; });
    return { west: Math.min.apply(null, xs), east: Math.max.apply(null, xs),
             north: Math.min.apply(null, ys), south: Math.max.apply(null, ys) };
  }

  // The view of the markers: the largest zoom at which they all fit, centred on them, and the
  // tiles covering it (x wraps around the world, y stops at its top and bottom).
  function layout(markers, width, height) {
    let zoom = MAX_ZOOM;
    let box = null;
    for (; zoom >= 0; zoom -= 1) {
      box = extent(markers.map(function (m) { return project(m.lat, m.lon, zoom); }));
      if (box.east - box.west <= width - 2 * PADDING && box.south - box.north <= height - 2 * PADDING) break;
    }
    zoom = Math.max(zoom, 0);
    const count = Math.pow(2, zoom);
    const centre = { x: (box.west + box.east) / 2, y: (box.north + box.south) / 2 };
    const left = centre.x - width / 2;
    const top = centre.y - height / 2;
    const tiles = [];
    const firstRow = Math.max(0, Math.floor(top / TILE));
    const lastRow = Math.min(count - 1, Math.floor((top + height - 1) / TILE));
    for (let row = firstRow; row <= lastRow; row += 1) {
      for (let column = Math.floor(left / TILE); column <= Math.floor((left + width - 1) / TILE); column += 1) {
        tiles.push({ x: ((column % count) + count) % count, y: row, left: column * TILE - left, top: row * TILE - top });
      }
    }
    const probe = {
      x: ((Math.floor(centre.x / TILE) % count) + count) % count,
      y: Math.max(0, Math.min(count - 1, Math.floor(centre.y / TILE))),
    };
    return { zoom: zoom, left: left, top: top, tiles: tiles, probe: probe };
  }

  function tileUrl(template, zoom, x, y) {
    return template.replace(/\{z\}/g, String(zoom)).replace(/\{x\}/g, String(x)).replace(/\{y\}/g, String(y));
  }

  // Calls done(true) when the image at url loads within the time limit, else done(false).
  function probe(url, done) {
    const img = new Image();
    let settled = false;
    function settle(ok) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      img.onload = img.onerror = null;
      if (!ok) img.removeAttribute("src");
      done(ok);
    }
    const timer = setTimeout(function () { settle(false); }, PROBE_TIMEOUT_MS);
    img.onload = function () { settle(img.naturalWidth > 0); };
    img.onerror = function () { settle(false); };
    img.src = url;
  }

  function tileMap(data, view, width, height) {
    const layer = document.createElement("div");
    layer.className = "tilemap";
    layer.setAttribute("role", "region");
    const events = data.markers.reduce(function (sum, m) { return sum + m.count; }, 0);
    layer.setAttribute("aria-label", "Map of " + events + " located events on web map tiles");
    layer.style.width = width + "px";
    layer.style.height = height + "px";
    view.tiles.forEach(function (tile) {
      const img = document.createElement("img");
      img.alt = "";
      img.style.left = tile.left + "px";
      img.style.top = tile.top + "px";
      img.onerror = function () { img.remove(); };
      img.src = tileUrl(data.url, view.zoom, tile.x, tile.y);
      layer.appendChild(img);
    });
    data.markers.forEach(function (m) {
      const at = project(m.lat, m.lon, view.zoom);
      const link = document.createElement("a");
      link.className = "marker";
      link.href = m.href;
      link.dataset.event = m.id;
      link.title = m.label;
      link.setAttribute("aria-label", m.label);
      if (m.count > 1) {
        link.classList.add("cluster");
        link.textContent = String(m.count);
      }
      link.style.left = (at.x - view.left).toFixed(1) + "px";
      link.style.top = (at.y - view.top).toFixed(1) + "px";
      layer.appendChild(link);
    });
    const attribution = document.createElement("p");
    attribution.className = "attribution";
    const copyright = document.createElement("a");
    copyright.href = data.copyright;
    copyright.textContent = "OpenStreetMap";
    attribution.append("© ", copyright, " contributors");
    layer.appendChild(attribution);
    return layer;
  }

  const frame = document.getElementById("map");
  if (!frame) return;
  const svg = frame.querySelector("svg.map");
  highlightRows(svg.querySelectorAll(".marker"));
  const block = document.getElementById("map-tiles");
  if (!block) return;
  const data = JSON.parse(block.textContent);
  if (!data.markers.length) return;
  const width = Math.min(data.width, frame.clientWidth || data.width);
  const height = data.height;
  // Fit the frame the server chose (where most events are), not every marker.
  const corners = [{ lat: data.frame.south, lon: data.frame.west }, { lat: data.frame.north, lon: data.frame.east }];
  const view = layout(corners, width, height);
  probe(tileUrl(data.url, view.zoom, view.probe.x, view.probe.y), function (reachable) {
    if (!reachable) {
      frame.dataset.tiles = "unavailable";
      return;
    }
    const layer = tileMap(data, view, width, height);
    frame.insertBefore(layer, svg);
    svg.style.display = "none";
    highlightRows(layer.querySelectorAll(".marker"));
    frame.dataset.tiles = "shown";
  });
})();
