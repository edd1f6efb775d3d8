"""Every parser against the real recorded responses (../shared/yahoo-samples/json)."""

import copy
from decimal import Decimal

import pytest

from accounts.yahoo_errors import YahooBadPayload
from fantasy.yahoo import parsers
from tests.fantasy.yahoo.samples import sample

# --- leagues -------------------------------------------------------------------------------


def test_user_leagues_2024_keeps_nfl_and_coerces_strings():
    body = sample("user/user_games_leagues_nfl2024.json")

    (league,) = parsers.parse_user_leagues(body, game_code="nfl")

    assert league.league_key == "449.l.751781"
    assert league.game_key == "449"
    assert league.season == 2024
    assert league.scoring_type == "head"
    assert (league.num_teams, league.current_week, league.start_week, league.end_week) == (
        12,
        17,
        1,
        17,
    )
    assert league.is_finished is True
    assert league.logo_url is None  # Yahoo's `logo_url: false`


def test_user_leagues_without_filter_include_other_sports_and_real_logo():
    leagues = parsers.parse_user_leagues(sample("user/user_games_leagues_nfl2024.json"))

    mlb = next(league for league in leagues if league.game_key == "458")
    assert mlb.logo_url.startswith("https://")
    assert mlb.current_week == 1  # an int here, a string in the NFL league
    assert mlb.is_finished is False  # absent means not finished


def test_user_leagues_2022_skip_games_whose_leagues_are_an_empty_list():
    leagues = parsers.parse_user_leagues(
        sample("user/user_leagues_settings_teams_rosters_nfl2022.json")
    )

    assert [league.league_key for league in leagues] == ["414.l.240994", "414.l.358976"]
    assert {league.num_teams for league in leagues} == {14, 12}


# --- settings --------------------------------------------------------------------------------


def test_settings_2020_faab_league_without_is_starting_position():
    settings = parsers.parse_league_settings(sample("league/league_settings_nfl2020.json"))

    positions = {p.position: p for p in settings.roster_positions}
    assert [p.position for p in settings.roster_positions] == [
        "QB", "WR", "RB", "TE", "W/R/T", "K", "DEF", "BN", "IR",
    ]  # fmt: skip
    assert positions["WR"].count == 2
    assert positions["IR"].count == 2  # "2" as a string in the sample
    assert positions["DEF"].position_type == "DT"
    assert positions["BN"].position_type is None
    assert (positions["BN"].is_starting, positions["IR"].is_starting) == (False, False)
    assert positions["W/R/T"].is_starting is True
    assert settings.uses_faab is True
    assert settings.waiver_type == "FS"
    assert settings.waiver_rule == "gametime"
    assert settings.waiver_time == 2
    assert settings.playoff_start_week == 14
    assert settings.uses_playoff is True
    assert settings.num_playoff_teams == 6  # "6" in the file
    assert settings.stat_modifiers["4"] == Decimal("0.04")
    assert settings.stat_modifiers["6"] == Decimal("-2")
    assert settings.stat_categories["4"]["name"] == "Passing Yards"
    assert settings.stat_categories["4"]["position_types"] == ["O"]


def _league_2022(index: int) -> dict:
    """One league of the 2022 users/games/leagues file, as a league response body."""
    body = sample("user/user_leagues_settings_teams_rosters_nfl2022.json")
    user = body["fantasy_content"]["users"]["0"]["user"]
    nfl = user[1]["games"]["1"]["game"]
    league = nfl[1]["leagues"][str(index)]["league"]
    return {"fantasy_content": {"league": league}}


def test_settings_2022_starting_flags_bonuses_and_display_only_stats():
    settings = parsers.parse_league_settings(_league_2022(0))

    positions = {p.position: p for p in settings.roster_positions}
    assert positions["Q/W/R/T"].count == 1
    assert positions["BN"].count == 5
    assert positions["BN"].is_starting is False
    assert positions["WR"].is_starting is True
    assert settings.uses_faab is False
    assert settings.waiver_type == "R"
    assert settings.bonuses["4"] == [{"target": Decimal("300"), "points": Decimal("3")}]
    assert settings.bonuses["9"] == [{"target": Decimal("100"), "points": Decimal("3")}]
    assert "5" not in settings.bonuses
    assert settings.stat_modifiers["56"] == Decimal("-4")
    assert settings.stat_categories["8"]["is_only_display_stat"] is True
    assert settings.stat_categories["4"]["is_only_display_stat"] is False
    assert settings.stat_categories["31"]["position_types"] == ["DT"]


