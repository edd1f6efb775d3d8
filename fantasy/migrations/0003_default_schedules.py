from django.db import migrations

import edge.schedules


class Migration(migrations.Migration):
    """The default periodic tasks (sync, kickoff refresh, prune), editable by operators in admin."""

    dependencies = [
        ("fantasy", "0002_league_settings_player_stats_nfl_games"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(edge.schedules.default_schedules_install, migrations.RunPython.noop),
    ]
