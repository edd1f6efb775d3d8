from django.apps import AppConfig
from django.db.backends.signals import connection_created

from edge.db import sqlite_functions_register


class FantasyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fantasy"

    def ready(self):
        # The player search's accent folding runs in SQL on the embedded SQLite too.
        connection_created.connect(sqlite_functions_register, dispatch_uid="fe_sqlite_functions")
