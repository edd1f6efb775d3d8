"""The fixture builder writes Yahoo's skeleton, and the parsers read back what it was told."""

from decimal import Decimal
from pathlib import Path

from fantasy.yahoo import parsers
from fantasy.yahoo.local import builder as yb
from tests.conftest import shared_path
from tests.fantasy.yahoo.samples import sample

# Resources restart the skeleton: a player's shape is the same inside a roster, a free-agent
# page or a transaction, so paths are compared from the nearest enclosing resource.
RESOURCES = frozenset({"league", "team", "player", "matchup", "game", "user"})


def skeleton(node, path: str = "", out: set | None = None) -> set[str]:
    """{"anchor/…/key:kind"}: keys with numeric keys as "#", list items as "[]", and the JSON
    kind of every node (dict, list, str, int, float, bool, null), so the pattern of types counts:
    an int where Yahoo writes a string, or `[]` where Yahoo writes `{}`, is a difference."""
    out = set() if out is None else out
    kind = "null" if node is None else type(node).__name__
    out.add(f"{path}:{kind}")
    if isinstance(node, dict):
        for key, value in node.items():
            child = key if key in RESOURCES else f"{path}/{'#' if key.isdigit() else key}"
            skeleton(value, child, out)
    elif isinstance(node, list):
        for item in node:
            skeleton(item, f"{path}[]", out)
    return out


def sample_skeleton() -> set[str]:
    root = shared_path("yahoo-samples", "json")
    paths: set[str] = set()
    for path in sorted(Path(root).rglob("*.json")):
        paths |= skeleton(sample(str(path.relative_to(root))))
    return paths


def builder_bodies() -> dict[str, dict]:
    league = yb.make_league(num_teams=4, week=3)
    league.teams[0].players[1].status = "Q"
    league.teams[0].players[1].injury_note = "Hamstring"
    league.matchups[1].status = "postevent"
    keys = [league.team_key(team) for team in league.teams]
    idp = yb.make_league(num_teams=2, week=3, idp=True)
    return {
        "idp_settings": yb.league_settings_teams_body(idp),
        "idp_rosters": yb.teams_rosters_body(idp, [idp.team_key(team) for team in idp.teams], 3),
        "users_leagues": yb.users_leagues_body([league]),
        "league_settings_teams": yb.league_settings_teams_body(league),
        "teams_rosters": yb.teams_rosters_body(league, keys, 3),
        "scoreboard": yb.scoreboard_body(league, 3),
        "free_agents": yb.free_agents_body(league, start=0, week=3),
        "no_free_agents": yb.free_agents_body(league, start=500, week=3),
        "players_season": yb.players_season_body(
            league, [league.player_key(p) for p in league.teams[0].players[:3]], 2024
        ),
    }


def test_builder_output_has_the_skeleton_of_the_real_samples():
    real = sample_skeleton()

    for name, body in builder_bodies().items():
        unknown = sorted(skeleton(body) - real)
        assert not unknown, f"{name} has paths/types no real sample has: {unknown[:10]}"


def test_skeleton_tells_a_wrong_shape_apart():
    """The comparison is strict enough to catch the quirks the builder must reproduce."""
    real = sample_skeleton()
    body = yb.teams_rosters_body(yb.make_league(num_teams=2), ["461.l.595012.t.1"], 3)
    player = body["fantasy_content"]["teams"]["0"]["team"][1]["roster"]["0"]["players"]["0"]

    flattened = dict(player, player=yb.player_info(yb.make_league(), yb.make_player(1, "WR")))
    assert skeleton(flattened, "team/roster/#/players/#") - real  # info list not wrapped

    as_dict = {"players": {}, "count": 0}
    assert skeleton(as_dict, "team/roster/#") - real  # Yahoo's empty roster is a list


def test_builder_league_week_reads_back_through_the_parsers():
    league = yb.make_league(num_teams=12, week=5, matchup_status="postevent")
    star = league.teams[2].players[0]
    star.status, star.injury_note, star.is_editable = "O", "Knee", False
    keys = [league.team_key(team) for team in league.teams]

    teams = parsers.parse_teams(yb.league_settings_teams_body(league))
    settings = parsers.parse_league_settings(yb.league_settings_teams_body(league))
    rosters = parsers.parse_team_rosters(yb.teams_rosters_body(league, keys, 5))
    matchups = parsers.parse_scoreboard(yb.scoreboard_body(league, 5))
    free_agents = parsers.parse_players(yb.free_agents_body(league, start=0, week=5))

    assert len(teams) == 12
    assert teams[0].is_owned_by_current_login is True
    assert teams[1].faab_balance == 98
    assert sum(p.count for p in settings.roster_positions) == 16
    assert settings.bonuses["4"] == [{"target": Decimal("300"), "points": Decimal("3")}]
    assert [len(roster.entries) for roster in rosters] == [15] * 12
    entry = rosters[2].entries[0]
    assert (entry.player.status, entry.player.injury_note, entry.is_editable) == (
        "O",
        "Knee",
        False,
    )
    assert entry.points == star.points
    assert entry.stats == {key: Decimal(value) for key, value in star.stats.items()}
    assert len(matchups) == 6
    assert all(m.status == "postevent" and m.winner_team_key for m in matchups)
    assert len(free_agents) == 25
    assert any(line.player.is_team_defense for line in free_agents)
    assert all(line.week == 5 and line.player.percent_owned is not None for line in free_agents)
    player_keys = [e.player.player_key for r in rosters for e in r.entries]
    player_keys += [line.player.player_key for line in free_agents]
    assert len(player_keys) == len(set(player_keys))  # no player on two teams


def test_an_idp_league_reads_back_with_its_slots_scoring_and_defenders():
    league = yb.make_league(num_teams=4, week=5, idp=True, free_agents=25)
    keys = [league.team_key(team) for team in league.teams]

    settings = parsers.parse_league_settings(yb.league_settings_teams_body(league))
    rosters = parsers.parse_team_rosters(yb.teams_rosters_body(league, keys, 5))
    free_agents = parsers.parse_players(yb.free_agents_body(league, start=0, week=5))

    starting = {p.position: p.count for p in settings.roster_positions if p.is_starting}
    assert {"DEF": 1, "DL": 1, "LB": 1, "DB": 1}.items() <= starting.items()
    assert settings.stat_modifiers["38"] == Decimal("1")
    assert settings.stat_categories["38"]["position_types"] == ["DP"]
    assert [len(roster.entries) for roster in rosters] == [18] * 4
    defenders = [e for e in rosters[0].entries if e.player.position_type == "DP"]
    assert [(e.player.primary_position, e.selected_position) for e in defenders] == [
        ("DL", "DL"),
        ("LB", "LB"),
        ("DB", "DB"),
    ]
    assert defenders[0].player.display_position == "DE"
    assert all(e.stats and e.points for e in defenders)
    assert {"DL", "LB", "DB"} <= {line.player.primary_position for line in free_agents}
