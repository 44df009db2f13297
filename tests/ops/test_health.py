"""/health/ answers whether the database and the cache work, for the load balancer."""

import pytest
from django.core.cache.backends.locmem import LocMemCache

pytestmark = pytest.mark.django_db


def check_names(body: dict) -> list[str]:
    return sorted(name.split("(")[0] for name in body)


def test_health_checks_the_database_and_the_cache(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert check_names(body) == ["Cache", "Database"]
    assert set(body.values()) == {"OK"}
    # A proxy or browser must never answer a health check from its cache.
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_that_loses_what_it_was_given_fails_the_check(client, monkeypatch):
    async def forgets(self, key, default=None, version=None):
        return default

    monkeypatch.setattr(LocMemCache, "aget", forgets)
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    body = response.json()
    assert body["Database(alias='default')"] == "OK"
    assert body["Cache(alias='default')"] != "OK"


def test_health_answers_in_plain_text_for_simple_probes(client):
    response = client.get("/health/?format=text")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().count(": OK") == 2
