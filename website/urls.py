from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from health_check.views import HealthCheckView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # For the load balancer and monitoring: the database and the cache answer (200) or not
    # (500). Outside the language prefixes, never cached.
    path(
        "health/",
        HealthCheckView.as_view(
            checks=["health_check.checks.Database", "health_check.checks.Cache"]
        ),
        name="health",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Dutch lives at / without a prefix; other languages under their code (/en/).
urlpatterns += i18n_patterns(
    path("account/", include("allauth.urls")),
    path("leren/", include("courses.urls")),
    path("quiz/", include("quizzes.urls")),
    path("mijn-gegevens/", include("accounts.urls")),
    path("", include("live.urls")),
    path("zoeken/", include("courses.search_urls")),
    path("", include("organisations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.PROMETHEUS_METRICS:
    urlpatterns.insert(0, path("", include("django_prometheus.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )
