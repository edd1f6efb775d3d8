"""The scheduled jobs cover Sleeper leagues: sync_user, sync_all_users, sync_league_week."""

import pytest

from fantasy.models import League, RosterSlot
from insights import tasks
from insights.models import Projection

pytestmark = pytest.mark.django_db


def test_sync_all_users_finds_a_sleeper_only_user_and_computes_insights(sleeper, league, user):
    assert tasks.sync_all_users.delay().get() == {"league_weeks": 0, "new_users": 1}

    stored = League.objects.get(provider="sleeper")
    assert RosterSlot.objects.filter(league=stored, week=3).exists()
    source = f"internal:{stored.pk}"
    assert Projection.objects.filter(source=source, week=3).exists()  # under Sleeper's scoring


def test_a_known_sleeper_league_week_syncs_without_a_yahoo_account(sleeper, league, user):
    tasks.sync_user.delay(user.pk).get()
    stored = League.objects.get(provider="sleeper")
    assert tasks.sync_all_users.delay().get() == {"league_weeks": 1, "new_users": 0}
    outcome = tasks.sync_league_week.delay(stored.pk, 3).get()
    assert outcome["rows_changed"] == 0 and outcome["insights"] == "unchanged"
