"""The whole path: Yahoo-shaped responses (our builder) → the real YahooClient → sync → Postgres."""

import re
from decimal import Decimal

import pytest
import responses
from django.conf import settings

from accounts.yahoo_errors import YahooBadPayload
from fantasy.models import EventLog, League, Matchup, Player, PlayerWeekStats, RosterSlot, Team
from fantasy.services.league_week import league_week_sync
from fantasy.services.users import user_sync
from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.local.builder import (
    add_last_season_responses,
    add_league_week_responses,
    make_league,
    users_leagues_body,
)
from fantasy.yahoo.pacing import LocalBucket
from tests.factories import UserFactory, YahooAccountFactory

pytestmark = pytest.mark.django_db


def real_client(account=None) -> YahooClient:
    """The production client with a fixed token and no waiting (pace and backoff)."""
    return YahooClient(
        account,
        token_provider=lambda force_refresh: "test-token",
        pacer=LocalBucket(sleep=lambda seconds: None),
        sleep=lambda seconds: None,
    )


@pytest.fixture
def yahoo():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def updated_at_snapshot() -> dict:
    models = (League, Team, Player, RosterSlot, Matchup, PlayerWeekStats)
    return {m.__name__: dict(m.objects.values_list("pk", "updated_at")) for m in models}


def test_a_12_team_league_week_costs_at_most_6_calls_and_is_stored(yahoo):
    """A league's first sync also asks last season's stats of its 205 players: 9 calls."""
    league = make_league(num_teams=12, week=5, free_agents=25)
    add_league_week_responses(yahoo, league)
    add_last_season_responses(yahoo, league)
    owner = UserFactory(yahoo_guid=league.teams[0].manager_guid)

    result = league_week_sync(league_key=league.key, week=None, client=real_client())

    assert result.calls - result.prior.calls <= 6 and result.calls == len(yahoo.calls)
    assert result.prior.calls == 9 and result.prior.from_yahoo == 205
    assert result.week == 5 and result.changed
    stored = League.objects.get(yahoo_league_id=league.key)
    assert stored.current_week == 5 and stored.uses_faab
    assert stored.settings["stat_modifiers"]["4"] == 0.04
    assert [p["count"] for p in stored.roster_positions if p["position"] == "WR"] == [3]
    assert Team.objects.filter(league=stored).count() == 12
    assert Team.objects.get(manager_user=owner).yahoo_team_key == league.team_key(league.teams[0])
    assert RosterSlot.objects.filter(league=stored).count() == 12 * 15
    # The first sync also stores the season's schedule: 12 sides a week, weeks 1-14 (the
    # playoffs start in week 15); weeks before 5 with scores, weeks after without.
    matchups = Matchup.objects.filter(league=stored)
    assert matchups.count() == 12 * 14
    assert set(matchups.values_list("week", flat=True)) == set(range(1, 15))
    assert not matchups.filter(week__gt=5).exclude(status="preevent", actual_pts=None).exists()
    assert not matchups.filter(week__lt=5, actual_pts=None).exists()
    first = Team.objects.get(yahoo_team_key=league.team_key(league.teams[0]))
    assert first.yahoo_standings == {
        "rank": 1,
        "playoff_seed": 1,
        "wins": 11,
        "losses": 1,
        "ties": 0,
        "points_for": 499,
        "points_against": 401.5,
    }
    team = Team.objects.get(yahoo_team_key=league.team_key(league.teams[0]))
    slots = dict(RosterSlot.objects.filter(team=team).values_list("slot", "position"))
    assert {"WR1": "WR", "WR3": "WR", "W/R/T": "W/R/T", "BN5": "BN", "QB": "QB"}.items() <= (
        slots.items()
    )
    qb = league.teams[0].players[0]
    qb_slot = RosterSlot.objects.select_related("player").get(team=team, slot="QB")
    assert qb_slot.player.yahoo_player_id == str(qb.player_id)
    assert qb_slot.actual_pts == qb.points
    week_stats = PlayerWeekStats.objects.get(player=qb_slot.player, season=2025, week=5)
    assert week_stats.stats == {k: int(v) for k, v in qb.stats.items()}
    assert PlayerWeekStats.objects.filter(week=5).count() == 12 * 15 + 25


