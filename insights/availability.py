"""The chance a player plays the week projected, from the games he missed (pure code: no ORM).

A season file has no statuses: it says only which games he recorded a stat in; with Yahoo's
statuses the status for the week multiplies this chance. What was known before week W predicts
well whether he plays W (checked walk-forward on 2023, never fitted on: of the players given
80-90 %, 86 % played; 20-30 %: 25 %):
- his recency-weighted share of his team's games he played (PARTICIPATION_*; a game well under
  his usual volume counts partly: he likely left it hurt);
- how many of his team's games in a row he has missed since his last one (a long absence is an
  injury; a player who came back last week plays again);
- his usual volume (a player with a carry or a target a game is often inactive);
- his last game's volume, against his usual (a starter who left hurt) and as it is (a starter
  back from an injury, or a backup who took over, had a starter's workload).
A game he missed while announced out (O, IR, D, ...: a stated absence, see
insights.projections.stated_absence_weeks) is left out of all of these: a player back from an
injury is read from the games he was available for, while a healthy player who has been
sitting (a scratch, a lost job) keeps the games he missed. The same rule serves a season file
(no statuses: nothing is excused) and Yahoo's statuses (production, and the backtest told
another source's Outs).
A logistic model of these (PLAY_CHANCE_COEFFICIENTS) gives the chance p; the projection is his
points when he plays times a share rising from 0 to 1 as p goes through PLAY_FACTOR_RANGE: a
mean absolute error is least at the median, and a player who more likely sits has a median of
0. Both are fitted on 2022 (`fit_play_chance`, see the constants).
"""

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

# A game counts as fully played at PARTIAL_GAME_SHARE of his usual volume or more, and in
# proportion below it (a starter who left hurt after a few snaps): volume is pass yards / 25 +
# rush attempts + targets (offence only; kickers and defenders always count fully).
PARTIAL_GAME_SHARE = 0.5  # 2022
VOLUME_WEIGHTS = {"4": 0.04, "8": 1.0, "78": 1.0}
TARGETS, RECEPTIONS = "78", "11"
# His share of games played: recency-weighted (PARTICIPATION_DECAY per team game back), mixed
# with PARTICIPATION_PRIOR_GAMES pseudo-games of missing PARTICIPATION_PRIOR_MISS of them
# (lowered by his Yahoo ownership when known: unfitted, no ownership on file). Fitted on 2022
# weeks 4-15 when this share alone cut the projection; kept as the model's first feature.
PARTICIPATION_DECAY = 0.45
PARTICIPATION_PRIOR_GAMES = 0.5
PARTICIPATION_PRIOR_MISS = 0.2
# Logistic coefficients of the chance he records a stat in the week, fitted by
# `fit_play_chance` on 2022 weeks 2-15 (QB/RB/WR/TE with a game before the week, 5,951
# player-weeks; each week from the weeks before it): log-loss 0.451 (a flat rate: 0.652).
# On 2023 (never fitted on), weeks 4-17: 0.444 (a flat rate: 0.656).
PLAY_CHANCE_COEFFICIENTS: dict[str, float] = {
    "intercept": -1.054,
    "played_last_game": -1.469,
    "missed_one": -0.311,
    "log_missed_in_a_row": -0.592,
    "share_played": 3.057,
    "log_usual_volume": 0.018,
    "last_game_share": -0.721,  # his last game's volume over his usual, capped at 1.5
    "log_last_game_volume": 1.385,
    # One quarterback plays: a backup's few snaps say less than a receiver's.
    "quarterback": -0.532,
    "quarterback_share_played": -0.511,
}
# Per position (zero below, full at): below the first chance the projection is a sliver (see
# SITTING_SHARE), from it to
# the second it rises linearly to his points when he plays. Grid-searched (zero below 0.30-0.75,
# full at 0.70-1.30, by 0.05) per position on 2022 weeks 4-15 by half-PPR MAE, each week from
# the weeks before it. Quarterbacks keep more (a starter's points are about symmetric around
# his projection; a back's or receiver's are skewed, so their median is lower).
PLAY_FACTOR_RANGE: dict[str, tuple[float, float]] = {
    "QB": (0.35, 1.0),
    "RB": (0.75, 1.0),
    "WR": (0.55, 1.05),
    "TE": (0.5, 1.1),
}
MODELLED_POSITIONS = frozenset(PLAY_FACTOR_RANGE)
# Below the range the projection keeps SITTING_SHARE x his chance of his points, not 0: the
# players who more likely sit (half of a week's depth players) then still rank among
# themselves (ties at 0 say nothing) at almost no absolute error. Grid {0, 0.02, 0.05, 0.1,
# 0.2, 0.3} on 2022 weeks 4-15 (QB/RB/WR/TE with a game before the week), with stand-in
# statuses (2022 has none: Out where he missed the week and the one before): the largest rank
# correlation within a week with statuses whose no-status MAE stays within 0.15 % of 0's
# (statuses: 0.688 -> 0.739, MAE 2.810 -> 2.809; no statuses: rank 0.687 -> 0.690, MAE +0.003).
SITTING_SHARE = 0.02
# Kickers and individual defenders (no volume stats to read a role from), and everyone before
# his team's first game (nothing to read yet), keep the first model:
# the chance is his share of games played and the projection keeps
# max(0, 1 - (1 - share) / SHARE_MISSED_ZERO_AT) (fitted on 2022 offence before the logistic).
SHARE_MISSED_ZERO_AT = 0.4
LAST_GAME_SHARE_CAP = 1.5


