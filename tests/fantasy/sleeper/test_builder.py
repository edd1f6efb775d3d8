"""The Sleeper builder writes the shapes confirmed in public recorded responses.

The key sets below are the skeletons of those recordings (sources in tests/sleeper_builder.py's
docstring): each body the builder renders must carry at least these keys, with these types.
"""

from tests import sleeper_builder as sb

USER_KEYS = {"user_id", "username", "display_name", "avatar", "is_bot"}
LEAGUE_KEYS = {
    "league_id", "name", "season", "season_type", "sport", "status", "total_rosters",
    "roster_positions", "scoring_settings", "settings", "previous_league_id", "draft_id",
    "metadata", "avatar",
}  # fmt: skip
LEAGUE_SETTINGS_KEYS = {
    "waiver_budget", "playoff_teams", "playoff_week_start", "reserve_slots", "num_teams",
    "start_week", "leg", "last_scored_leg", "waiver_type", "type",
}  # fmt: skip
LEAGUE_USER_KEYS = {"user_id", "display_name", "metadata", "settings", "league_id", "is_owner"}
ROSTER_KEYS = {
    "roster_id", "owner_id", "co_owners", "players", "starters", "reserve", "taxi", "settings",
    "metadata", "league_id", "player_map",
}  # fmt: skip
ROSTER_SETTINGS_KEYS = {
    "wins", "losses", "ties", "fpts", "fpts_decimal", "fpts_against", "fpts_against_decimal",
    "ppts", "ppts_decimal", "waiver_budget_used", "waiver_position", "total_moves",
}  # fmt: skip
MATCHUP_KEYS = {
    "roster_id", "matchup_id", "points", "custom_points", "players", "starters",
    "starters_points", "players_points",
}  # fmt: skip
DEFENSE_KEYS = {
    "player_id", "position", "first_name", "last_name", "sport", "team", "fantasy_positions",
    "active", "injury_status",
}  # fmt: skip
PLAYER_KEYS = DEFENSE_KEYS | {"full_name", "status", "yahoo_id", "injury_body_part"}
STATE_KEYS = {"week", "season", "season_type", "leg", "display_week", "league_season"}


def test_user_and_state_skeletons():
    league = sb.make_league()
    user = sb.user_body(league.me)
    assert set(user) >= USER_KEYS
    assert isinstance(user["user_id"], str) and user["user_id"].isdigit()
    state = sb.state_body(league)
    assert set(state) >= STATE_KEYS
    assert isinstance(state["season"], str) and isinstance(state["week"], int)


def test_league_skeleton():
    league = sb.make_league()
    body = sb.league_body(league)
    assert set(body) >= LEAGUE_KEYS
    assert set(body["settings"]) >= LEAGUE_SETTINGS_KEYS
    assert isinstance(body["season"], str)
    assert all(isinstance(value, float) for value in body["scoring_settings"].values())
    assert all(isinstance(value, int) for value in body["settings"].values())
    listed = sb.leagues_body([league])[0]
    assert set(listed) - set(body) == {"display_order", "last_transaction_id"}


def test_users_rosters_and_matchups_skeletons():
    league = sb.make_league(num_teams=4)
    users = sb.users_body(league)
    assert all(set(user) >= LEAGUE_USER_KEYS and user["settings"] is None for user in users)
    assert any("team_name" not in user["metadata"] for user in users)  # often absent

    for roster in sb.rosters_body(league):
        assert set(roster) >= ROSTER_KEYS
        assert set(roster["settings"]) >= ROSTER_SETTINGS_KEYS
        assert isinstance(roster["roster_id"], int)
        assert set(roster["starters"]) <= set(roster["players"])
        assert set(roster["reserve"] or []) <= set(roster["players"])
        starting = [p for p in league.roster_positions if p != "BN"]
        assert len(roster["starters"]) == len(starting)

    matchups = sb.matchups_body(league)
    assert all(set(row) >= MATCHUP_KEYS for row in matchups)
    by_id: dict[int, int] = {}
    for row in matchups:
        by_id[row["matchup_id"]] = by_id.get(row["matchup_id"], 0) + 1
        assert len(row["starters_points"]) == len(row["starters"])
        assert set(row["players_points"]) == set(row["players"])
        assert round(sum(row["starters_points"]), 2) == row["points"]
    assert set(by_id.values()) == {2}  # matchup_id pairs two rosters


def test_unplayed_week_answers_zeros_in_full_shape():
    league = sb.make_league()
    league.played = False
    for row in sb.matchups_body(league):
        assert row["points"] == 0.0 and set(row["starters_points"]) == {0.0}
        assert set(row) >= MATCHUP_KEYS


def test_players_dump_skeleton_defences_by_team_abbreviation():
    league = sb.make_league()
    players = sb.players_body(league)
    defences = {pid: body for pid, body in players.items() if body["position"] == "DEF"}
    assert defences and all(pid.isalpha() and pid == body["team"] for pid, body in defences.items())
    assert all(set(body) == DEFENSE_KEYS for body in defences.values())
    others = [body for body in players.values() if body["position"] != "DEF"]
    assert all(set(body) >= PLAYER_KEYS for body in others)
    assert any(body["team"] is None for body in others)  # a free agent


def test_stats_and_trending_skeletons():
    league = sb.make_league()
    stats = sb.stats_body(league)
    assert set(stats) == set(league.players)
    assert all(
        isinstance(key, str) and isinstance(value, int | float)
        for line in stats.values()
        for key, value in line.items()
    )
    trending = sb.trending_body(league)
    assert trending and all(set(row) == {"player_id", "count"} for row in trending)
