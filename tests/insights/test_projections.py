import json
import math
from dataclasses import replace
from types import SimpleNamespace

import pytest

from insights.availability import (
    PARTICIPATION_DECAY,
    PARTICIPATION_PRIOR_GAMES,
    PARTICIPATION_PRIOR_MISS,
    PLAY_CHANCE_COEFFICIENTS,
    PLAY_FACTOR_RANGE,
    SHARE_MISSED_ZERO_AT,
    SITTING_SHARE,
)
from insights.projections import (
    NO_HISTORY_FACTOR,
    NO_HISTORY_OWNED_RANGE,
    OPPONENT_UNKNOWN,
    PRIOR_SEASON_GAMES,
    RECENCY_DECAY,
    STAT_PRIOR_GAMES,
    STATUS_FACTOR,
    GameContext,
    PlayerHistory,
    SeasonPrior,
    normalize_position,
    project_week,
    schedule_from_games,
    stated_absence_weeks,
)
from insights.scoring import LeagueScoring

PPR = LeagueScoring.preset("ppr")
WEEKS = range(1, 9)


def _schedule(weeks=WEEKS, byes=()):
    """AAA v BBB and CCC v DDD in odd weeks, AAA v CCC and BBB v DDD in even weeks; `byes` are
    (team, week) pairs left out."""
    games = {}
    for week in weeks:
        pairs = (("AAA", "BBB"), ("CCC", "DDD")) if week % 2 else (("AAA", "CCC"), ("BBB", "DDD"))
        for home, away in pairs:
            games[(home, week)] = GameContext(home, week, away, True)
            games[(away, week)] = GameContext(away, week, home, False)
    for bye in byes:
        games.pop(bye)
    return games


def _wr(player_id, team="AAA", weeks=None, status=None, bye_week=None):
    weeks = weeks if weeks is not None else {w: {"11": 5, "12": 60, "13": 0} for w in range(1, 5)}
    return PlayerHistory(player_id, "WR", team, status, bye_week, weeks)


def _league(*players):
    """The players under test plus steady receivers on every team for the baselines."""
    steady = [_wr(100 + index, team) for index, team in enumerate(("AAA", "BBB", "CCC", "DDD"))]
    return [*players, *steady]


def _project(players, week=5, schedule=None, scoring=PPR):
    return project_week(
        players=players,
        week=week,
        scoring=scoring,
        schedule=_schedule() if schedule is None else schedule,
    )


def test_no_peeking_data_from_the_projected_week_on_changes_nothing():
    star = _wr(1, weeks={w: {"11": 8, "12": 100, "13": 1} for w in WEEKS})
    before = _project(_league(star))
    changed = replace(
        star, weeks={**star.weeks, 5: {"11": 1, "12": 2}, 6: {"13": 5}, 8: {"12": 300}}
    )
    dropped = replace(star, weeks={w: line for w, line in star.weeks.items() if w < 5})
    assert _project(_league(changed)) == before
    assert _project(_league(dropped)) == before
    assert before[1].breakdown["games"] == 4


def test_bye_gives_zero():
    schedule = _schedule(byes=[("AAA", 5), ("BBB", 5)])
    projections = _project(_league(_wr(1)), schedule=schedule)
    assert projections[1].points == 0.0
    assert projections[1].breakdown["bye"] is True
    # The player's own bye week says so too, even if the schedule lists a game.
    assert _project(_league(_wr(2, bye_week=5)))[2].points == 0.0


@pytest.mark.parametrize("status", ["O", "IR", "PUP-R", "NA", "SUSP"])
def test_out_statuses_give_zero(status):
    projection = _project(_league(_wr(1, status=status)))[1]
    assert projection.points == 0.0
    assert projection.breakdown["reason"] == f"status {status}"


def test_questionable_and_doubtful_are_discounted():
    healthy = _project(_league(_wr(1)))[1].points
    questionable = _project(_league(_wr(1, status="Q")))[1].points
    doubtful = _project(_league(_wr(1, status="D")))[1].points
    assert healthy > 0
    assert questionable == pytest.approx(healthy * STATUS_FACTOR["Q"], abs=0.01)
    assert doubtful == pytest.approx(healthy * STATUS_FACTOR["D"], abs=0.01)
    assert doubtful < questionable < healthy


def test_steady_player_among_equals_projects_his_own_line():
    # Everyone caught 5 for 60 every week: baselines equal the rates, nothing else moves.
    projection = _project(_league(_wr(1)))[1]
    assert projection.breakdown["base_points"] == pytest.approx(5 + 6.0)
    assert projection.breakdown["opponent_factor"] == 1.0
    # He played his team's 4 games: only the prior chance of missing one is left.
    assert projection.points == pytest.approx(
        11.0 * projection.breakdown["participation_factor"], abs=0.01
    )


