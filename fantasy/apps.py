from django.apps import AppConfig
from django.db.backends.signals import connection_created

from edge.db import sqlite_functions_register
from edge.errors import error_statuses_register
from fantasy.api.errors import SLEEPER_ERROR_STATUSES


class FantasyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fantasy"

    def ready(self):
        # The player search's accent folding runs in SQL on the embedded SQLite too.
        connection_created.connect(sqlite_functions_register, dispatch_uid="fe_sqlite_functions")
        error_statuses_register(SLEEPER_ERROR_STATUSES)
