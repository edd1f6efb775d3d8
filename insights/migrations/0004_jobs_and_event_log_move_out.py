# Job/JobRun now live in edge (with the code that records them) and EventLog in fantasy (whose
# sync writes it): state only, the tables and rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0003_waiver_team_fits_reasons_streamer_season"),
        ("edge", "0001_initial"),
        ("fantasy", "0013_event_log_from_insights"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="jobrun", name="job"),
                migrations.DeleteModel(name="EventLog"),
                migrations.DeleteModel(name="Job"),
                migrations.DeleteModel(name="JobRun"),
            ],
            database_operations=[],
        ),
    ]
