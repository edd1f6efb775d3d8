"""Playoff odds: a seeded, vectorised Monte Carlo over the rest of the regular season.

Pure (numpy only): `simulate` takes the table as it stands, the remaining games and each
team's expected weekly score, and plays the rest of the season `simulations` times at once.

- A team's score in a remaining game is drawn from a normal distribution around its expected
  weekly score (its best-lineup projection) with the spread `score_sd`: the standard deviation
  of (actual - projected) team points over the league's finished games, or
  `DEFAULT_SCORE_SD` while too few games are played (see `insights.services`).
- Games are decided head to head (a tie has probability zero with continuous scores).
- Teams are ranked as the standings rank them: wins (a tie counts half), then points for.
  Head-to-head among teams tied on both never happens with continuous points.
- The first `num_playoff_teams` ranks make the playoffs; the first `byes` of them skip the
  first round (`insights.standings.playoff_byes`).
- Deterministic: the generator is seeded by (league id, week).
"""

from dataclasses import dataclass

import numpy as np

DEFAULT_SIMULATIONS = 10_000
# The standard deviation of a team-week's actual points around its projection, for a league
# with too few finished games to measure its own (see `insights.services.SCORE_SD_MIN_GAMES`).
DEFAULT_SCORE_SD = 25.0


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


def simulate(
    *,
    team_ids: list[int],
    wins: dict[int, float],
    points_for: dict[int, float],
    games: list[RemainingGame],
    expected_points: dict[int, float],
    score_sd: float,
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

    final_wins = np.broadcast_to(base_wins, (simulations, teams)).copy()
    final_points = np.broadcast_to(base_points, (simulations, teams)).copy()
    if games:
        home = np.array([index[g.home] for g in games])
        away = np.array([index[g.away] for g in games])
        # (simulations, games) scores of each side, drawn at once.
        home_points = rng.normal(means[home], score_sd, size=(simulations, len(games)))
        away_points = rng.normal(means[away], score_sd, size=(simulations, len(games)))
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