def test_a_second_identical_sync_changes_no_row(yahoo):
    league = make_league(num_teams=4, week=5, free_agents=10)
    add_league_week_responses(yahoo, league)
    league_week_sync(league_key=league.key, week=5, client=real_client())
    before, events = updated_at_snapshot(), EventLog.objects.count()

    result = league_week_sync(league_key=league.key, week=5, client=real_client())

    assert not result.changed and result.created == result.updated == result.events == 0
    assert result.calls == 4  # the schedule is stored: not fetched again
    assert updated_at_snapshot() == before
    assert EventLog.objects.count() == events


def test_rostered_players_ownership_is_stored_like_free_agents(yahoo):
    """The roster call asks Yahoo for `percent_owned` (no extra call): a rookie's prior scales
    by it, and rostered rookies are the ones that matter."""
    league = make_league(num_teams=4, week=5, free_agents=1)
    rostered, free_agent = league.teams[2].players[7], league.free_agents[0]
    rostered.percent_owned, free_agent.percent_owned = 87, 3
    add_league_week_responses(yahoo, league)

    result = league_week_sync(league_key=league.key, week=5, client=real_client())

    assert result.calls - result.prior.calls == 5  # 4 for the league-week, 1 for its schedule
    owned = dict(Player.objects.values_list("yahoo_player_id", "percent_owned"))
    assert owned[str(rostered.player_id)] == 87 and owned[str(free_agent.player_id)] == 3
    assert None not in owned.values()


def test_a_changed_status_is_an_injury_event(yahoo):
    league = make_league(num_teams=4, week=5, free_agents=0)
    add_league_week_responses(yahoo, league)
    league_week_sync(league_key=league.key, week=5, client=real_client())
    hurt = league.teams[1].players[4]
    hurt.status, hurt.status_full, hurt.injury_note = "O", "Out", "Ankle"

    result = league_week_sync(league_key=league.key, week=5, client=real_client())

    assert result.changed and result.updated == 1
    event = EventLog.objects.get(type="injury")
    assert event.player.yahoo_player_id == str(hurt.player_id)
    assert (event.payload["old_status"], event.payload["new_status"]) == (None, "O")


def test_a_malformed_payload_writes_nothing(yahoo):
    league = make_league(num_teams=4, week=5)
    base = re.escape(settings.YAHOO_API_URL)
    yahoo.get(re.compile(rf"{base}/league/.*"), json={"fantasy_content": {"league": "??"}})

    with pytest.raises(YahooBadPayload):
        league_week_sync(league_key=league.key, week=5, client=real_client())

    assert not League.objects.exists() and not EventLog.objects.exists()


def test_user_sync_lists_the_users_leagues_then_syncs_each(yahoo):
    account = YahooAccountFactory()
    leagues = [make_league(num_teams=2, league_id=n, free_agents=5) for n in (1, 2)]
    yahoo.get(
        re.compile(re.escape(f"{settings.YAHOO_API_URL}/users;use_login=1/games")),
        json=users_leagues_body(leagues),
    )
    for league in leagues:
        add_league_week_responses(yahoo, league)
        add_last_season_responses(yahoo, league)

    results = user_sync(user=account.user, client=real_client(account))

    assert [r.league_key for r in results] == ["461.l.1", "461.l.2"]
    # the list; 4 calls per league and 1 for its schedule; 2 for last season's stats of the
    # first league's 35 players, which the second league shares (the builder's player ids)
    assert sum(r.calls for r in results) == len(yahoo.calls) == 1 + (4 + 1 + 2) + (4 + 1)
    assert Decimal(League.objects.count()) == 2


def test_targets_and_carries_are_stored_though_the_league_does_not_score_them(yahoo):
    """The usage model reads targets (78) and carries (8): every stat Yahoo sends is kept."""
    league = make_league(num_teams=4, week=5, free_agents=0)
    assert not {"8", "78"} & set(league.stat_modifiers)
    back = next(p for p in league.teams[0].players if p.position == "RB")
    back.stats = {**back.stats, "8": "14", "78": "6"}
    add_league_week_responses(yahoo, league)

    league_week_sync(league_key=league.key, week=5, client=real_client())

    stored = PlayerWeekStats.objects.get(player__yahoo_player_id=str(back.player_id), week=5)
    assert stored.stats["8"] == 14 and stored.stats["78"] == 6
