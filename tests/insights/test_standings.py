"""Standings on a hand-made league: records, all-play, luck, streaks, tie-breakers, seeds."""

import random
from decimal import Decimal

import pytest

from insights.standings import GameResult, playoff_byes, standings_compute

A, B, C, D = 1, 2, 3, 4


def games_of(weeks: dict[int, list[tuple[int, str, int, str]]]) -> list[GameResult]:
    """Both sides of each game: {week: [(team, points, opponent, opponent points), ...]}."""
    games = []
    for week, pairs in weeks.items():
        for team, points, opponent, opponent_points in pairs:
            games.append(
                GameResult(week, team, opponent, Decimal(points), Decimal(opponent_points))
            )
            games.append(
                GameResult(week, opponent, team, Decimal(opponent_points), Decimal(points))
            )
    return games


HAND_MADE = games_of(
    {
        1: [(A, "100", B, "90"), (C, "80", D, "80")],
        2: [(A, "70", C, "110"), (B, "95", D, "60")],
        3: [(A, "120", D, "100"), (B, "85", C, "90")],
    }
)


def by_team(rows):
    return {row.team_id: row for row in rows}


def test_hand_made_league_records_points_streaks_and_rank():
    rows = standings_compute(team_ids=[A, B, C, D], games=HAND_MADE, num_playoff_teams=2)

    assert [row.team_id for row in rows] == [C, A, B, D]  # .833, .667, .333, .167
    table = by_team(rows)
    assert (table[A].wins, table[A].losses, table[A].ties) == (2, 1, 0)
    assert (table[C].wins, table[C].losses, table[C].ties) == (2, 0, 1)
    assert (table[D].wins, table[D].losses, table[D].ties) == (0, 2, 1)
    assert (table[A].points_for, table[A].points_against) == (Decimal(290), Decimal(300))
    assert (table[C].points_for, table[C].points_against) == (Decimal(280), Decimal(235))
    assert {t: table[t].streak for t in table} == {A: "W1", B: "L1", C: "W2", D: "L2"}
    assert [row.playoff_seed for row in rows] == [1, 2, None, None]


def test_hand_made_league_all_play_and_luck():
    table = by_team(standings_compute(team_ids=[A, B, C, D], games=HAND_MADE, num_playoff_teams=2))

    all_play = {t: (r.all_play_wins, r.all_play_losses, r.all_play_ties) for t, r in table.items()}
    assert all_play == {A: (7, 2, 0), B: (4, 5, 0), C: (4, 4, 1), D: (2, 6, 1)}
    assert {t: r.expected_wins for t, r in table.items()} == {A: 2.33, B: 1.33, C: 1.5, D: 0.83}
    # C won 2.5 games with scores worth 1.5: the lucky one; the rest a third of a win short.
    assert {t: r.luck for t, r in table.items()} == {A: -0.33, B: -0.33, C: 1.0, D: -0.33}


def assert_consistent(rows, *, teams: int, weeks: int):
    wins = sum(row.wins for row in rows)
    losses = sum(row.losses for row in rows)
    ties = sum(row.ties for row in rows)
    assert wins == losses and ties % 2 == 0  # a tie is counted once per side
    assert wins + losses + ties == teams * weeks  # every team played every week
    assert sum(r.all_play_wins for r in rows) == sum(r.all_play_losses for r in rows)
    for row in rows:
        played = row.all_play_wins + row.all_play_losses + row.all_play_ties
        assert played == (teams - 1) * weeks
    assert abs(sum(row.luck for row in rows)) < 0.01 * teams  # luck is zero-sum (rounding)
    assert sorted(row.rank for row in rows) == list(range(1, teams + 1))
    assert sorted(row.power_rank for row in rows) == list(range(1, teams + 1))


def test_hand_made_league_is_consistent_by_construction():
    rows = standings_compute(team_ids=[A, B, C, D], games=HAND_MADE, num_playoff_teams=2)
    assert_consistent(rows, teams=4, weeks=3)


@pytest.mark.parametrize("seed", range(5))
def test_random_league_is_consistent(seed):
    rng = random.Random(seed)
    teams, weeks = 12, 13
    schedule = {}
    for week in range(1, weeks + 1):
        order = list(range(1, teams + 1))
        rng.shuffle(order)
        # Whole points so that ties happen.
        schedule[week] = [
            (order[i], str(rng.randint(80, 100)), order[i + 1], str(rng.randint(80, 100)))
            for i in range(0, teams, 2)
        ]
    rows = standings_compute(
        team_ids=list(range(1, teams + 1)), games=games_of(schedule), num_playoff_teams=6
    )
    assert_consistent(rows, teams=teams, weeks=weeks)
    assert [row.playoff_seed for row in rows] == [1, 2, 3, 4, 5, 6] + [None] * 6


def test_equal_records_are_broken_by_points_for():
    # A and B both 1-1; B scored more.
    games = games_of({1: [(A, "100", C, "90"), (B, "120", D, "130")]}) + games_of(
        {2: [(A, "80", D, "90"), (B, "110", C, "100")]}
    )
    rows = standings_compute(team_ids=[A, B, C, D], games=games, num_playoff_teams=4)
    order = [row.team_id for row in rows]
    assert order.index(B) < order.index(A)


def test_equal_record_and_points_are_broken_by_head_to_head_then_id():
    # C and D both end 1-1 with 190 points; D beat C, so D ranks first despite its higher id.
    games = games_of({1: [(D, "100", C, "90"), (A, "50", B, "60")]}) + games_of(
        {2: [(C, "100", A, "0"), (D, "90", B, "95")]}
    )
    rows = standings_compute(team_ids=[A, B, C, D], games=games, num_playoff_teams=4)
    table = by_team(rows)
    assert (table[C].wins, table[C].points_for) == (table[D].wins, table[D].points_for)
    assert table[D].rank < table[C].rank  # D beat C head to head despite the higher id


def test_no_games_yet_everyone_level_and_ordered_by_id():
    rows = standings_compute(team_ids=[B, A], games=[], num_playoff_teams=1)
    assert [(r.team_id, r.wins, r.streak, r.luck) for r in rows] == [
        (A, 0, "", 0.0),
        (B, 0, "", 0.0),
    ]
    assert [r.playoff_seed for r in rows] == [1, None]


def test_power_rank_rewards_points_over_record():
    rows = standings_compute(team_ids=[A, B, C, D], games=HAND_MADE, num_playoff_teams=2)
    table = by_team(rows)
    # A is second in the table but has the best all-play record and points: first in power.
    assert table[A].power_rank == 1
    assert table[A].power_score > table[C].power_score


@pytest.mark.parametrize(
    ("playoff_teams", "byes"), [(2, 0), (3, 1), (4, 0), (5, 3), (6, 2), (7, 1), (8, 0), (1, 0)]
)
def test_playoff_byes_fill_the_bracket(playoff_teams, byes):
    assert playoff_byes(playoff_teams) == byes
