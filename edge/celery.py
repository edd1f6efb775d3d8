"""The Celery app, laid out as Celery's Django guide does: `celery -A edge worker|beat`."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edge.settings")

app = Celery("edge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def require_a_broker(**kwargs) -> None:
    """Without a broker, tasks run in-process: a worker or beat would only wait on Celery's
    default (AMQP on localhost), so say what is missing instead."""
    if not app.conf.broker_url:
        raise SystemExit(
            "No broker: set CELERY_BROKER_URL or REDIS_URL (e.g. redis://127.0.0.1:6379/0). "
            "Without one, tasks run in-process and no worker or beat is needed."
        )
