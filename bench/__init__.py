"""Benchmarks: the synthetic corpus generator and the `python -m bench` harness."""
