"""graph stage: claims of many stories joined into one graph (events merged across stories)."""

from threadline.graph.containment import containment
from threadline.graph.events import merge_events

__all__ = ["containment", "merge_events"]
