# event_log moves here from insights (state only): fantasy's sync is what writes it; the table
# keeps its name, columns and rows.

import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("fantasy", "0012_sleeper_provider"),
        ("insights", "0003_waiver_team_fits_reasons_streamer_season"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EventLog",
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
                            "ts",
                            models.DateTimeField(
                                db_default=django.db.models.functions.datetime.Now()
                            ),
                        ),
                        ("type", models.TextField()),
                        ("payload", models.JSONField()),
                        ("week", models.SmallIntegerField(blank=True, null=True)),
                        (
                            "league",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="fantasy.league",
                            ),
                        ),
                        (
                            "player",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="fantasy.player",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "event_log",
                        "indexes": [models.Index(fields=["-ts"], name="idx_event_log_ts")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
