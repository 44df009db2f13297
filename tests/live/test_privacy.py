"""No personal data of participants is kept, and joining and voting are rate-limited."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from live import services
from live.models import LiveItem, LiveSession, Participant, Vote

from .conftest import join, vote

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.42"


def stored_values() -> list[str]:
    values = []
    for model in (LiveSession, LiveItem, Participant, Vote):
        for row in model.objects.values():
            values += [str(value) for value in row.values()]
    return values


def test_no_address_is_stored_anywhere(open_session):
    phone = Client(REMOTE_ADDR=ADDRESS)
    phone.post(reverse("live:room", args=[open_session.code]), {"nickname": ""})
    vote(phone, open_session, "agree")
    phone.post(reverse("live:join"), {"code": "ZZZZ9999"})
    assert Vote.objects.count() == 1
    assert not any(ADDRESS in value for value in stored_values())
    # The rate limits count per address in the cache, under a keyed hash of it.
    keys = list(cache._cache.keys())
    assert any("live_join" in key for key in keys)
    assert not any(ADDRESS in key for key in keys)
    assert not any(ADDRESS in str(cache.get(key.split(":", 2)[-1])) for key in keys)


def test_a_participant_row_holds_a_token_and_at_most_a_nickname():
    names = {field.name for field in Participant._meta.get_fields()}
    assert names == {"id", "session", "token", "nickname", "joined_at", "votes"}


def test_guessing_codes_is_stopped(open_session, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "live_join_failed": "2/10m/key"}
    phone = Client()
    assert phone.post(reverse("live:join"), {"code": "ZZZZ9999"}).status_code == 400
    assert phone.get(reverse("live:room", args=["ZZZZ8888"])).status_code == 404
    blocked = phone.post(reverse("live:join"), {"code": open_session.code})
    assert blocked.status_code == 429
    assert "Je hebt te veel codes geprobeerd" in blocked.content.decode()
    assert not Participant.objects.exists()
    # Another address is not held up.
    assert (
        Client(REMOTE_ADDR=ADDRESS)
        .post(reverse("live:join"), {"code": open_session.code})
        .status_code
        == 302
    )


def test_joining_is_rate_limited(open_session, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "live_join": "2/5m/key"}
    join(open_session)
    join(open_session)
    response = Client().post(reverse("live:room", args=[open_session.code]), {"nickname": ""})
    assert response.status_code == 429
    assert Participant.objects.count() == 2


def test_voting_is_rate_limited_per_participant(open_session, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "live_vote": "3/m/key"}
    phone, other = join(open_session), join(open_session)
    for value in ("agree", "disagree", "agree"):
        assert vote(phone, open_session, value).status_code == 303
    refused = vote(phone, open_session, "disagree")
    assert refused.status_code == 429
    assert "Je hebt je stem heel vaak veranderd" in refused.content.decode()
    assert vote(other, open_session, "disagree").status_code == 303
    assert sorted(Vote.objects.values_list("value", flat=True)) == ["agree", "disagree"]


def test_a_forged_cookie_is_no_participant(open_session):
    phone = join(open_session)
    real = phone.cookies["signaal_live"].value
    phone.cookies["signaal_live"] = real[:-3] + "abc"
    response = vote(phone, open_session, "agree")
    assert response.status_code == 302
    assert not Vote.objects.exists()
    assert services.item_counts([open_session.current_item_id]) == {
        open_session.current_item_id: {}
    }
