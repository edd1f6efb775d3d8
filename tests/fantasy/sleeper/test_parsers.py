import logging
from decimal import Decimal

import pytest

from fantasy.sleeper import parsers, stat_keys
from fantasy.sleeper.errors import SleeperBadPayload
from insights.scoring import LeagueScoring
from tests import sleeper_builder as sb


def _rosters(league):
    return parsers.parse_rosters(
        sb.rosters_body(league),
        sb.matchups_body(league),
        league_id=league.league_id,
        roster_positions=league.roster_positions,
        week=league.week,
        players=sb.players_body(league),
        stats=sb.stats_body(league),
    )


def test_league_and_provider(league):
    parsed = parsers.parse_league(sb.league_body(league), current_week=3)
    assert parsed.league_key == f"sleeper.l.{league.league_id}"
    assert parsed.provider == "sleeper"
    assert parsed.season == 2025 and parsed.num_teams == 4 and parsed.current_week == 3
    assert parsed.is_finished is False
    body = sb.league_body(league) | {"status": "complete"}
    assert parsers.parse_league(body).is_finished is True
    assert parsed.end_week == 16  # four playoff teams from week 15: two one-week rounds


@pytest.mark.parametrize(
    ("playoff_teams", "week_start", "round_type", "last"),
    [
        (4, 15, 0, 16),
        (6, 15, 0, 17),  # three rounds, byes in the first
        (6, 15, 1, 18),  # a two-week final
        (4, 15, 2, 18),  # two weeks a round
        (6, 15, 2, 17),  # six weeks would end past week 18: a week a round
        (0, 15, 0, 14),  # no playoffs: the regular season is the league's
        (4, None, 0, None),  # Sleeper says nothing: unknown
    ],
)
def test_the_last_week_from_the_playoff_settings(playoff_teams, week_start, round_type, last):
    settings = {
        "playoff_teams": playoff_teams,
        "playoff_week_start": week_start,
        "playoff_round_type": round_type,
    }
    assert parsers.last_week(settings) == last


def test_settings_slots_in_our_labels_with_ir_from_reserve_slots(league):
    settings = parsers.parse_league_settings(sb.league_body(league))
    slots = {
        p.position: (p.count, p.position_type, p.is_starting) for p in settings.roster_positions
    }
    assert slots["W/R/T"] == (1, None, True)  # FLEX
    assert slots["Q/W/R/T"] == (1, None, True)  # SUPER_FLEX
    assert slots["D"] == (1, None, True)  # IDP_FLEX
    assert slots["RB"] == (2, "O", True) and slots["DL"] == (1, "DP", True)
    assert slots["DEF"] == (1, "DT", True) and slots["K"] == (1, "K", True)
    assert slots["BN"] == (4, None, False) and slots["IR"] == (1, None, False)
    assert settings.uses_faab and settings.faab_budget == 100
    assert settings.playoff_start_week == 15


def test_scoring_settings_under_our_stat_keys(league):
    modifiers = parsers.parse_league_settings(sb.league_body(league)).stat_modifiers
    assert modifiers["4"] == Decimal("0.04")  # pass_yd, Sleeper's 0.03999999910593033
    assert modifiers["11"] == Decimal("0.5")  # rec
    assert modifiers["22"] == Decimal("4")  # fgm_40_49
    assert modifiers["52"] == Decimal("4")  # pts_allow_7_13
    assert modifiers["56"] == Decimal("-4")  # pts_allow_35p
    assert modifiers["38"] == Decimal("1") and modifiers["39"] == Decimal("0.5")  # IDP tackles
    assert modifiers["65"] == Decimal("1")  # idp_tkl_loss
    assert modifiers["xpmiss"] == Decimal("-1")  # no Yahoo id: Sleeper's own key


def test_an_unknown_scoring_key_is_logged_once_and_ignored(caplog):
    stat_keys._warned.discard("brand_new_stat")
    with caplog.at_level(logging.WARNING, logger="fantasy.sleeper.stat_keys"):
        first = stat_keys.our_stats({"brand_new_stat": 3.0, "pass_td": 4.0})
        second = stat_keys.our_stats({"brand_new_stat": 1.0})
    assert first == {"5": Decimal("4")} and second == {}
    assert [r.getMessage() for r in caplog.records].count(
        "sleeper: unknown stat key 'brand_new_stat' ignored"
    ) == 1


def test_teams_named_from_metadata_else_display_name_with_faab_left(league):
    teams = parsers.parse_teams(
        sb.rosters_body(league),
        sb.users_body(league),
        league_id=league.league_id,
        waiver_budget=100,
    )
    assert [t.name for t in teams[:2]] == ["Team 1", "Manager2"]
    assert teams[0].team_key == f"sleeper.l.{league.league_id}.t.1"
    assert teams[0].manager_guid == league.me.user_id
    assert teams[0].manager_guids == (league.me.user_id,)
    assert [t.faab_balance for t in teams] == [100, 90, 80, 70]
    assert [t.waiver_priority for t in teams] == [4, 3, 2, 1]


def test_rosters_slots_points_and_stats(league):
    roster = _rosters(league)[0]
    by_slot: dict[str, list] = {}
    for entry in roster.entries:
        by_slot.setdefault(entry.selected_position, []).append(entry)
    assert len(by_slot["RB"]) == 2 and len(by_slot["BN"]) == 3 and len(by_slot["IR"]) == 1
    for label in ("W/R/T", "Q/W/R/T", "D", "DEF", "K", "DL", "LB", "DB"):
        assert len(by_slot[label]) == 1, label
    assert by_slot["W/R/T"][0].is_flex and not by_slot["RB"][0].is_flex
    qb = by_slot["QB"][0]
    assert qb.stats["4"] == Decimal("251") and qb.stats["5"] == Decimal("2")
    assert qb.points == Decimal(str(league.points(qb.player.player_id)))


