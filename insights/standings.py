"""League standings from game results: record, points, streak, all-play, luck, power, seeds.

Pure: `standings_compute` takes the regular season's finished games and returns one row per
team; nothing here reads the database.

Ranking (the league's tie-breakers). Yahoo's league settings carry no tie-breaker field (none
in the recorded settings of 2020 and 2022), so ties in winning percentage (a tie counts half a
win) are broken by points for; then, so that the order never depends on row order, by
head-to-head wins among the teams still tied, then by team id.

All-play: each week a team "plays" every other team's score that week (higher wins, equal
ties). Summed over the league, all-play wins equal all-play losses and every team plays
(teams - 1) games a week, as the real record sums wins = losses with ties counted twice.

Luck: actual wins (a tie counts half) minus all-play expected wins (each week's all-play
winning share, summed). Positive: the team won more than its scores earned.

Power score (0-100): 50 % all-play winning percentage, 30 % season points per game and
20 % points per game over the last `RECENT_WEEKS` weeks played, each points part as a share of
the league's best. It ranks strength rather than record.

Playoff seeds: the first `num_playoff_teams` ranks (divisions are not used for seeding).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

TIE_BREAKERS = ("win_percentage", "points_for", "head_to_head", "team_id")
RECENT_WEEKS = 3
POWER_WEIGHTS = {"all_play": 0.5, "points": 0.3, "recent": 0.2}


@dataclass(frozen=True)
class GameResult:
    """One team's side of a finished game."""

    week: int
    team_id: int
    opponent_id: int | None
    points: Decimal
    opponent_points: Decimal | None


@dataclass
class StandingRow:
    team_id: int
    wins: int = 0
    losses: int = 0
    ties: int = 0
    points_for: Decimal = Decimal("0")
    points_against: Decimal = Decimal("0")
    streak: str = ""
    all_play_wins: int = 0
    all_play_losses: int = 0
    all_play_ties: int = 0
    expected_wins: float = 0.0
    luck: float = 0.0
    power_score: float = 0.0
    rank: int = 0
    power_rank: int = 0
    playoff_seed: int | None = None
    games: int = 0
    weekly_points: dict[int, Decimal] = field(default_factory=dict)

    @property
    def win_percentage(self) -> float:
        return (self.wins + 0.5 * self.ties) / self.games if self.games else 0.0


def _outcome(points: Decimal, other: Decimal) -> str:
    return "W" if points > other else "L" if points < other else "T"


def _streak(outcomes: list[str]) -> str:
    if not outcomes:
        return ""
    last = outcomes[-1]
    length = 0
    for outcome in reversed(outcomes):
        if outcome != last:
            break
        length += 1
    return f"{last}{length}"


def _rank_key_groups(rows: list[StandingRow]) -> list[list[StandingRow]]:
    """Rows grouped by (winning percentage, points for), best group first."""
    groups: dict[tuple, list[StandingRow]] = defaultdict(list)
    for row in rows:
        groups[(row.win_percentage, row.points_for)].append(row)
    return [groups[key] for key in sorted(groups, reverse=True)]


def _head_to_head_order(tied: list[StandingRow], games: list[GameResult]) -> list[StandingRow]:
    ids = {row.team_id for row in tied}
    h2h = defaultdict(float)
    for game in games:
        if game.team_id in ids and game.opponent_id in ids and game.opponent_points is not None:
            outcome = _outcome(game.points, game.opponent_points)
            h2h[game.team_id] += {"W": 1.0, "T": 0.5, "L": 0.0}[outcome]
    return sorted(tied, key=lambda row: (-h2h[row.team_id], row.team_id))


def standings_compute(
    *, team_ids: list[int], games: list[GameResult], num_playoff_teams: int | None
) -> list[StandingRow]:
    """Standings of `team_ids` after `games` (finished regular-season games), best first."""
    rows = {team_id: StandingRow(team_id=team_id) for team_id in team_ids}
    outcomes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    by_week: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for game in games:
        row = rows[game.team_id]
        row.points_for += game.points
        row.weekly_points[game.week] = game.points
        by_week[game.week][game.team_id] = game.points
        if game.opponent_points is None:
            continue  # no opponent (a bye): points count, no result
        row.points_against += game.opponent_points
        outcome = _outcome(game.points, game.opponent_points)
        row.games += 1
        row.wins += outcome == "W"
        row.losses += outcome == "L"
        row.ties += outcome == "T"
        outcomes[game.team_id].append((game.week, outcome))

    for scores in by_week.values():
        if len(scores) < 2:
            continue
        for team_id, points in scores.items():
            row = rows[team_id]
            others = [other for tid, other in scores.items() if tid != team_id]
            wins = sum(points > other for other in others)
            ties = sum(points == other for other in others)
            row.all_play_wins += wins
            row.all_play_ties += ties
            row.all_play_losses += len(others) - wins - ties
            row.expected_wins += (wins + 0.5 * ties) / len(others)

    for team_id, row in rows.items():
        row.streak = _streak([outcome for _, outcome in sorted(outcomes[team_id])])
        row.luck = round(row.wins + 0.5 * row.ties - row.expected_wins, 2)
        row.expected_wins = round(row.expected_wins, 2)

    _power(list(rows.values()))
    ordered = [
        row
        for group in _rank_key_groups(list(rows.values()))
        for row in (_head_to_head_order(group, games) if len(group) > 1 else group)
    ]
    seeds = num_playoff_teams or 0
    for rank, row in enumerate(ordered, start=1):
        row.rank = rank
        row.playoff_seed = rank if rank <= seeds else None
    by_power = sorted(ordered, key=lambda row: (-row.power_score, row.rank))
    for power_rank, row in enumerate(by_power, start=1):
        row.power_rank = power_rank
    return ordered


def _power(rows: list[StandingRow]) -> None:
    def per_game(points: list[Decimal]) -> float:
        return float(sum(points)) / len(points) if points else 0.0

    season = {row.team_id: per_game(list(row.weekly_points.values())) for row in rows}
    recent = {
        row.team_id: per_game(
            [row.weekly_points[w] for w in sorted(row.weekly_points)][-RECENT_WEEKS:]
        )
        for row in rows
    }
    best_season = max(season.values(), default=0.0) or 1.0
    best_recent = max(recent.values(), default=0.0) or 1.0
    for row in rows:
        all_play_games = row.all_play_wins + row.all_play_losses + row.all_play_ties
        all_play = (
            (row.all_play_wins + 0.5 * row.all_play_ties) / all_play_games
            if all_play_games
            else 0.0
        )
        score = (
            POWER_WEIGHTS["all_play"] * all_play
            + POWER_WEIGHTS["points"] * season[row.team_id] / best_season
            + POWER_WEIGHTS["recent"] * recent[row.team_id] / best_recent
        )
        row.power_score = round(100 * score, 1)


def playoff_byes(num_playoff_teams: int) -> int:
    """First-round byes of a single-elimination bracket: the bracket's size (the next power
    of two) minus the playoff teams; 6 teams play 4 in round one and give the top 2 a bye."""
    if num_playoff_teams < 2:
        return 0
    bracket = 1 << (num_playoff_teams - 1).bit_length()
    return bracket - num_playoff_teams
