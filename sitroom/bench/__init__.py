"""Benchmarks of sitroom: extraction throughput, memory, ingest rate and API latency (``sitroom bench``).

A subpackage of sitroom, not a top-level package beside it: ``sitroom bench`` must work on any
installed copy, and the layer contracts (pyproject.toml) can then check it like every other part.
The story and export benchmarks run as ``python -m sitroom.bench.stories`` / ``.exports``.
"""
