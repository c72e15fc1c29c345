"""export stage: the store as files other tools read."""
