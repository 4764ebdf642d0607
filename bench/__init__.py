"""Benchmarks of the briefing pipeline: extraction quality against the gold set, and parse speed."""