def test_shrinkage_pulls_a_one_game_touchdown_spike_toward_the_baseline():
    spike = _wr(1, weeks={4: {"11": 5, "12": 60, "13": 3}})
    projection = _project(_league(spike))[1]
    td = projection.breakdown["stats"]["13"]
    # One game a week back weighs 1; the positional TD rate is 3 TDs per 1,020 yards.
    assert td["rate"] == 3.0
    assert td["own_share"] == pytest.approx(1 / (1 + STAT_PRIOR_GAMES["13"]), abs=1e-3)
    assert td["baseline"] == pytest.approx(3 / 1020 * 60, abs=1e-3)
    assert td["projected"] < 0.6  # far from the 3 he scored
    # Yards are trusted more than touchdowns after the same single game.
    assert projection.breakdown["stats"]["12"]["own_share"] > td["own_share"]
    # 5 catches + 60 yards (rate = baseline) + 6 points per projected touchdown
    own = 1 / (1 + STAT_PRIOR_GAMES["13"])
    expected_tds = own * 3 + (1 - own) * 3 / 1020 * 60
    assert projection.breakdown["base_points"] == pytest.approx(5 + 6 + 6 * expected_tds, abs=0.01)


def test_recent_games_weigh_more():
    weeks = {1: {"11": 2, "12": 20}, 2: {"11": 2, "12": 20}, 3: {"11": 8, "12": 100}}
    projection = _project(_league(_wr(1, weeks=weeks)), week=4)[1]
    weights = [RECENCY_DECAY**2, RECENCY_DECAY, 1.0]
    expected_rate = (weights[0] * 20 + weights[1] * 20 + weights[2] * 100) / sum(weights)
    assert projection.breakdown["stats"]["12"]["rate"] == pytest.approx(expected_rate, abs=1e-3)
    assert expected_rate > (20 + 20 + 100) / 3


def test_opponent_factor_follows_what_a_defence_allowed():
    # BBB's receiver catches 1 for 10 against AAA (odd weeks) and 9 for 110 against DDD (even
    # weeks): AAA is stingy, DDD is soft, as measured against his own average.
    swings = {w: {"11": 1, "12": 10} if w % 2 else {"11": 9, "12": 110} for w in range(1, 5)}
    players = _league(_wr(1, "BBB", weeks=swings), _wr(2, "BBB"), _wr(3, "CCC"))
    week5 = _project(players, week=5)  # BBB meets AAA, CCC meets DDD
    assert week5[2].breakdown["opponent"] == "AAA"
    assert week5[2].breakdown["opponent_factor"] < 1.0
    assert week5[3].breakdown["opponent"] == "DDD"
    assert week5[3].breakdown["opponent_factor"] > 1.0
    assert week5[3].points > week5[2].points


def test_implied_team_total_scales_offense():
    schedule = _schedule()
    schedule[("AAA", 5)] = replace(schedule[("AAA", 5)], implied_total=27.5)
    plain = _project(_league(_wr(1)))[1]
    high = _project(_league(_wr(1)), schedule=schedule)[1]
    assert high.breakdown["implied_total_factor"] > 1.0
    assert high.points > plain.points


def test_player_without_games_gets_a_share_of_the_positional_mean():
    projection = _project(_league(_wr(1, weeks={})))[1]
    assert projection.breakdown["base_points"] == pytest.approx(NO_HISTORY_FACTOR * 11.0, abs=0.01)
    # ... and he missed his team's 4 games: he is not expected to play, kept at a sliver of
    # his expected points (SITTING_SHARE) so players who likely sit still rank among themselves.
    chance = 1 - projection.breakdown["miss_chance"]
    assert chance < PLAY_FACTOR_RANGE["WR"][0]
    assert projection.breakdown["participation_factor"] == pytest.approx(
        SITTING_SHARE * chance, abs=1e-3
    )
    assert projection.points < 0.05
    # Ownership says how a player without history rates (a drafted rookie is owned).
    owned = _project(_league(replace(_wr(1, weeks={}), percent_owned=100.0)))[1]
    assert owned.breakdown["no_history"] is True
    assert {line["no_history_factor"] for line in owned.breakdown["stats"].values()} == {
        NO_HISTORY_OWNED_RANGE[1]
    }


def test_bonus_chance_is_priced_in():
    scoring = LeagueScoring.from_league_settings(
        {"stat_modifiers": {"12": 0.1}, "bonuses": {"12": [{"target": 100, "points": 10}]}}
    )
    plain = LeagueScoring.from_league_settings({"stat_modifiers": {"12": 0.1}})
    star = _wr(1, weeks={w: {"12": 100} for w in range(1, 5)})
    with_bonus = _project(_league(star), scoring=scoring)[1].points
    without = _project(_league(star), scoring=plain)[1].points
    assert 0 < with_bonus - without < 10


