from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"

    def ready(self) -> None:
        from edge.schema import ensure_postgres_extras

        # Sent once per migrate for this (last) project app: triggers and ON DELETE actions.
        post_migrate.connect(ensure_postgres_extras, sender=self, dispatch_uid="postgres_extras")
