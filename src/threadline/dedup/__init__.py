"""dedup stage: which stories are copies of which."""

from threadline.dedup.minhash import find_duplicates, signature, to_bytes

__all__ = ["find_duplicates", "signature", "to_bytes"]
