// The map page: an offline basemap (world-atlas countries, drawn from TopoJSON as a GeoJSON
// layer; no tile server) and a marker per event place, drawn by its geo precision.
"use strict";

(() => {
  const holder = document.getElementById("map");
  const status = document.getElementById("map-status");
  const map = L.map(holder, { worldCopyJump: true, attributionControl: true }).setView([30, 30], 3);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (world-atlas)");

  // precision 1: a town or site; 2: part of or near one; 3: a region or country
  const STYLE = {
    1: { radius: 7, weight: 2, dashArray: null, fillOpacity: 0.8, words: "a town or site" },
    2: { radius: 10, weight: 2, dashArray: "4 3", fillOpacity: 0.5, words: "near a town, or part of one" },
    3: { radius: 16, weight: 1, dashArray: "2 4", fillOpacity: 0.2, words: "a region or country" },
  };

  async function drawBasemap() {
    const topology = await threadline.getJSON("/vendor/countries-110m.json");
    const countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f1efe8", fillOpacity: 1 },
    }).addTo(map);
  }

  function popupOf(place, events) {
    const box = document.createElement("div");
    box.append(threadline.element("strong", place.name));
    box.append(threadline.element("div", `precision ${place.precision}: ${(STYLE[place.precision] || STYLE[3]).words}`, "precision"));
    const list = document.createElement("ul");
    for (const event of events) {
      const item = document.createElement("li");
      const link = threadline.element("a", `${event.type.replaceAll("_", " ")} ${event.date || ""}`);
      link.href = event.location ? `/entity/${encodeURIComponent(event.location.id)}#${encodeURIComponent(event.id)}` : "#";
      item.append(link);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  function drawMarkers(events) {
    const byPlace = new Map();
    for (const event of events) {
      if (!event.place) continue;
      const key = event.place.entity_id;
      if (!byPlace.has(key)) byPlace.set(key, { place: event.place, events: [] });
      byPlace.get(key).events.push(event);
    }
    const markers = [];
    for (const { place, events: here } of byPlace.values()) {
      const style = STYLE[place.precision] || STYLE[3];
      const marker = L.circleMarker([place.lat, place.lon], {
        radius: style.radius,
        weight: style.weight,
        dashArray: style.dashArray,
        fillOpacity: style.fillOpacity,
        color: "#b2182b",
        fillColor: "#ef8a62",
        className: `marker precision-${place.precision}`,
      });
      marker.bindPopup(popupOf(place, here));
      marker.bindTooltip(threadline.element("span", `${place.name} (${here.length})`));
      marker.addTo(map);
      markers.push(marker);
    }
    if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: 6 });
    return markers.length;
  }

  async function load() {
    try {
      await drawBasemap();
      const page = await threadline.getJSON("/api/events", { entity: holder.dataset.entity, limit: 200 });
      const count = drawMarkers(page.events);
      threadline.say(status, `${count} places of ${page.events.length} events`);
      document.body.dataset.mapReady = "yes";
    } catch (error) {
      threadline.say(status, `Could not draw the map: ${error.message}`);
    }
  }

  load();
})();
