from django.db import migrations

import edge.schedules


class Migration(migrations.Migration):
    """Installs the default periodic tasks added since 0003 (the daily NFL schedule refresh);
    existing ones are left as operators edited them."""

    dependencies = [
        ("fantasy", "0007_player_season_stats"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(edge.schedules.default_schedules_install, migrations.RunPython.noop),
    ]
