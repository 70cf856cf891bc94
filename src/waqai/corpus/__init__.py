"""Corpus work: ingest into the store, near-duplicate groups and cross-article event merging."""
