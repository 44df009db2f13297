"""The site's addresses plus a minimal view, the yardstick of the benchmarks."""

from django.http import HttpResponse
from django.urls import path

from website.urls import urlpatterns as site_urlpatterns


def minimal(request):
    """Goes through the whole middleware stack, and does nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *site_urlpatterns]
