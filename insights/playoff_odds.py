"""Playoff odds: a seeded, vectorised Monte Carlo over the rest of the regular season.

Pure (numpy only): `simulate` takes the table as it stands, the remaining games and each
team's expected weekly score, and plays the rest of the season `simulations` times at once.

- A team's score in a remaining game is drawn from a normal distribution around its expected
  weekly score (its best-lineup projection) with its own spread `score_sd[team]`: the variance
  model the win probability uses (`insights.outlook.team_score_sd` of its starters, fitted on the
  2022 backtest), so a matchup's odds and the season's odds agree. A team without a projected
  lineup gets `spread_without_lineup`: the same model with its expected points spread evenly
  over the league's starting slots.
- Games are decided head to head (a tie has probability zero with continuous scores).
- Teams are ranked as the standings rank them: wins (a tie counts half), then points for.
  Head-to-head among teams tied on both never happens with continuous points.
- The first `num_playoff_teams` ranks make the playoffs; the first `byes` of them skip the
  first round (`insights.standings.playoff_byes`).
- Deterministic: the generator is seeded by (league id, week).
"""

from dataclasses import dataclass

import numpy as np

from insights.outlook import team_score_sd

DEFAULT_SIMULATIONS = 10_000


@dataclass(frozen=True)
class RemainingGame:
    week: int
    home: int  # team ids
    away: int


@dataclass(frozen=True)
class TeamOdds:
    team_id: int
    playoff_prob: float
    bye_prob: float
    projected_wins: float  # final wins, a tie counting half, averaged over the simulations
    mean_seed: float  # final regular-season rank (1 = best), averaged over the simulations


def round_robin(team_ids: list[int], weeks: list[int]) -> list[RemainingGame]:
    """Each week a different pairing of an even number of teams (the circle method)."""
    games = []
    ring = team_ids[1:]
    for week in weeks:
        order = [team_ids[0], *ring]
        games += [RemainingGame(week, order[i], order[-1 - i]) for i in range(len(order) // 2)]
        ring = ring[-1:] + ring[:-1]
    return games


def spread_without_lineup(*, points: float, starters: int) -> float:
    """The spread of a team expected to score `points` without a projected lineup: the variance
    model with those points shared evenly by the league's `starters` slots (at least one)."""
    starters = max(starters, 1)
    return team_score_sd([points / starters] * starters)


def simulate(
    *,
    team_ids: list[int],
    wins: dict[int, float],
    points_for: dict[int, float],
    games: list[RemainingGame],
    expected_points: dict[int, float],
    score_sd: dict[int, float],
    num_playoff_teams: int,
    byes: int,
    seed: tuple[int, ...],
    simulations: int = DEFAULT_SIMULATIONS,
) -> list[TeamOdds]:
    index = {team_id: i for i, team_id in enumerate(team_ids)}
    teams = len(team_ids)
    rng = np.random.default_rng(list(seed))

    base_wins = np.array([wins.get(t, 0.0) for t in team_ids], dtype=float)
    base_points = np.array([points_for.get(t, 0.0) for t in team_ids], dtype=float)
    means = np.array([expected_points[t] for t in team_ids], dtype=float)
    spreads = np.array([score_sd[t] for t in team_ids], dtype=float)

    final_wins = np.broadcast_to(base_wins, (simulations, teams)).copy()
    final_points = np.broadcast_to(base_points, (simulations, teams)).copy()
    if games:
        home = np.array([index[g.home] for g in games])
        away = np.array([index[g.away] for g in games])
        # (simulations, games) scores of each side, drawn at once.
        home_points = rng.normal(means[home], spreads[home], size=(simulations, len(games)))
        away_points = rng.normal(means[away], spreads[away], size=(simulations, len(games)))
        home_won = (home_points > away_points).astype(float)
        # One-hot (games, teams) matrices turn per-game results into per-team sums.
        home_of = np.zeros((len(games), teams))
        home_of[np.arange(len(games)), home] = 1.0
        away_of = np.zeros((len(games), teams))
        away_of[np.arange(len(games)), away] = 1.0
        final_wins += home_won @ home_of + (1.0 - home_won) @ away_of
        final_points += home_points @ home_of + away_points @ away_of

    # Rank by wins, then points for (points are far below the 1e6 that separates a win).
    key = final_wins * 1e6 + final_points
    order = np.argsort(-key, axis=1, kind="stable")
    ranks = np.empty_like(order)
    ranks[np.arange(simulations)[:, None], order] = np.arange(teams)

    playoff = (ranks < num_playoff_teams).mean(axis=0)
    bye = (ranks < min(byes, num_playoff_teams)).mean(axis=0)
    projected_wins = final_wins.mean(axis=0)
    mean_seed = (ranks + 1).mean(axis=0)
    return [
        TeamOdds(
            team_id=team_id,
            playoff_prob=float(playoff[i]),
            bye_prob=float(bye[i]),
            projected_wins=float(projected_wins[i]),
            mean_seed=float(mean_seed[i]),
        )
        for i, team_id in enumerate(team_ids)
    ]
