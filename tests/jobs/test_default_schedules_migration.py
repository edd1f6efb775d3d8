import pytest
from django_celery_beat.models import PeriodicTask


@pytest.mark.django_db
def test_migrate_installs_the_default_periodic_tasks_enabled():
    tasks = dict(PeriodicTask.objects.values_list("task", "enabled").distinct())
    assert tasks == {
        "fantasy.tasks.sync_all_users": True,
        "fantasy.tasks.refresh_before_kickoffs": True,
        "fantasy.tasks.refresh_nfl_schedule": True,
        "insights.tasks.prune_jobs": True,
    }
