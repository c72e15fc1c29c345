// The timeline page: events on vis-timeline, each item built as DOM text (never HTML).
"use strict";

(() => {
  const holder = document.getElementById("timeline");
  const status = document.getElementById("timeline-status");

  function itemOf(event) {
    const content = document.createElement("span");
    const where = event.location ? ` · ${event.location.name}` : "";
    content.textContent = `${event.type.replaceAll("_", " ")}${where}`;
    content.className = `tl-item${event.contested ? " contested" : ""}`;
    content.style.borderColor = threadline.colourOf(event.type);
    return { id: event.id, content, start: event.date, event };
  }

  function open(event) {
    const quote = event.quotes[0];
    if (quote) {
      window.location.assign(`/story/${encodeURIComponent(quote.story_id)}?start=${quote.start}&end=${quote.end}#evidence`);
    }
  }

  async function load() {
    try {
      const page = await threadline.getJSON("/api/events", { entity: holder.dataset.entity, limit: 200 });
      const dated = page.events.filter((e) => e.date);
      const items = new vis.DataSet(dated.map(itemOf));
      const timeline = new vis.Timeline(holder, items, { stack: true, zoomMin: 86400000, margin: { item: 6 } });
      timeline.on("select", (properties) => {
        const chosen = items.get(properties.items[0]);
        if (chosen) open(chosen.event);
      });
      const undated = page.events.length - dated.length;
      threadline.say(status, `${dated.length} dated events` + (undated ? `, ${undated} without a date (not shown)` : ""));
      document.body.dataset.timelineReady = "yes";
    } catch (error) {
      threadline.say(status, `Could not draw the timeline: ${error.message}`);
    }
  }

  load();
})();
