"""store stage: the only place that speaks SQL."""

from threadline.store.db import Store

__all__ = ["Store"]
