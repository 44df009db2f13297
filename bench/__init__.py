"""Benchmarks: the scale data set, the load run (`make bench`) and its server settings.

The `bench` app is installed only by `bench.settings`, so the site itself never loads the
data builder, which reaches into every app.
"""
