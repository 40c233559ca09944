"""Benchmarks of sitroom: extraction throughput, memory, ingest rate and API latency (``sitroom bench``)."""
