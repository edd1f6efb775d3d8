"""The demo league generator (insights.demo.simulator.DemoLeague): pure code, no database."""

from collections import Counter
from decimal import Decimal

import pytest

from fantasy.nfl_schedule import NFL_TEAMS
from insights.demo.client import DemoClient
from insights.demo.constants import (
    DEMO_MANAGER_GUID,
    FAAB_BUDGET,
    FREE_AGENT_PAGE_SIZE,
    IDP_FORMAT,
    STANDARD_FORMAT,
)
from insights.demo.simulator import DemoLeague
from tests.demo import DEMO_ROSTER_COUNTS

STARTING_ACCEPTS = {
    "QB": {"QB"},
    "WR": {"WR"},
    "RB": {"RB"},
    "TE": {"TE"},
    "W/R/T": {"WR", "RB", "TE"},
    "Q/W/R/T": {"QB", "WR", "RB", "TE"},
    "K": {"K"},
    "DEF": {"DEF"},
    "DL": {"DL"},
    "LB": {"LB"},
    "DB": {"DB"},
    "D": {"DL", "LB", "DB"},
}


@pytest.fixture(scope="module")
def demo() -> DemoLeague:
    return DemoLeague()


def test_same_seed_same_league_other_seed_other_league(demo):
    again = DemoLeague()
    other = DemoLeague(7)

    assert again.league_week(5, as_of=9) == demo.league_week(5, as_of=9)
    assert other.league_week(5, as_of=9) != demo.league_week(5, as_of=9)


def test_players_positions_teams_byes_and_statuses(demo):
    players = list(demo.players.values())
    positions = Counter(p.position for p in players)

    assert 300 <= len(players) <= 600
    assert set(positions) == {"QB", "RB", "WR", "TE", "K", "DEF"}
    assert positions["DEF"] == 32 and {p.nfl_team for p in players} == NFL_TEAMS
    defences = [p for p in players if p.position == "DEF"]
    assert all(int(p.player_id) >= 100000 for p in defences)
    assert all(int(p.player_id) < 100000 for p in players if p.position != "DEF")
    assert len({p.name for p in players}) == len(players)
    assert all(5 <= p.bye_week <= 14 for p in players)
    statuses = Counter(demo.status(pid, 9) for pid in demo.players)
    assert {"Q", "O", "IR"} <= set(statuses) and statuses[None] > len(players) * 0.7


@pytest.fixture(scope="module")
def idp_demo() -> DemoLeague:
    return DemoLeague(league_format=IDP_FORMAT)


@pytest.mark.parametrize("league", ["demo", "idp_demo"])
def test_every_week_rosters_are_legal_and_disjoint(league, request):
    demo = request.getfixturevalue(league)
    for week in range(1, demo.current_week + 1):
        data = demo.league_week(week, as_of=demo.current_week)
        owners: dict[str, str] = {}
        for roster in data.rosters:
            entries = roster.entries
            active = [e for e in entries if e.selected_position != "IR"]
            assert len(active) == demo.format.roster_size
            for entry in entries:
                assert owners.setdefault(entry.player.player_id, roster.team_key) == roster.team_key
                accepts = STARTING_ACCEPTS.get(entry.selected_position)
                if accepts:
                    assert entry.player.primary_position in accepts
                if entry.selected_position == "IR":
                    assert entry.player.status in ("IR", "O") or week < demo.current_week
            slots = Counter(e.selected_position for e in entries)
            assert [(slot, slots[slot]) for slot, _, _ in demo.format.roster_positions][:-1] == [
                (slot, count) for slot, count, _ in demo.format.roster_positions
            ][:-1]  # every slot filled (IR only when someone is hurt)
        free = {fa.player.player_id for fa in data.free_agents}
        assert not free & set(owners)
        assert len(free) + len(owners) == len(demo.players)


def test_played_weeks_score_matchups_from_the_starters_points(demo):
    data = demo.league_week(4, as_of=9)
    points = {
        roster.team_key: sum(
            (e.points for e in roster.entries if e.selected_position not in ("BN", "IR")),
            Decimal(0),
        )
        for roster in data.rosters
    }

    assert len(data.matchups) == demo.num_teams // 2
    for matchup in data.matchups:
        assert matchup.status == "postevent"
        for side in matchup.teams:
            assert side.points == points[side.team_key] > 0
        best = max(matchup.teams, key=lambda side: side.points)
        assert matchup.winner_team_key == best.team_key
    assert all(e.stats for r in data.rosters for e in r.entries if e.points)


def test_current_week_is_upcoming_and_locks_only_thursday_players(demo):
    early = demo.league_week(9, as_of=9, early=True)
    kickoff = demo.league_week(9, as_of=9)
    thursday = demo.thursday_teams(9)

    assert all(m.status == "preevent" and m.winner_team_key is None for m in kickoff.matchups)
    assert all(e.points is None and not e.stats for r in kickoff.rosters for e in r.entries)
    assert all(e.is_editable for r in early.rosters for e in r.entries)
    locked = [e for r in kickoff.rosters for e in r.entries if not e.is_editable]
    assert locked and all(e.player.nfl_team in thursday for e in locked)
    # Between the two syncs a claim was made and lineups moved: the sync will log role events.
    assert [r.entries for r in early.rosters] != [r.entries for r in kickoff.rosters]