@dataclass(frozen=True)
class PlayFeatures:
    """What his games before the week say about whether he plays it (see the module doc)."""

    share_played: float
    team_games: int  # his team's games before the week
    missed_in_a_row: int  # his team's games since his last one (all of them if none)
    usual_volume: float
    last_game_share: float  # his last game's volume over his usual; 0 after a missed game
    last_game_volume: float  # 0 after a missed game
    quarterback: bool

    def values(self) -> dict[str, float]:
        return {
            "intercept": 1.0,
            "played_last_game": float(self.missed_in_a_row == 0),
            "missed_one": float(self.missed_in_a_row == 1),
            "log_missed_in_a_row": math.log1p(self.missed_in_a_row),
            "share_played": self.share_played,
            "log_usual_volume": math.log1p(self.usual_volume),
            "last_game_share": self.last_game_share,
            "log_last_game_volume": math.log1p(self.last_game_volume),
            "quarterback": float(self.quarterback),
            "quarterback_share_played": self.share_played * self.quarterback,
        }


def play_chance(
    features: PlayFeatures, coefficients: Mapping[str, float] = PLAY_CHANCE_COEFFICIENTS
) -> float:
    z = sum(coefficients[name] * value for name, value in features.values().items())
    return 1.0 / (1.0 + math.exp(-z))


def projection_share(features: PlayFeatures, position: str) -> tuple[float, float]:
    """(the share of his points when he plays that the projection keeps, his chance to play):
    the logistic model for QB/RB/WR/TE once his team has played, else the share of games
    played (see the module doc and SHARE_MISSED_ZERO_AT)."""
    if position in MODELLED_POSITIONS and features.team_games:
        chance = play_chance(features)
        zero_below, full_at = PLAY_FACTOR_RANGE[position]
        share = min(1.0, (chance - zero_below) / (full_at - zero_below))
        return max(SITTING_SHARE * chance, share), chance
    chance = features.share_played
    return max(0.0, 1.0 - (1.0 - chance) / SHARE_MISSED_ZERO_AT), chance


