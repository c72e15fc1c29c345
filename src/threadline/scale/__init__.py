"""Running the pipeline at scale: the per-story work on Dask (dask_engine.py)."""
