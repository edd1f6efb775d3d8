"""Syncing what the parsers make of real recorded Yahoo responses (skipped without ../shared)."""

from decimal import Decimal

import pytest

from fantasy.models import League, Matchup, Player, PlayerWeekStats, RosterSlot, Team
from fantasy.services import league_week_sync
from fantasy.yahoo import parsers
from fantasy.yahoo.types import ParsedLeague, ParsedLeagueSettings, ParsedLeagueWeek
from tests.fantasy.league_weeks import FakeYahooClient
from tests.fantasy.yahoo.samples import sample

pytestmark = pytest.mark.django_db


def sync_twice(data: ParsedLeagueWeek):
    first = league_week_sync(
        league_key=data.league.league_key, week=data.week, client=FakeYahooClient(data)
    )
    second = league_week_sync(
        league_key=data.league.league_key, week=data.week, client=FakeYahooClient(data)
    )
    return first, second


def test_a_real_2020_playoff_week_settings_and_scoreboard():
    settings_body = sample("league/league_settings_nfl2020.json")
    scoreboard_body = sample("league/league_scoreboard_week16_nfl2020_playoffs.json")
    scoreboard = parsers.content(scoreboard_body)["league"][1]["scoreboard"]
    teams = [
        parsers.team_from_resource(team)
        for matchup in parsers.collection(scoreboard["0"]["matchups"], "matchup")
        for team in parsers.collection(matchup["0"]["teams"], "team")
    ]
    data = ParsedLeagueWeek(
        league=parsers.parse_league(settings_body),
        settings=parsers.parse_league_settings(settings_body),
        teams=teams,
        week=16,
        rosters=[],
        matchups=parsers.parse_scoreboard(scoreboard_body),
    )

    first, second = sync_twice(data)

    assert first.created == 1 + 8 + 8 and not second.changed
    league = League.objects.get(yahoo_league_id="399.l.36409")
    assert (league.season, league.num_teams, league.is_finished, league.uses_faab) == (
        2020,
        16,
        True,
        True,
    )
    assert [p["count"] for p in league.roster_positions if p["position"] == "IR"] == [2]
    modifiers = league.settings["stat_modifiers"]
    assert (modifiers["4"], modifiers["5"], modifiers["6"]) == (0.04, 4, -2)
    winner = Matchup.objects.get(team__yahoo_team_key="399.l.36409.t.12")
    assert winner.is_playoffs and winner.status == "postevent"
    assert (winner.actual_pts, winner.win_probability) == (Decimal("139.90"), Decimal("1"))
    assert winner.opponent_team.yahoo_team_key == "399.l.36409.t.2"
    assert Team.objects.filter(league=league).count() == 8


def test_a_real_2025_idp_roster_with_repeated_slots():
    body = sample("team/team_roster_week11_nfl2025_idp_dualpos.json")
    (roster,) = parsers.parse_team_rosters(body)
    team = parsers.team_from_resource(parsers.content(body)["team"])
    data = ParsedLeagueWeek(
        league=ParsedLeague(
            league_key="461.l.6288", game_key="461", name="IDP", season=2025, scoring_type="head"
        ),
        settings=ParsedLeagueSettings(roster_positions=[], stat_modifiers={}),
        teams=[team],
        week=roster.week,
        rosters=[roster],
        matchups=[],
    )

    first, second = sync_twice(data)

    assert not second.changed and second.unchanged == first.created
    slots = list(RosterSlot.objects.order_by("id").values_list("slot", "position", "is_starter"))
    assert len(slots) == len(roster.entries)
    labels = [slot for slot, _, _ in slots]
    assert len(set(labels)) == len(labels)  # uq_team_week_slot holds
    assert ("W/R", "W/R", True) in slots and ("DB", "DB", True) in slots
    assert [label for label in labels if label.startswith("BN")][:2] == ["BN1", "BN2"]
    assert Player.objects.count() == len(roster.entries)
    assert PlayerWeekStats.objects.filter(week=roster.week).count() == sum(
        1 for entry in roster.entries if entry.stats
    )