# --- teams -------------------------------------------------------------------------------------


def test_teams_collection_2024_with_faab_and_manager():
    (team,) = parsers.parse_teams(sample("team/teams_details_nfl2024.json"))

    assert team.team_key == "449.l.751781.t.9"
    assert team.name == "Gibb it to me baby"
    assert team.manager_guid == "BHVG6BFSIBLNQNPEC2SKXNNRVY"
    assert team.manager_nickname == "Dave"
    assert team.faab_balance == 4  # "4"
    assert team.waiver_priority == 2
    assert team.is_owned_by_current_login is True
    assert team.logo_url.startswith("https://")


def test_league_teams_without_faab_or_ownership_flag():
    teams = parsers.parse_teams(sample("league/league_teams_nba2022.json"))

    assert len(teams) == 14
    assert teams[0].faab_balance is None
    assert teams[0].is_owned_by_current_login is False
    assert teams[0].manager_guid == "ONVHWMWVEBRZHGYCHWPDPIVZFY"


def test_co_managers_guids_in_yahoos_order():
    teams = {t.team_key: t for t in parsers.parse_teams(sample("league/league_teams_nba2022.json"))}

    shared = teams["418.l.15944.t.5"]
    assert shared.manager_guids == ("TARJ7VVBNLTTBQB4S2AZGNEE7Q", "KWWZTQ44TDCWVBGKBP3UQ3MDXI")
    assert (shared.manager_guid, shared.manager_nickname) == (
        "TARJ7VVBNLTTBQB4S2AZGNEE7Q",
        "Richard",
    )
    assert teams["418.l.15944.t.1"].manager_guids == ("ONVHWMWVEBRZHGYCHWPDPIVZFY",)


def test_teams_of_a_league_with_settings_2022():
    (team,) = parsers.parse_teams(_league_2022(0))

    assert team.team_key == "414.l.240994.t.12"
    assert team.waiver_priority == 5


# --- rosters and players ----------------------------------------------------------------------


def _entries_by_name(path: str) -> dict:
    (roster,) = parsers.parse_team_rosters(sample(path))
    return {entry.player.full_name: entry for entry in roster.entries}


def test_every_player_of_the_idp_roster_is_parsed():
    (roster,) = parsers.parse_team_rosters(
        sample("team/team_roster_week11_nfl2025_idp_dualpos.json")
    )

    assert len(roster.entries) == 29
    assert len({entry.player.player_key for entry in roster.entries}) == 29
    assert roster.week == 11
    assert roster.is_editable is False
    assert all(entry.week == 11 for entry in roster.entries)


def test_live_2025_roster_is_editable_per_player():
    (roster,) = parsers.parse_team_rosters(sample("team/team_roster_week1_nfl2025_live.json"))

    assert roster.team_key == "461.l.595012.t.3"
    assert roster.week == 1
    assert roster.is_editable is True
    assert roster.is_prescoring is False
    # The README speaks of 16 players; the recorded file holds 15, one still to play.
    editable = [entry.is_editable for entry in roster.entries]
    assert (len(editable), editable.count(False), editable.count(True)) == (15, 14, 1)
    burrow = next(e for e in roster.entries if e.player.full_name == "Joe Burrow")
    assert burrow.selected_position == "QB"
    assert burrow.week == 1
    assert burrow.player.nfl_team == "CIN"  # "Cin" upper-cased
    assert burrow.player.bye_week == 10
    assert burrow.points is None  # no stats were requested


def test_preseason_raw_body_parses_like_the_live_one():
    (roster,) = parsers.parse_team_rosters(
        sample("team/team_roster_preseason_nfl2025_raw_body.json")
    )

    assert roster.team_key == "461.l.595012.t.3"
    assert roster.entries
    assert all(entry.is_editable for entry in roster.entries)
    assert all(entry.player.player_key.startswith("461.p.") for entry in roster.entries)


