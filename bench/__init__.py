"""Benchmarks: synthetic corpora, extraction, stores, exports (see BENCHMARKS.md)."""
