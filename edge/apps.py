from django.apps import AppConfig
from django.contrib.auth.apps import AuthConfig
from django.db.models.signals import post_migrate, pre_migrate

from edge.legacy_db import ensure_postgres_extras, refuse_unadoptable_rows


class EdgeConfig(AppConfig):
    """The project kit is an app for its own tables (the records of background jobs) and for
    the adoption of the old Alembic database around every `migrate`."""

    default = True  # `edge` in INSTALLED_APPS; the auth config below is named explicitly
    default_auto_field = "django.db.models.BigAutoField"
    name = "edge"

    def ready(self) -> None:
        # Sent once per migrate for this app: before any migration, refuse an old database
        # whose rows break a unique to be added; after all of them, triggers and ON DELETE
        # actions on every project table.
        pre_migrate.connect(refuse_unadoptable_rows, sender=self, dispatch_uid="adoptable_rows")
        post_migrate.connect(ensure_postgres_extras, sender=self, dispatch_uid="postgres_extras")


class OperatorsAuthConfig(AuthConfig):
    """Django's auth app, named for what its users are here: staff operators of the admin
    (the product's users are `accounts.User`, who sign in with Yahoo)."""

    default = False
    verbose_name = "Staff operators (admin logins)"
