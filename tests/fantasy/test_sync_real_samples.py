"""Syncing what the parsers make of real recorded Yahoo responses (skipped without ../shared)."""

from decimal import Decimal

import pytest

from fantasy.models import League, Matchup, Player, PlayerWeekStats, RosterSlot, Team
from fantasy.services.league_week import league_week_sync
from fantasy.yahoo import parsers
from fantasy.yahoo.local.prepared import PreparedYahooClient
from fantasy.yahoo.types import ParsedLeague, ParsedLeagueSettings, ParsedLeagueWeek
from tests.fantasy.yahoo.samples import sample

pytestmark = pytest.mark.django_db


def sync_twice(data: ParsedLeagueWeek):
    first = league_week_sync(
        league_key=data.league.league_key, week=data.week, client=PreparedYahooClient(data)
    )
    second = league_week_sync(
        league_key=data.league.league_key, week=data.week, client=PreparedYahooClient(data)
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
    # Projected points and win probability are the insights' own, never Yahoo's.
    assert (winner.actual_pts, winner.projected_pts, winner.win_probability) == (
        Decimal("139.90"),
        None,
        None,
    )
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


def _leagues_2022() -> list[ParsedLeagueWeek]:
    """Both leagues of the richest real file (settings, the user's team, its week-17 roster)."""
    body = sample("user/user_leagues_settings_teams_rosters_nfl2022.json")
    nfl = parsers.content(body)["users"]["0"]["user"][1]["games"]["1"]["game"]
    weeks = []
    for league in parsers.collection(nfl[1]["leagues"], "league"):
        league_body = {"fantasy_content": {"league": league}}
        teams_body = {"fantasy_content": {"teams": league[2]["teams"]}}
        weeks.append(
            ParsedLeagueWeek(
                league=parsers.parse_league(league_body),
                settings=parsers.parse_league_settings(league_body),
                teams=parsers.parse_teams(league_body),
                week=17,
                rosters=parsers.parse_team_rosters(teams_body),
                matchups=[],
            )
        )
    return weeks


def test_the_real_2022_leagues_share_a_player_and_resync_without_writes():
    superflex, standard = _leagues_2022()
    for data in (superflex, standard):
        league_week_sync(
            league_key=data.league.league_key, week=17, client=PreparedYahooClient(data)
        )

    again = [
        league_week_sync(
            league_key=data.league.league_key, week=17, client=PreparedYahooClient(data)
        )
        for data in (superflex, standard)
    ]

    assert [r.changed for r in again] == [False, False]
    # DJ Moore is on the user's team in both; only the superflex league lists Q/W/R/T.
    moore = Player.objects.get(yahoo_player_id="30994")
    assert (moore.full_name, moore.position_primary, moore.nfl_team, moore.bye_week) == (
        "DJ Moore",
        "WR",
        "CHI",
        14,
    )
    assert moore.eligible_positions == ["WR", "W/R/T", "Q/W/R/T"]
    assert (moore.percent_owned, moore.percent_owned_delta) == (Decimal("93.00"), Decimal("0.00"))
    mac_jones = Player.objects.get(yahoo_player_id="33403")
    assert (mac_jones.position_primary, mac_jones.eligible_positions) == ("QB", ["Q/W/R/T"])
    slots = dict(
        RosterSlot.objects.filter(player=moore).values_list("team__yahoo_team_key", "slot")
    )
    assert slots == {"414.l.240994.t.12": "W/R/T", "414.l.358976.t.4": "BN1"}
    league = League.objects.get(yahoo_league_id="414.l.240994")
    assert league.roster_positions[4] == {
        "position": "Q/W/R/T",
        "position_type": "O",
        "count": 1,
        "is_starting": True,
    }
    assert league.settings["bonuses"]["4"] == [{"target": 300, "points": 3}]
    assert (league.uses_faab, league.faab_budget, league.settings["waiver_type"]) == (
        False,
        None,
        "R",
    )
    team = Team.objects.get(yahoo_team_key="414.l.240994.t.12")
    assert (team.name, team.manager_guid, team.manager_nickname, team.waiver_priority) == (
        "The Moors",
        "HAY7C2CDLRLPZM4F3MBWFMSI3E",
        "Graeme F",
        5,
    )
    assert team.logo_url.endswith("c11c423f2aa7a4597389a34c.jpg")
