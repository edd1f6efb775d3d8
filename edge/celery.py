"""The Celery app, laid out as Celery's Django guide does: `celery -A edge worker|beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edge.settings")

app = Celery("edge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
