import pytest

from insights.league_backtest import (
    CALIBRATION_BINS,
    LeagueFollowUp,
    LeagueWeekInputs,
    TeamWeek,
    _calibration,
    _draft,
    _drop_check,
    walk_forward_playoff_odds,
)
from insights.lineup import LineupPlayer
from insights.outlook import win_probability
from insights.playoff_odds import round_robin
from insights.waivers import WaiverPlayer


def test_calibration_bins_the_favourites_chance_and_counts_wins():
    outcomes = [(0.75, True), (0.72, False), (0.55, True), (1.0, True)]
    bins = {(b.low, b.high): b for b in _calibration(outcomes, CALIBRATION_BINS)}
    assert set(bins) == {(0.5, 0.6), (0.7, 0.8), (0.9, 1.0)}
    assert (bins[(0.7, 0.8)].matchups, bins[(0.7, 0.8)].won) == (2, 0.5)
    assert bins[(0.7, 0.8)].predicted == pytest.approx(0.735)
    assert (bins[(0.9, 1.0)].matchups, bins[(0.9, 1.0)].won) == (1, 1.0)


def test_the_draft_snakes_by_points_scored_before_the_week_and_leaves_the_rest():
    # 30 running backs, player n scored 100 - n in week 1 (ranked 0, 1, 2, ...); week 2 ignored
    positions = dict.fromkeys(range(30), "RB")
    points = {n: {1: 100.0 - n, 2: float(n)} for n in range(30)}
    positions[99] = "RB"  # never played: neither drafted nor available

    rosters, available = _draft(positions, points, week=2)

    assert rosters[0] == [0, 23, 24]  # first pick, last of round 2, first of round 3
    assert rosters[11] == [11, 12]
    assert available == []
    rosters, available = _draft(
        {**positions, **dict.fromkeys(range(30, 70), "RB")},
        {**points, **{n: {1: 1.0} for n in range(30, 70)}},
        week=2,
    )
    assert all(len(r) == 5 for r in rosters)  # at most 5 running backs each
    assert len(available) == 70 - 60


def test_the_round_robin_pairs_every_team_once_a_week():
    games = round_robin([0, 1, 2, 3], [1, 2, 3])
    assert [(g.week, g.home, g.away) for g in games] == [
        (1, 0, 3), (1, 1, 2), (2, 0, 2), (2, 3, 1), (3, 0, 1), (3, 2, 3),
    ]  # fmt: skip


def test_one_game_for_one_spot_walked_forward_is_the_win_probability_then_the_result():
    # Two teams, one week, one spot: before it, team 0's odds are its win probability,
    # Phi((110 - 100) / sqrt(30^2 + 40^2)) = Phi(0.2) = 0.579; team 0 then scored more.
    sides = {5: [TeamWeek(110.0, 30.0, 120.0), TeamWeek(100.0, 40.0, 90.0)]}
    (first, first_made), (second, second_made) = walk_forward_playoff_odds(
        sides, num_playoff_teams=1
    )
    expected = win_probability(points=110.0, sd=30.0, opponent_points=100.0, opponent_sd=40.0)
    assert first == pytest.approx(expected, abs=0.015) and first_made
    assert second == pytest.approx(1 - expected, abs=0.015) and not second_made


def test_the_last_week_walked_forward_knows_all_but_that_game():
    # Four teams, weeks 1-2, two spots. Week 1 (0-3, 1-2): 0 and 1 win. Week 2 (0-2, 3-1):
    # before it 0 and 1 are 1-0, 2 and 3 are 0-1. Team 0 wins again (2-0, in); team 1 loses
    # to 3 (1-1, 110 + 80 = 190 points) and 3 ends 1-1 with 90 + 100 = 190.01: 3 takes the spot.
    def week(scores):
        return [TeamWeek(100.0, 20.0, s) for s in scores]

    sides = {1: week([120.0, 110.0, 70.0, 90.0]), 2: week([130.0, 80.0, 60.0, 100.01])}
    outcomes = walk_forward_playoff_odds(sides, num_playoff_teams=2)
    made = [m for _, m in outcomes]
    assert made == [True, False, False, True] * 2
    before_week_2 = [chance for chance, _ in outcomes[4:]]
    assert sum(before_week_2) == pytest.approx(2)
    assert before_week_2[0] > before_week_2[1] > before_week_2[3] > before_week_2[2]


@pytest.mark.parametrize(
    ("beat", "bad_drops", "met"),
    [(8, 0, True), (7, 0, False), (10, 1, False)],
)
def test_the_waiver_targets_need_80_percent_of_team_weeks_and_no_bad_drop(beat, bad_drops, met):
    follow_up = LeagueFollowUp(team_weeks=10, top3_beat_median=beat, bad_drops=bad_drops)

    assert follow_up.targets_met is met


def _roster_player(player_id: int, per_game: float, position: str = "RB") -> WaiverPlayer:
    player = LineupPlayer(player_id, f"P{player_id}", frozenset({position}), per_game)
    return WaiverPlayer(player=player, per_game=per_game, games_left=10.0)


@pytest.mark.parametrize(
    ("statuses", "availability", "injured", "bad"),
    [
        # Statuses known, the drop listed healthy: he sat last week, but that is no injury.
        ({1: None, 2: None}, {}, False, False),
        # Statuses known, the drop listed out: back within 3 weeks while a cheaper bench
        # player is healthy.
        ({1: "O", 2: None}, {}, True, True),
        # A season file (no statuses): the missed last game stands in for the announcement.
        ({1: None, 2: None}, {1: 0.4, 2: 1.0}, True, True),
    ],
)
def test_a_drop_is_injured_by_his_announced_status_or_without_statuses_by_a_missed_game(
    statuses, availability, injured, bad
):
    # Three healthy starters fill RB, RB and W/R/T: the drop and the cheaper player sit.
    drop, cheaper = _roster_player(1, 3.0), _roster_player(2, 1.0)
    starters = [_roster_player(player_id, 15.0) for player_id in (3, 4, 5)]
    inputs = LeagueWeekInputs(
        week=6,
        points={1: 3.0, 2: 1.0, 3: 15.0, 4: 15.0, 5: 15.0},
        per_game={1: 3.0, 2: 1.0, 3: 15.0, 4: 15.0, 5: 15.0},
        statuses=statuses | {3: None, 4: None, 5: None},
        availability=availability and availability | {3: 1.0, 4: 1.0, 5: 1.0},
    )
    played = {3: 1.0, 4: 1.0, 5: 1.0}
    points = {1: {3: 10.0, 4: 8.0, 6: 9.0}, 2: played, 3: played, 4: played, 5: played}
    team_weeks = {player_id: {3, 4, 5, 6, 7, 8} for player_id in range(1, 6)}

    was_injured, came_back, was_bad = _drop_check(
        drop,
        [drop, cheaper, *starters],
        inputs,
        points,
        team_weeks,
        dict.fromkeys(range(1, 6), "RB"),
    )

    assert (was_injured, came_back, was_bad) == (injured, injured, bad)
