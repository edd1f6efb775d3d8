"""`celery -A edge worker|beat` refuses to start without a broker, saying what to set."""

import pytest

from edge.celery import app, require_a_broker


def test_a_worker_or_beat_without_a_broker_stops_naming_the_settings(monkeypatch):
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # Celery reads it before its config
    monkeypatch.setitem(app.conf, "broker_url", "")

    with pytest.raises(SystemExit, match="set CELERY_BROKER_URL or REDIS_URL"):
        require_a_broker()


def test_a_worker_or_beat_with_a_broker_starts(monkeypatch):
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:6379/3")

    require_a_broker()