def test_positions_are_grouped():
    assert [normalize_position(p) for p in ("DE", "DT", "CB", "S", "lb", "WR")] == [
        "DL",
        "DL",
        "DB",
        "DB",
        "LB",
        "WR",
    ]


def test_breakdown_is_json_and_explains_the_points():
    projection = _project(_league(_wr(1)))[1]
    decoded = json.loads(json.dumps(projection.breakdown))
    assert decoded["points"] == projection.points
    assert {"stats", "base_points", "opponent_factor", "implied_total_factor", "status_factor"} <= (
        decoded.keys()
    )


def test_schedule_from_games_splits_the_total_by_the_spread():
    game = SimpleNamespace(week=3, home_team="KC", away_team="LV", home_spread=-7, total=47)
    bare = SimpleNamespace(week=4, home_team="LV", away_team="KC", home_spread=None, total=44)
    schedule = schedule_from_games([game, bare])
    assert schedule[("KC", 3)] == GameContext("KC", 3, "LV", True, 27.0)
    assert schedule[("LV", 3)] == GameContext("LV", 3, "KC", False, 20.0)
    # A total without a spread is an even game (the engine and the streamers split it alike).
    assert schedule[("KC", 4)].implied_total == schedule[("LV", 4)].implied_total == 22.0
    assert schedule[("KC", 4)].is_home is False


def test_no_schedule_loaded_projects_every_playing_player_against_a_neutral_opponent():
    players = _league(_wr(1), _wr(2, bye_week=5), _wr(3, team=None))
    projections = _project(players, schedule={})
    with_schedule = _project(players)
    playing = projections[1]
    assert playing.points > 0
    assert playing.breakdown["bye"] is False
    assert playing.breakdown["opponent"] is None
    assert playing.breakdown["opponent_factor"] == 1.0
    assert playing.breakdown["note"] == OPPONENT_UNKNOWN
    # Yahoo's bye week still gives 0.
    assert projections[2].points == 0.0
    assert projections[2].breakdown["bye"] is True
    # A team whose season schedule is known and has no game that week is on bye.
    partial = {key: game for key, game in _schedule().items() if key[0] != "AAA" or key[1] != 5}
    assert _project(players, schedule=partial)[1].points == 0.0
    # A team missing from the loaded schedule altogether only has an unknown opponent.
    others = {key: game for key, game in _schedule().items() if key[0] != "AAA"}
    assert _project(players, schedule=others)[1].points == pytest.approx(playing.points)
    assert "note" not in with_schedule[1].breakdown


def test_participation_by_hand():
    # Weeks 1-4 observed, his team played them all; he missed weeks 1 and 3, saw 8 targets in
    # week 2 and 4 in week 4 (usual 6: week 4 counts fully, at over PARTIAL_GAME_SHARE of it).
    weeks = {2: {"11": 5, "12": 60, "78": 8}, 4: {"11": 4, "12": 60, "78": 4}}
    projection = _project(_league(_wr(1, weeks=weeks)))[1]
    decay = PARTICIPATION_DECAY
    missed = PARTICIPATION_PRIOR_GAMES * PARTICIPATION_PRIOR_MISS + decay + decay**3
    share_played = 1 - missed / (PARTICIPATION_PRIOR_GAMES + 1 + decay + decay**2 + decay**3)
    c = PLAY_CHANCE_COEFFICIENTS
    z = (
        c["intercept"]
        + c["played_last_game"]  # he played week 4, his team's last game
        + c["share_played"] * share_played
        + c["log_usual_volume"] * math.log1p(6)
        + c["last_game_share"] * 4 / 6
        + c["log_last_game_volume"] * math.log1p(4)
    )
    chance = 1 / (1 + math.exp(-z))
    assert projection.breakdown["miss_chance"] == pytest.approx(1 - chance, abs=1e-3)
    zero_below, full_at = PLAY_FACTOR_RANGE["WR"]
    factor = min(1.0, max(SITTING_SHARE * chance, (chance - zero_below) / (full_at - zero_below)))
    assert 0 < factor < 1
    assert projection.breakdown["participation_factor"] == pytest.approx(factor, abs=1e-3)
    assert projection.points == pytest.approx(
        projection.breakdown["base_points"] * factor, abs=0.02
    )
    # Out since week 2 (three of his team's games in a row): a sliver of his points.
    out = _project(_league(_wr(1, weeks={1: weeks[2]})))[1]
    out_chance = 1 - out.breakdown["miss_chance"]
    assert out_chance < zero_below
    assert out.breakdown["participation_factor"] == pytest.approx(
        SITTING_SHARE * out_chance, abs=1e-3
    )
    # Back in week 4 with a starter's workload after missing weeks 2-3: he plays again.
    back = {1: {"11": 5, "12": 60, "78": 8}, 4: {"11": 5, "12": 60, "78": 9}}
    returned = _project(_league(_wr(1, weeks=back)))[1]
    assert returned.breakdown["participation_factor"] > factor
    # A team defence always plays.
    defence = PlayerHistory(9, "DEF", "AAA", None, None, {4: {"31": 20}})
    assert _project([*_league(), defence])[9].breakdown["participation_factor"] == 1.0
    # Announced out in weeks 1 and 3 (a stated absence), healthy now: those games are excused,
    # his chance is read from weeks 2 and 4 only, the games he was available for. Healthy and
    # sitting (above: a scratch, a lost job) keeps the discount.
    excused = replace(_wr(1, weeks=weeks), stated_absences=frozenset({1, 3}))
    back_from_injury = _project(_league(excused))[1]
    available = PARTICIPATION_PRIOR_GAMES * PARTICIPATION_PRIOR_MISS
    share_available = 1 - available / (PARTICIPATION_PRIOR_GAMES + 1 + decay)
    z_back = z + c["share_played"] * (share_available - share_played)
    chance_back = 1 / (1 + math.exp(-z_back))
    assert back_from_injury.breakdown["miss_chance"] == pytest.approx(1 - chance_back, abs=1e-3)
    assert back_from_injury.breakdown["participation_factor"] > factor