def play_features(
    *,
    position: str,
    weeks: Mapping[int, Mapping[str, float]],
    prior_per_game: Mapping[str, float] | None,
    percent_owned: float | None,
    team_weeks: Iterable[int],
) -> PlayFeatures:
    """From his lines (`weeks`, before the week only), his previous season's line per game and
    the weeks his team played before the week (`team_weeks`, ascending)."""
    usual = usual_volume(weeks, prior_per_game)
    prior_miss = PARTICIPATION_PRIOR_MISS
    if percent_owned is not None:  # managers roster the players who will play
        prior_miss *= 1.0 - min(100.0, percent_owned) / 100
    missed = PARTICIPATION_PRIOR_GAMES * prior_miss
    weight_sum = PARTICIPATION_PRIOR_GAMES
    missed_in_a_row = 0
    last_game_share = last_game_volume = 0.0
    streak_open = True
    team_weeks = list(team_weeks)
    for games_back, w in enumerate(reversed(team_weeks)):
        weight = PARTICIPATION_DECAY**games_back
        played = 0.0
        if w in weeks:  # a game well under his usual volume: he likely left it hurt
            played = 1.0
            if usual:
                played = min(1.0, volume(weeks[w]) / usual / PARTIAL_GAME_SHARE)
                if missed_in_a_row == 0 and streak_open:
                    last_game_volume = volume(weeks[w])
                    last_game_share = min(LAST_GAME_SHARE_CAP, last_game_volume / usual)
            streak_open = False
        elif streak_open:
            missed_in_a_row += 1
        missed += weight * (1.0 - played)
        weight_sum += weight
    return PlayFeatures(
        share_played=1.0 - missed / weight_sum,
        team_games=len(team_weeks),
        missed_in_a_row=missed_in_a_row,
        usual_volume=usual,
        last_game_share=last_game_share,
        last_game_volume=last_game_volume,
        quarterback=position == "QB",
    )


def team_weeks_before(
    *,
    weeks: Collection[int],
    team: str | None,
    bye_week: int | None,
    week: int,
    schedule: Collection[tuple[str, int]],
    observed_weeks: Collection[int],
    excused: Collection[int] = (),
) -> list[int]:
    """The observed weeks before `week` his team played (its schedule when loaded, else every
    week but his bye), and any week he has a line in; a week he missed while announced out
    (`excused`) is left out: his chance to play is read from the games he was available for."""
    scheduled = team is not None and any(key[0] == team for key in schedule)
    return [
        w
        for w in sorted(observed_weeks)
        if w < week
        and (
            w in weeks
            or (w not in excused and ((team, w) in schedule if scheduled else w != bye_week))
        )
    ]


def volume(line: Mapping[str, float]) -> float:
    """His volume in a game; a catch was a target (a line stored without targets still has
    its catches: never the case in the season files, where targets are never fewer)."""
    values = {stat: float(line.get(stat, 0) or 0) for stat in VOLUME_WEIGHTS}
    values[TARGETS] = max(values[TARGETS], float(line.get(RECEPTIONS, 0) or 0))
    return sum(weight * values[stat] for stat, weight in VOLUME_WEIGHTS.items())


def usual_volume(
    weeks: Mapping[int, Mapping[str, float]], prior_per_game: Mapping[str, float] | None
) -> float:
    """His mean volume per game (his previous season counting as one), 0 when unknown."""
    volumes = [volume(line) for line in weeks.values()]
    if prior_per_game is not None:
        volumes.append(volume(prior_per_game))
    return sum(volumes) / len(volumes) if volumes else 0.0


def fit_play_chance(examples: Iterable[tuple[PlayFeatures, bool]]) -> dict[str, float]:
    """Logistic regression (maximum likelihood, a tiny ridge for a unique answer) of whether he
    recorded a stat on the features known before the week: how PLAY_CHANCE_COEFFICIENTS were
    fitted (`manage.py fit_play_chance`)."""
    examples = list(examples)
    names = list(PLAY_CHANCE_COEFFICIENTS)
    features = np.array([[f.values()[name] for name in names] for f, _ in examples])
    played = np.array([float(p) for _, p in examples])

    def loss(beta: np.ndarray) -> float:
        z = features @ beta
        return float(np.sum(np.logaddexp(0.0, z) - played * z) + 0.01 * np.sum(beta[1:] ** 2))

    fitted = minimize(loss, np.zeros(len(names)), method="BFGS").x
    return {name: round(float(value), 3) for name, value in zip(names, fitted, strict=True)}
