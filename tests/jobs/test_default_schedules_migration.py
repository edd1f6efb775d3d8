import importlib

import pytest
from django.apps import apps
from django.db import connection
from django_celery_beat.models import PeriodicTask

from edge.schedules import default_schedules_install

SCHEDULE_MIGRATIONS = ("0003_default_schedules", "0008_nfl_schedule_refresh_schedule")


@pytest.mark.django_db
def test_migrate_installs_the_default_periodic_tasks_enabled():
    """What the schedule migrations run, on the tables as this test finds them: a transactional
    test that ran before it on this database (any order under `pytest -n`) flushed them."""
    for name in SCHEDULE_MIGRATIONS:
        migration = importlib.import_module(f"fantasy.migrations.{name}").Migration
        assert any(
            getattr(operation, "code", None) is default_schedules_install
            for operation in migration.operations
        ), name
    with connection.schema_editor() as schema_editor:
        default_schedules_install(apps, schema_editor)

    tasks = dict(PeriodicTask.objects.values_list("task", "enabled").distinct())
    assert tasks == {
        "fantasy.tasks.sync_all_users": True,
        "fantasy.tasks.refresh_before_kickoffs": True,
        "fantasy.tasks.refresh_nfl_schedule": True,
        "insights.tasks.prune_jobs": True,
    }
