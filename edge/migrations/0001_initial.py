# The jobs and job_runs tables move here from insights (state only): insights' 0001 created (or
# adopted) them, and they keep their names and rows.

import uuid

import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("insights", "0003_waiver_team_fits_reasons_streamer_season"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Job",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("kind", models.TextField()),
                        ("payload", models.JSONField()),
                        ("not_before", models.DateTimeField(blank=True, null=True)),
                        ("attempts", models.SmallIntegerField(db_default=0, default=0)),
                        ("status", models.TextField(db_default="queued", default="queued")),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_default=django.db.models.functions.datetime.Now(),
                                editable=False,
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(
                                auto_now=True, db_default=django.db.models.functions.datetime.Now()
                            ),
                        ),
                    ],
                    options={"db_table": "jobs"},
                ),
                migrations.CreateModel(
                    name="JobRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "started_at",
                            models.DateTimeField(
                                db_default=django.db.models.functions.datetime.Now()
                            ),
                        ),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("ok", models.BooleanField(blank=True, null=True)),
                        ("message", models.TextField(blank=True, null=True)),
                        (
                            "job",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="runs",
                                to="edge.job",
                            ),
                        ),
                    ],
                    options={"db_table": "job_runs"},
                ),
            ],
            database_operations=[],
        ),
    ]
