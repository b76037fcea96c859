"""Benchmarks: every figure is a ratio against a bare ASK SDK skill measured in the same run.

Run them with `make bench` (or `python -m bench`); `python -m bench --quick` exercises every code
path in a few seconds and is what tests/bench runs.
"""
