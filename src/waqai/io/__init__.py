"""Readers: files, JSON/JSONL, HTML and WARC into documents."""
