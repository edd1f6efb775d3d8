"""The default periodic tasks, installed in django-celery-beat by a data migration.

`default_schedules_install` is the RunPython function: it creates each default task that is
missing from the database being migrated (enabled, with the intervals from settings) and leaves
an existing one as the operator edited it in admin, so running it again changes nothing.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class DefaultSchedule:
    name: str
    task: str
    description: str
    kwargs: dict
    every_minutes: int | None = None  # an interval schedule...
    daily_at: tuple[int, int] | None = None  # ...or a daily crontab (hour, minute) in UTC


def default_schedules() -> list[DefaultSchedule]:
    return [
        DefaultSchedule(
            name="Sync every linked user (NFL game days)",
            task="fantasy.tasks.sync_all_users",
            description="The current week of every linked user's leagues, on NFL game days.",
            kwargs={"days": "game_days"},
            every_minutes=settings.JOBS_SYNC_GAME_DAY_MINUTES,
        ),
        DefaultSchedule(
            name="Sync every linked user (other days)",
            task="fantasy.tasks.sync_all_users",
            description="The current week of every linked user's leagues, on days without games.",
            kwargs={"days": "other_days"},
            every_minutes=settings.JOBS_SYNC_OTHER_DAY_MINUTES,
        ),
        DefaultSchedule(
            name="Refresh injuries and status before kickoffs",
            task="fantasy.tasks.refresh_before_kickoffs",
            description=(
                "Rosters, injuries and player status, in the hours before NFL kickoffs "
                "(nfl_games); does nothing at other times."
            ),
            kwargs={},
            every_minutes=settings.JOBS_KICKOFF_REFRESH_MINUTES,
        ),
        DefaultSchedule(
            name="Refresh the NFL schedule and betting lines",
            task="fantasy.tasks.refresh_nfl_schedule",
            description=(
                "The current season's games, spreads, totals, weather and scores from nflverse "
                "(NFL_SCHEDULE_URL); a failed download keeps what is stored."
            ),
            kwargs={},
            daily_at=(11, 0),
        ),
        DefaultSchedule(
            name="Prune old jobs",
            task="insights.tasks.prune_jobs",
            description="Deletes finished jobs and their runs after JOBS_PRUNE_AFTER_DAYS.",
            kwargs={},
            daily_at=(4, 30),
        ),
    ]


def default_schedules_install(apps, schema_editor) -> None:
    """Create the missing default periodic tasks (usable from a migration's RunPython), in the
    database being migrated (`migrate --database`), never the default one."""
    database = schema_editor.connection.alias
    intervals = apps.get_model("django_celery_beat", "IntervalSchedule").objects.using(database)
    crontabs = apps.get_model("django_celery_beat", "CrontabSchedule").objects.using(database)
    tasks = apps.get_model("django_celery_beat", "PeriodicTask").objects.using(database)
    tasks_changed = apps.get_model("django_celery_beat", "PeriodicTasks").objects.using(database)

    for default in default_schedules():
        if tasks.filter(name=default.name).exists():
            continue
        fields = {
            "task": default.task,
            "kwargs": json.dumps(default.kwargs),
            "description": default.description,
            "enabled": True,
        }
        if default.every_minutes is not None:
            interval = {"every": default.every_minutes, "period": "minutes"}
            # Operators may have made duplicates in admin: reuse any, create only when none.
            fields["interval"] = intervals.filter(**interval).first() or intervals.create(
                **interval
            )
            # A run still waiting when the next one is due is dropped, not piled up.
            fields["expire_seconds"] = default.every_minutes * 60
        else:
            hour, minute = default.daily_at
            crontab = {"minute": str(minute), "hour": str(hour), "timezone": "UTC"}
            fields["crontab"] = crontabs.filter(
                **crontab, day_of_week="*", day_of_month="*", month_of_year="*"
            ).first() or crontabs.create(**crontab)
        tasks.create(name=default.name, **fields)
    # Tell a running beat to reload its schedule (what PeriodicTask's signals do outside
    # migrations).
    tasks_changed.update_or_create(ident=1, defaults={"last_update": timezone.now()})