def test_previous_season_is_the_week_one_prior_and_fades_as_weeks_come_in():
    prior = SeasonPrior.from_totals(games=17, totals={"11": 17 * 8, "12": 17 * 100})
    assert prior.per_game == {"11": 8.0, "12": 100.0}
    star = replace(_wr(1, weeks={}), prior=prior)
    backup = replace(_wr(2, weeks={}), prior=SeasonPrior.from_totals(games=17, totals={"11": 17}))
    week1 = _project([star, backup, *_league()], week=1)
    # Week 1: his whole line is last season's, shrunk toward the positional baseline (which
    # includes last season too); no game observed yet: the prior miss rate alone cuts it.
    catches = week1[1].breakdown["stats"]["11"]
    assert catches["rate"] == 8.0
    assert catches["own_share"] == pytest.approx(
        PRIOR_SEASON_GAMES / (PRIOR_SEASON_GAMES + STAT_PRIOR_GAMES["11"]), abs=1e-3
    )
    # Before his team's first game the share-of-games model alone: 1 - prior miss / zero-at.
    first_week_factor = 1 - PARTICIPATION_PRIOR_MISS / SHARE_MISSED_ZERO_AT
    assert week1[1].breakdown["participation_factor"] == pytest.approx(first_week_factor)
    assert week1[1].points > week1[2].points > 0
    # Four games of 2 catches later, the current season outweighs the prior, which has faded
    # like a game played just before week 1.
    slumping = replace(star, weeks={w: {"11": 2, "12": 20} for w in range(1, 5)})
    rate = _project(_league(slumping))[1].breakdown["stats"]["11"]["rate"]
    weights = sum(RECENCY_DECAY**k for k in range(4))
    prior_weight = PRIOR_SEASON_GAMES * RECENCY_DECAY**4
    assert rate == pytest.approx(
        (2 * weights + 8 * prior_weight) / (weights + prior_weight), abs=1e-3
    )
    assert rate < 5.0
    # Last season's missed games say nothing here (never fitted: 2022 has no season before it).
    part_timer = replace(_wr(3, weeks={}), prior=SeasonPrior.from_totals(games=4, totals={"11": 8}))
    projection = _project([part_timer, *_league()], week=1)[3]
    assert projection.breakdown["participation_factor"] == pytest.approx(first_week_factor)


def test_stated_absence_weeks_from_status_changes():
    # Out from week 3, healthy again in week 5, on IR from week 8: the weeks that ended with
    # him announced out, before the week projected.
    changes = [(3, None, "O"), (5, "O", None), (8, None, "IR")]
    assert stated_absence_weeks(changes, before_week=11) == {3, 4, 8, 9, 10}
    assert stated_absence_weeks(changes, before_week=4) == {3}
    # Out, then healthy again within week 4 (before its kickoff): week 4 is not an absence.
    assert stated_absence_weeks([(3, None, "O"), (4, "O", "Q"), (4, "Q", None)], before_week=6) == {
        3
    }
    # The status before the first change held since the season's start.
    assert stated_absence_weeks([(4, "IR", None)], before_week=6) == {1, 2, 3}
    # Doubtful more likely sits (a stated absence); questionable and probable play.
    assert stated_absence_weeks([(2, None, "D"), (3, "D", None)], before_week=6) == {2}
    assert stated_absence_weeks([(2, None, "Q"), (3, "Q", "P")], before_week=6) == frozenset()
    assert stated_absence_weeks([], before_week=6) == frozenset()
