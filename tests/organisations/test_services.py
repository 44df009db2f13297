import datetime

import pytest
import time_machine
from django.core import mail

from organisations.models import (
    JOIN_CODE_ALPHABET,
    Assignment,
    Invitation,
    Membership,
    join_code_generate,
)
from organisations.services import (
    assignment_save,
    invitation_accept,
    invitation_for_token,
    invitation_send,
    invitation_token,
    organisation_join,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_join_codes_avoid_characters_that_look_alike():
    codes = {join_code_generate() for _ in range(50)}
    assert all(len(code) == 8 for code in codes)
    assert not set("".join(codes)) & set("0O1IL")
    assert set("".join(codes)) <= set(JOIN_CODE_ALPHABET)


def test_an_organisation_gets_a_join_code_when_saved(organisation):
    assert len(organisation.join_code) == 8


def test_joining_with_a_code_ignores_case_spaces_and_dashes(organisation, learner):
    code = organisation.join_code
    typed = f"{code[:4].lower()} - {code[4:].lower()}"
    membership, created = organisation_join(user=learner, code=typed)
    assert created
    assert membership.organisation == organisation
    assert membership.role == Membership.Role.LEARNER
    again, created_again = organisation_join(user=learner, code=code)
    assert again.pk == membership.pk
    assert not created_again


def test_a_wrong_or_disabled_code_joins_nothing(organisation, learner):
    assert organisation_join(user=learner, code="ZZZZZZZZ") == (None, False)
    organisation.join_code_enabled = False
    organisation.save()
    assert organisation_join(user=learner, code=organisation.join_code) == (None, False)
    assert not Membership.objects.exists()


def test_a_person_can_belong_to_two_organisations(organisation, other_organisation, learner):
    organisation_join(user=learner, code=organisation.join_code)
    organisation_join(user=learner, code=other_organisation.join_code)
    assert learner.memberships.count() == 2


def _accept_url(token):
    return f"http://testserver/uitnodiging/{token}/"


def test_an_invitation_is_mailed_and_works_once(
    organisation, manager, learner, django_capture_on_commit_callbacks
):
    team = organisation.teams.first()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            organisation=organisation,
            email="Leerling@Example.org",
            team=team,
            invited_by=manager,
            accept_url=_accept_url,
        )
    assert invitation.email == "leerling@example.org"
    assert len(mail.outbox) == 1
    token = invitation_token(invitation)
    assert token in mail.outbox[0].body
    assert invitation_for_token(token) == invitation

    membership = invitation_accept(invitation=invitation, user=learner)
    assert membership.team == team
    assert invitation_for_token(token) is None
    assert invitation_accept(invitation=invitation, user=learner) is None


def test_an_invitation_token_expires_and_cannot_be_forged(organisation, manager):
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        invitation = invitation_send(
            organisation=organisation,
            email="a@example.org",
            team=None,
            invited_by=manager,
            accept_url=_accept_url,
        )
        token = invitation_token(invitation)
    with time_machine.travel(datetime.datetime(2026, 1, 14, tzinfo=datetime.UTC)):
        assert invitation_for_token(token) == invitation
        assert invitation_for_token(token[:-2] + "xx") is None
    with time_machine.travel(datetime.datetime(2026, 1, 16, tzinfo=datetime.UTC)):
        assert invitation_for_token(token) is None


def test_inviting_again_renews_the_same_invitation(
    organisation, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            invitation_send(
                organisation=organisation,
                email="a@example.org",
                team=None,
                invited_by=manager,
                accept_url=_accept_url,
            )
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 2


def test_assigning_again_moves_the_due_date(organisation, course, manager):
    first = datetime.date(2030, 1, 1)
    second = datetime.date(2030, 2, 1)
    a = assignment_save(
        organisation=organisation, course=course, team=None, due_date=first, created_by=manager
    )
    b = assignment_save(
        organisation=organisation, course=course, team=None, due_date=second, created_by=manager
    )
    assert a.pk == b.pk
    assert Assignment.objects.get().due_date == second
    team = organisation.teams.first()
    assignment_save(
        organisation=organisation, course=course, team=team, due_date=first, created_by=manager
    )
    assert Assignment.objects.count() == 2


def test_a_team_of_another_organisation_cannot_be_assigned(organisation, course, manager):
    other = OrganisationFactory(slug="ander", teams=("X",))
    with pytest.raises(ValueError):
        assignment_save(
            organisation=organisation,
            course=course,
            team=other.teams.get(),
            due_date=datetime.date(2030, 1, 1),
            created_by=manager,
        )


def test_two_memberships_in_one_organisation_are_impossible(organisation):
    user = UserFactory(email="dubbel@example.org")
    Membership.objects.create(user=user, organisation=organisation)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organisation=organisation)