def test_points_under_the_league_scoring_equal_sleepers(league):
    """Our stat keys x our modifiers give Sleeper's own players_points, position by position."""
    scoring = LeagueScoring.from_league_settings(
        {"stat_modifiers": parsers.parse_league_settings(sb.league_body(league)).stat_modifiers}
    )
    for entry in _rosters(league)[0].entries:
        assert scoring.points(entry.stats) == pytest.approx(float(entry.points), abs=0.01), (
            entry.selected_position
        )


def test_an_empty_starting_slot_is_no_entry(league):
    league.rosters[0].starters[1] = "0"  # the manager left the first RB slot empty
    body = sb.matchups_body(league)
    roster = parsers.parse_rosters(
        sb.rosters_body(league),
        body,
        league_id=league.league_id,
        roster_positions=league.roster_positions,
        week=3,
        players=sb.players_body(league),
        stats={},
    )[0]
    assert [e.selected_position for e in roster.entries].count("RB") == 1
    assert all(e.player.player_id != "0" for e in roster.entries)


def test_players_defence_free_agent_injury_and_yahoo_link(league):
    players = sb.players_body(league)
    defence = parsers.parse_player(players["KC"])
    assert defence.is_team_defense and defence.full_name == "Kansas City Chiefs"
    assert defence.primary_position == "DEF" and defence.position_type == "DT"
    assert defence.yahoo_player_id is None
    league.players["9999"].injury_status = "Questionable"
    free = parsers.parse_player(sb.player_body(league.players["9999"]))
    assert free.nfl_team is None and free.status == "Q"
    assert free.yahoo_player_id == "39999" and free.player_key == "sleeper.p.9999"


def test_matchups_paired_winner_custom_points_and_byes(league):
    body = sb.matchups_body(league)
    body[0]["custom_points"] = 999.5  # a commissioner's override wins
    body.append({**body[-1], "roster_id": 5, "matchup_id": None})  # a bye
    matchups = parsers.parse_matchups(
        body, league_id=league.league_id, week=3, last_scored_week=3, playoff_week_start=15
    )
    assert len(matchups) == 2
    first = matchups[0]
    assert first.status == "postevent" and not first.is_playoffs
    assert first.teams[0].points == Decimal("999.5")
    assert first.winner_team_key == f"sleeper.l.{league.league_id}.t.1"
    live = parsers.parse_matchups(
        body, league_id=league.league_id, week=3, last_scored_week=2, playoff_week_start=3
    )
    assert live[0].status == "midevent" and live[0].winner_team_key is None
    assert live[0].is_playoffs


def test_state(league):
    assert parsers.parse_state(sb.state_body(league)) == (2025, 3)


def test_a_shape_surprise_is_a_bad_payload(league):
    with pytest.raises(SleeperBadPayload) as error:
        parsers.parse_league({"name": "no id"})
    assert error.value.details["parser"] == "parse_league"
    assert error.value.message == "Sleeper sent a league in an unexpected shape."
    with pytest.raises(SleeperBadPayload):
        parsers.parse_matchups(
            [{"matchup_id": 1}],
            league_id="1",
            week=1,
            last_scored_week=None,
            playoff_week_start=None,
        )


def _free_agents(league, *, limit: int, trending: dict[str, int] | None = None):
    return parsers.parse_free_agents(
        sb.stats_body(league),
        rostered={pid for roster in league.rosters for pid in roster.players},
        players=sb.players_body(league),
        scoring_settings=league.scoring_settings,
        week=3,
        limit=limit,
        trending=trending or {},
    )


def test_free_agents_are_the_best_unrostered_lines_under_the_league_scoring(league):
    free = _free_agents(league, limit=25)
    assert free[0].player.player_id == "9999"  # the best line of the week
    assert {line.player.player_id for line in free} == {
        "9999",
        "9998",
        *(abbr for abbr, _, _ in sb.NFL_TEAMS[4:]),
    }
    assert free[0].points == Decimal(str(league.points("9999")))
    assert free[0].stats["11"] == Decimal("9")
    assert len(_free_agents(league, limit=2)) == 2


def test_free_agents_add_the_unrostered_trending_players_the_limit_left_out(league):
    rostered = league.rosters[0].players[0]
    trending = {"SEA": 870, "9999": 1523, rostered: 4000, "unknown": 12}
    free = _free_agents(league, limit=1, trending=trending)
    # the best line, then the trending defence; never a rostered player nor one Sleeper's
    # players dump lacks, and no one twice
    assert [line.player.player_id for line in free] == ["9999", "SEA"]
    assert free[1].points == Decimal(str(league.points("SEA")))


def test_trending_adds_are_counts_by_player_id():
    body = [{"player_id": "4187", "count": 270285}, {"player_id": "NYG", "count": 87}]
    assert parsers.parse_trending(body) == {"4187": 270285, "NYG": 87}
    with pytest.raises(SleeperBadPayload):
        parsers.parse_trending([{"player_id": "4187"}])


def test_standings_from_the_rosters_record_and_split_points(league):
    [first, *_] = parsers.parse_standings(sb.rosters_body(league), league_id=league.league_id)
    assert first.team_key == f"sleeper.l.{league.league_id}.t.1"
    assert (first.wins, first.losses, first.ties, first.rank) == (2, 0, 0, None)
    assert first.points_for == Decimal("250.34") and first.points_against == Decimal("240.10")
