"""The cluster's addresses plus the benchmarks' minimal view at /bench/minimal/."""

from django.urls import path

from bench.urls import minimal
from website.cluster_urls import urlpatterns as cluster_urlpatterns

urlpatterns = [path("bench/minimal/", minimal), *cluster_urlpatterns]