def test_idp_roster_dual_positions_defences_and_injuries():
    entries = _entries_by_name("team/team_roster_week11_nfl2025_idp_dualpos.json")

    hunter = entries["Travis Hunter"]
    assert hunter.player.display_position == "WR,CB"
    assert hunter.player.primary_position == "WR"
    assert hunter.player.eligible_positions == ["WR", "W/R", "W/R/T", "DB"]
    assert (hunter.player.status, hunter.player.injury_note) == ("IR", "Knee")
    assert hunter.selected_position == "BN"
    assert hunter.player.is_team_defense is False

    assert entries["Joe Mixon"].player.status == "NFI-R"
    assert entries["Ray-Ray McCloud"].player.status == "NA"
    assert entries["Ray-Ray McCloud"].player.injury_note is None
    assert entries["Kyle Hamilton"].player.status == "Q"
    assert entries["Jalen Hurts"].player.status is None

    assert entries["Tez Johnson"].selected_position == "W/R/T"
    assert entries["Tez Johnson"].is_flex is True
    assert entries["Myles Price"].selected_position == "W/R"
    assert entries["Byron Young"].player.eligible_positions == ["DL", "LB"]
    assert entries["Byron Young"].selected_position == "DL"
    assert entries["Kyle Hamilton"].player.position_type == "DP"

    (roster,) = parsers.parse_team_rosters(
        sample("team/team_roster_week11_nfl2025_idp_dualpos.json")
    )
    defences = [e.player for e in roster.entries if e.player.primary_position == "DEF"]
    assert len(defences) == 3
    assert all(p.is_team_defense and int(p.player_id) >= 100000 for p in defences)
    assert {p.nfl_team for p in defences} == {"DET", "NYJ", "NYG"}


def test_roster_2022_with_percent_owned_and_superflex_eligibility():
    body = _league_2022(0)
    team = body["fantasy_content"]["league"][2]["teams"]["0"]["team"]

    (roster,) = parsers.parse_team_rosters({"fantasy_content": {"team": team}})

    assert roster.week == 17
    assert len(roster.entries) == 15
    first = roster.entries[0]
    assert first.player.full_name == "Diontae Johnson"
    assert first.player.eligible_positions == ["WR", "W/R/T", "Q/W/R/T"]
    assert first.player.percent_owned == Decimal("84")
    assert first.player.percent_owned_delta == Decimal("0")
    assert first.is_editable is False
    assert sum(e.selected_position == "BN" for e in roster.entries) <= 5


def test_roster_with_player_points_and_stats():
    (roster,) = parsers.parse_team_rosters(sample("team/team_roster_with_stats_date_nhl2020.json"))

    first = roster.entries[0]
    assert first.points == Decimal("3.65")
    assert first.stats["14"] == Decimal("3")
    assert first.stats["4"] == Decimal("-1")
    assert roster.week is None  # daily coverage: no week


# --- matchups ---------------------------------------------------------------------------------


def test_scoreboard_2020_playoffs_finished():
    matchups = parsers.parse_scoreboard(
        sample("league/league_scoreboard_week16_nfl2020_playoffs.json")
    )

    assert len(matchups) == 4
    first = matchups[0]
    assert first.week == 16
    assert first.status == "postevent"
    assert first.is_playoffs is True
    assert first.is_consolation is False
    assert first.is_tied is False
    assert first.winner_team_key == "399.l.36409.t.12"
    loser, winner = first.teams
    assert loser.team_key == "399.l.36409.t.2"
    assert loser.points == Decimal("136.64")
    assert loser.projected_points == Decimal("117.12")
    assert loser.win_probability == Decimal("0")
    assert winner.points == Decimal("139.90")
    assert [m.is_consolation for m in matchups] == [False, False, True, True]


def test_scoreboard_midevent_category_league_int_points_no_winner():
    matchups = parsers.parse_scoreboard(
        sample("league/league_scoreboard_week12_mlb2019_midevent.json")
    )

    assert {m.status for m in matchups} == {"midevent"}
    assert matchups[0].winner_team_key is None
    assert matchups[0].is_playoffs is False
    assert matchups[0].teams[0].points == Decimal("5")  # an int in category leagues
    assert matchups[0].teams[0].projected_points is None


# --- players (free agents) --------------------------------------------------------------------


def test_player_week_stats_and_points_under_coverage_zero():
    (line,) = parsers.parse_players(sample("league/league_players_stats_week1_nfl2024.json"))

    assert line.player.player_key == "449.p.7200"
    assert line.week == 1
    assert line.points == Decimal("8.58")
    assert line.stats["4"] == Decimal("167")
    assert line.stats["9"] == Decimal("-1")


def test_available_players_2023_with_ownership_and_defences():
    lines = parsers.parse_players(sample("user/user_league_players_available_nfl2023.json"))

    assert len(lines) == 25
    by_name = {line.player.full_name: line.player for line in lines}
    jones = by_name["Daniel Jones"]
    # A superflex league gives QBs primary_position "Q/W/R/T": the real position wins.
    assert jones.primary_position == "QB"
    assert (jones.status, jones.injury_note) == ("O", "Neck")
    assert jones.percent_owned == Decimal("46")
    assert jones.percent_owned_delta == Decimal("-10")
    assert by_name["Pittsburgh"].is_team_defense is True
    assert by_name["Pittsburgh"].primary_position == "DEF"
    assert all(line.points is None for line in lines)


