from django.apps import AppConfig


class EdgeConfig(AppConfig):
    """The project kit is an app for its own tables: the records of background jobs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "edge"
