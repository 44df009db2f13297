"""Move the test database between the schema of before the signal move and the latest one.

The migration executor runs on the test database itself, as Django's own migration tests
do: backwards to the migrations a site had before signals moved to `library`, and forwards
again to the leaves of the graph as it is in the checkout.
"""

from pathlib import Path

from django.apps import apps as current_apps
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

# The last migration of each project app before signals moved out of `courses`. A project
# app that is not named here came later (such as `library`) and is unapplied entirely.
BEFORE_THE_MOVE = {
    "accounts": "0001_initial",
    "courses": "0003_sectorpage",
    "quizzes": "0001_initial",
    "scenarios": "0001_initial",
    "organisations": "0002_manual_reminders",
    "website": "0004_dutch_workflow_names",
}

Target = tuple[str, str | None]


def project_app_labels() -> set[str]:
    """The apps of this checkout, as opposed to Django's, Wagtail's and other packages'."""
    base = Path(settings.BASE_DIR).resolve()
    labels = set()
    for config in current_apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            labels.add(config.label)
    return labels


def targets_before_the_move(executor: MigrationExecutor) -> list[Target]:
    """Today's leaves for the project apps, nothing of apps that came later, and the latest
    migration of every package, whose schema the move does not touch."""
    graph = executor.loader.graph
    project = project_app_labels()
    targets: dict[str, Target] = {}
    for app_label, name in sorted(graph.leaf_nodes()):
        if app_label in BEFORE_THE_MOVE:
            node = (app_label, BEFORE_THE_MOVE[app_label])
            assert node in graph.nodes, f"migration {node} is gone from the graph"
            targets[app_label] = node
        elif app_label in project:
            targets[app_label] = (app_label, None)
        else:
            targets[app_label] = (app_label, name)
    missing = set(BEFORE_THE_MOVE) - set(targets)
    assert not missing, f"apps without migrations: {missing}"
    return list(targets.values())


def migrate_to_before_the_move() -> StateApps:
    """Migrate the database back and return the historical models of that schema."""
    executor = MigrationExecutor(connection)
    targets = targets_before_the_move(executor)
    executor.migrate(targets)
    # The executor's loader still holds the applied migrations of before the run.
    executor.loader.build_graph()
    assert not executor.migration_plan(targets), "the database did not reach the old schema"
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(leaves)
    executor.loader.build_graph()
    assert not executor.migration_plan(leaves), "the database did not reach the latest schema"