def test_free_agent_pages_full_and_last():
    page1 = parsers.parse_players(sample("league/league_players_freeagents_page1_nhl2019.json"))
    last = parsers.parse_players(sample("league/league_players_freeagents_lastpage_nhl2019.json"))

    assert (len(page1), len(last)) == (25, 15)
    assert page1[0].player.percent_owned is not None


def test_top_level_players_collection():
    lines = parsers.parse_players(sample("player/players_stats_season_nhl2019.json"))

    assert lines[0].player.player_key == "396.p.4002"
    assert lines[0].stats


# --- empty collections and malformed payloads ------------------------------------------------


def test_empty_players_collection_is_an_empty_list():
    assert parsers.parse_players(sample("league/league_players_search_empty_mlb2020.json")) == []


def test_empty_transactions_list_is_an_empty_collection():
    body = sample("league/league_transactions_empty_nhl2020.json")
    assert parsers.collection(body["fantasy_content"]["league"][1]["transactions"], "x") == []
    assert parsers.collection({}, "x") == []


def test_scoreboard_without_matchups_is_empty():
    body = sample("league/league_scoreboard_week16_nfl2020_playoffs.json")
    body["fantasy_content"]["league"][1]["scoreboard"]["0"]["matchups"] = []
    assert parsers.parse_scoreboard(body) == []


def _break(body: dict, path: list, value) -> dict:
    broken = copy.deepcopy(body)
    node = broken
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return broken


@pytest.mark.parametrize(
    ("parse", "path", "breakage"),
    [
        (parsers.parse_scoreboard, "league/league_scoreboard_week16_nfl2020_playoffs.json",
         (["fantasy_content", "league", 1, "scoreboard", "0", "matchups", "0", "matchup"], {})),
        (parsers.parse_team_rosters, "team/team_roster_week1_nfl2025_live.json",
         (["fantasy_content", "team", 1, "roster", "0", "players"], "oops")),
        (parsers.parse_league_settings, "league/league_settings_nfl2020.json",
         (["fantasy_content", "league", 1], {"standings": []})),
        (parsers.parse_teams, "team/teams_details_nfl2024.json",
         (["fantasy_content", "teams", "0", "team"], {"team_key": "x"})),
        (parsers.parse_players, "league/league_players_stats_week1_nfl2024.json",
         (["fantasy_content", "league", 1, "players", "count"], 3)),
        (parsers.parse_user_leagues, "user/user_games_leagues_nfl2024.json",
         (["fantasy_content", "users"], 42)),
    ],
)  # fmt: skip
def test_malformed_payload_raises_bad_payload(parse, path, breakage):
    body = _break(sample(path), *breakage)

    with pytest.raises(YahooBadPayload) as raised:
        parse(body)

    assert raised.value.code == "yahoo_bad_payload"
    assert raised.value.details["parser"] == parse.__name__


@pytest.mark.parametrize("body", [None, [], {}, {"error": {"description": "x"}}, "text"])
def test_body_without_fantasy_content_is_bad_payload(body):
    with pytest.raises(YahooBadPayload):
        parsers.parse_league(body)


def test_standings_2020_with_yahoos_mixed_types():
    standings = parsers.parse_standings(sample("league/league_standings_nhl2020_points.json"))

    assert len(standings) == 12
    first = standings[0]
    assert (first.team_key, first.rank, first.playoff_seed) == ("403.l.17457.t.12", 1, 1)
    assert (first.wins, first.losses, first.ties) == (11, 0, 0)  # "11" and 0
    assert first.points_for == Decimal("2683.50")
    assert first.points_against == Decimal("2233.65")  # 2233.6499999999996 in the file


def test_a_league_without_standings_has_none():
    assert parsers.parse_standings(sample("league/league_settings_nfl2020.json")) == []


def test_team_matchups_of_one_team():
    (matchup,) = parsers.parse_team_matchups(sample("team/team_matchups_week3_mlb2019.json"))

    assert (matchup.week, matchup.status, matchup.is_playoffs) == (3, "preevent", False)
    assert matchup.teams[0].team_key == "388.l.27081.t.5"
    assert len(matchup.teams) == 2