def test_league_settings_teams_and_the_demo_manager(demo):
    data = demo.league_week(9, as_of=9)
    settings = data.settings

    assert settings.uses_faab and settings.faab_budget == FAAB_BUDGET
    assert settings.stat_modifiers["11"] == Decimal("1")  # PPR
    assert {"19", "29", "32", "50"} <= set(settings.stat_modifiers)  # kickers and defences
    positions = [(p.position, p.count) for p in settings.roster_positions]
    assert positions == DEMO_ROSTER_COUNTS
    assert len(data.teams) == 12 and data.league.current_week == 9
    assert [t.manager_guid for t in data.teams].count(DEMO_MANAGER_GUID) == 1
    assert all(0 <= t.faab_balance <= FAAB_BUDGET for t in data.teams)
    assert sorted(t.waiver_priority for t in data.teams) == list(range(1, 13))


def test_schedule_has_every_week_with_scores_only_for_played_weeks(demo):
    games = demo.schedule_games()
    by_week = Counter(g.week for g in games)

    assert sorted(by_week) == list(range(1, 18))
    assert all(12 <= count <= 16 for count in by_week.values())
    for game in games:
        played = game.week < demo.current_week
        assert (game.home_score is not None) == played and game.status == (
            "final" if played else "scheduled"
        )
        assert game.total > 0 and game.kickoff.year == 2024


def test_client_pages_free_agents_and_counts_calls(demo):
    client = DemoClient(demo, as_of=9)

    one_page = client.league_week(demo.league_key, 9, free_agent_pages=1)
    assert len(one_page.free_agents) == FREE_AGENT_PAGE_SIZE and client.calls == 4
    two_pages = client.league_week(demo.league_key, None, free_agent_pages=2)
    assert len(two_pages.free_agents) == 2 * FREE_AGENT_PAGE_SIZE and client.calls == 9
    assert two_pages.week == 9
    with pytest.raises(ValueError):
        client.league_week("449.l.1", 9)


@pytest.mark.parametrize(
    "kwargs", [{"teams": 5}, {"teams": 2}, {"current_week": 0}, {"current_week": 15}]
)
def test_refuses_leagues_it_cannot_build(kwargs):
    with pytest.raises(ValueError):
        DemoLeague(**kwargs)


def test_last_season_is_the_prior_of_week_one(demo):
    client = DemoClient(demo, as_of=1)
    keys = [f"449.p.{pid}" for pid in demo.players]

    lines = client.players_season_stats(keys, season=2023)

    assert client.players_season_stats(keys, season=2022) == []
    by_player = {line.player.player_id: line for line in lines}
    starters = [p for p in demo.players.values() if p.depth == 1 and p.position == "QB"]
    assert sum(p.player_id in by_player for p in starters) >= 28  # breakouts are rookies
    assert 0.5 * len(demo.players) < len(lines) < len(demo.players)
    for line in lines:
        assert line.season == 2023 and 1 <= line.games_played <= 17
        assert line.stats["0"] == line.games_played
    # Drawn per player: asking for one player alone gives his same line.
    first = lines[0]
    alone = client.players_season_stats([first.player.player_key], season=2023)
    assert alone == [first]


def test_the_idp_league_shares_the_players_of_the_standard_one(demo, idp_demo):
    positions = Counter(p.position for p in idp_demo.players.values())
    shared = set(demo.players) & set(idp_demo.players)

    assert set(positions) == {"QB", "RB", "WR", "TE", "K", "DL", "LB", "DB"}
    assert positions["DL"] + positions["LB"] + positions["DB"] >= 300
    assert len(shared) == len(demo.players) - 32  # all but the team defences
    week = idp_demo.league_week(5, as_of=9)
    standard = demo.league_week(5, as_of=9)
    players = {fa.player.player_id: fa.player for fa in week.free_agents}
    standard_players = {fa.player.player_id: fa.player for fa in standard.free_agents}
    for pid in shared & set(players) & set(standard_players):
        mine, theirs = players[pid], standard_players[pid]
        assert (mine.full_name, mine.status, mine.percent_owned) == (
            theirs.full_name,
            theirs.status,
            theirs.percent_owned,
        )
    qb = next(p for p in players.values() if p.primary_position == "QB")
    assert qb.eligible_positions == ["QB", "Q/W/R/T"]
    linebacker = next(p for p in players.values() if p.primary_position == "LB")
    assert linebacker.eligible_positions == ["LB", "D"] and linebacker.position_type == "DP"
    assert week.settings.stat_modifiers["38"] == 1 and "31" not in week.settings.stat_modifiers
    assert STANDARD_FORMAT.eligible_positions("RB") == ["RB", "W/R/T"]
