"""cli: the threadline command line."""
