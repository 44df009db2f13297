"""The site's URLs plus /media/ from MEDIA_ROOT, for the local cluster only: in production a
web server or the object storage serves media (docs/operations.md)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from .urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
