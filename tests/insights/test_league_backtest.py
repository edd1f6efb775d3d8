import pytest

from insights.league_backtest import _calibration, _draft


def test_calibration_bins_the_favourites_chance_and_counts_wins():
    outcomes = [(0.75, True), (0.72, False), (0.55, True), (1.0, True)]
    bins = {(b.low, b.high): b for b in _calibration(outcomes)}
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
