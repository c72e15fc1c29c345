"""The ingest stage: files -> Documents -> cleaned Stories.

    for item in read_inputs(["corpus/", "-"], stdin):
        if isinstance(item, InputError): report(item)
        else: stories = split_document(item)

Modules, in the order data flows: readers (files, folders, stdin) with encoding, html and
jsonl; then lines, classify (boilerplate, dates, captions), split, clean, metadata, stories.
"""

from threadline.ingest.readers import MAX_BYTES, read_inputs
from threadline.ingest.stories import split_document

__all__ = ["MAX_BYTES", "read_inputs", "split_document"]
