"""`make bench-cluster`: the cluster's settings (`make cluster`) plus the benchmarks' minimal
view, so that every figure through HAProxy can be set against it."""

from website.settings.cluster import *  # noqa: F403

ROOT_URLCONF = "bench.cluster_urls"
