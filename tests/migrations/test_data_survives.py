"""Moving the signal snippet from `courses` to `library` keeps every row that depends on it.

A database is filled on the schema of before the move, with the historical models, and
migrated to the latest schema: every table keeps its rows, questions and scenes keep their
signals, the signal keeps its content type and the trainers their permissions on it, and
every certificate checks out as before.
"""

import pytest
from django.apps import apps as current_apps

from . import old_data, snapshot
from .schema import migrate_to_before_the_move, migrate_to_latest


@pytest.fixture
def old_schema(transactional_db):
    """The historical models of the old schema; the database is at the latest schema again
    afterwards, also when the test fails halfway, since other tests follow."""
    try:
        yield migrate_to_before_the_move()
    finally:
        migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_data_and_certificates_survive_the_signal_move(old_schema):
    data = old_data.fill(old_schema)
    checks_before = snapshot.certificate_checks(data.certificate_codes)
    old_signal = snapshot.signal_model_of(old_schema)
    trainer_before = snapshot.trainer_may_change_signals(
        data.trainer_email, old_signal._meta.app_label
    )
    counts_before = snapshot.counts(old_schema)
    facts_before = snapshot.signal_facts(old_schema)

    # The test means something only with the old data in place.
    assert old_signal._meta.app_label == "courses"
    assert counts_before["courses_signal"] == 4
    assert counts_before["courses_signal_sectors"] == 6
    assert counts_before["quizzes_question_signals"] == 5
    assert counts_before["scenarios_scene_signals"] == 3
    assert counts_before["courses_certificate"] == 3
    assert len(facts_before["signal_content_type_ids"]) == 1
    assert len(facts_before["trainer_signal_permissions"]) == 4
    assert trainer_before is True
    assert all(check["http_status"] == 200 and check["page"] for check in checks_before.values())
    assert {check["status"] for check in checks_before.values()} == {
        "valid",
        "expired",
        "revoked",
    }

    migrate_to_latest()

    checks_after = snapshot.certificate_checks(data.certificate_codes)
    signal = snapshot.signal_model_of(current_apps)
    trainer_after = snapshot.trainer_may_change_signals(data.trainer_email, signal._meta.app_label)
    current_tables = snapshot.tables_of(current_apps)
    lost_tables = sorted(set(counts_before) - set(current_tables))
    assert not lost_tables, f"no current model for the tables {lost_tables}"
    counts_after = {table: current_tables[table]._base_manager.count() for table in counts_before}
    facts_after = snapshot.signal_facts(current_apps)

    assert signal._meta.db_table == "courses_signal"
    assert counts_after == counts_before
    assert facts_after == facts_before
    assert trainer_after is True
    assert checks_after == checks_before
