"""The spaCy stage: one Language built from settings, run over stories with nlp.pipe."""
