from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"

    def ready(self) -> None:
        from edge.schema import ensure_postgres_extras, refuse_unadoptable_rows

        # Sent once per migrate for this (last) project app: before any migration, refuse an old
        # database whose rows break a unique to be added; after, triggers and ON DELETE actions.
        pre_migrate.connect(refuse_unadoptable_rows, sender=self, dispatch_uid="adoptable_rows")
        post_migrate.connect(ensure_postgres_extras, sender=self, dispatch_uid="postgres_extras")
