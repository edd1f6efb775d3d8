"""Weekly streamers: team defences and IDP players worth picking up for one week (pure: no ORM).

Defences (fit 0-100, linear so each part can be checked by hand; 50 is a league-average spot):
    50 + 3 * (22 - opponent points) + 10 * (opponent giveaways - 1.3)
       + 4 * (opponent sacks allowed - 2.4) + 3 if at home + 2.5 * weather bucket
where opponent points is his implied total from the betting line (else his scoring average),
and giveaways (INT + fumbles lost) and sacks allowed are per game from what defences did against
him, each shrunk toward the league average with PRIOR_GAMES pseudo-games. Bad weather (bucket
0 calm .. 4 severe) holds scoring down, which helps a defence. With no schedule loaded the
opponent is unknown: the opponent parts are left out and the defence's own takeaways and sacks
per game (shrunk the same way) take the place of its opponent's giveaways and sacks allowed.

IDP players (fit 0-100): opportunity per game (solo tackles + 0.5 assisted + 3 per sack,
interception, forced fumble or fumble recovery + 1 per pass defended, recency-weighted over the
weeks before, his previous season counting as PRIOR_SEASON_GAMES games just before week 1 as in
the projections, so a league's first sync ranks too) times the opponent factor (IDP opportunity
defenders got against this opponent vs the league, shrunk, bounded 0.8-1.2; 1 when the opponent
is unknown);
fit = min(100, 100 * expected / IDP_FULL_FIT).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from insights.projections import OPPONENT_UNKNOWN, PRIOR_SEASON_GAMES, SeasonPrior

LEAGUE_POINTS_PER_TEAM = 22.0
LEAGUE_GIVEAWAYS_PER_GAME = 1.3
LEAGUE_SACKS_ALLOWED_PER_GAME = 2.4
PRIOR_GAMES = 3.0
HOME_BONUS = 3.0
WEATHER_BONUS = 2.5
IDP_FULL_FIT = 15.0
IDP_RECENCY = 0.85
IDP_OPPONENT_BOUNDS = (0.8, 1.2)
# Yahoo IDP stat ids and the opportunity each counts for.
IDP_WEIGHTS = {"38": 1.0, "39": 0.5, "40": 3.0, "41": 3.0, "42": 3.0, "43": 3.0, "46": 1.0}
OUT_STATUSES = frozenset(
    {"O", "OUT", "IR", "IR-R", "IR-LT", "IR-NR", "PUP-R", "PUP-P", "NFI-R", "SUSP"}
)


@dataclass(frozen=True)
class Matchup:
    team: str
    opponent: str | None  # None: no schedule loaded, the team plays (not on bye) someone unknown
    is_home: bool | None
    opponent_implied_total: float | None = None  # from the line: (total -/+ spread) / 2
    weather_bucket: int | None = None  # 0 calm .. 4 severe, when weather data is given


@dataclass(frozen=True)
class OffenseHistory:
    """What one NFL offense gave defences in the games before this week (sums and games)."""

    scored_games: int = 0  # games with a final score
    points: float = 0.0
    defended_games: int = 0  # games with the opposing defence's stat line
    giveaways: float = 0.0  # interceptions thrown + fumbles lost
    sacks_allowed: float = 0.0


def shrunk_per_game(total: float, games: int, league_mean: float) -> float:
    return (total + PRIOR_GAMES * league_mean) / (games + PRIOR_GAMES)


@dataclass(frozen=True)
class PastGame:
    """One team's side of a finished game before this week."""

    week: int
    team: str
    opponent: str
    points_scored: float | None


def offense_histories(
    *, games: Sequence[PastGame], defense_lines: Mapping[tuple[str, int], Mapping[str, float]]
) -> dict[str, OffenseHistory]:
    """Per offense: its scores, and the turnovers and sacks the defence facing it recorded.

    `defense_lines[(team, week)]` is that team defence's stat line (Yahoo ids 32 sack,
    33 interception, 34 fumble recovery).
    """
    sums: dict[str, list[float]] = {}
    for game in games:
        row = sums.setdefault(game.team, [0, 0.0, 0, 0.0, 0.0])
        if game.points_scored is not None:
            row[0] += 1
            row[1] += game.points_scored
        line = defense_lines.get((game.opponent, game.week))
        if line is not None:
            row[2] += 1
            row[3] += float(line.get("33", 0) or 0) + float(line.get("34", 0) or 0)
            row[4] += float(line.get("32", 0) or 0)
    return {
        team: OffenseHistory(int(row[0]), row[1], int(row[2]), row[3], row[4])
        for team, row in sums.items()
    }


@dataclass(frozen=True)
class DefenseForm:
    """What one team defence took in its games before this week (sums and games)."""

    games: int = 0
    takeaways: float = 0.0  # interceptions + fumble recoveries
    sacks: float = 0.0


def defense_forms(
    *, defense_lines: Mapping[tuple[str, int], Mapping[str, float]]
) -> dict[str, DefenseForm]:
    """Per defence, from its own stat lines (Yahoo ids 32 sack, 33 interception, 34 fumble
    recovery): what ranks it when its opponent is unknown."""
    sums: dict[str, list[float]] = {}
    for (team, _), line in defense_lines.items():
        row = sums.setdefault(team, [0, 0.0, 0.0])
        row[0] += 1
        row[1] += float(line.get("33", 0) or 0) + float(line.get("34", 0) or 0)
        row[2] += float(line.get("32", 0) or 0)
    return {team: DefenseForm(int(row[0]), row[1], row[2]) for team, row in sums.items()}


def idp_opponent_factors(
    *, players: Sequence["IdpCandidate"], opponents: Mapping[tuple[str, int], str]
) -> dict[str, float]:
    """Per opponent: IDP opportunity defenders got against it per game vs the league (shrunk).

    `opponents[(team, week)]` is who `team` played in `week`; pass every IDP player with
    history (rostered ones too) so the rates see the whole league.
    """
    per_game: dict[tuple[str, int], float] = {}
    for player in players:
        for week, line in player.weeks.items():
            opponent = opponents.get((player.nfl_team, week))
            if opponent is not None:
                key = (opponent, week)
                per_game[key] = per_game.get(key, 0.0) + idp_opportunity(line)
    if not per_game:
        return {}
    league_mean = sum(per_game.values()) / len(per_game)
    totals: dict[str, list[float]] = {}
    for (opponent, _), value in per_game.items():
        row = totals.setdefault(opponent, [0.0, 0])
        row[0] += value
        row[1] += 1
    return {
        opponent: shrunk_per_game(total, int(games), league_mean) / league_mean
        for opponent, (total, games) in totals.items()
        if league_mean > 0
    }


@dataclass(frozen=True)
class DefenseCandidate:
    subject_id: int  # the team defence's Player id (position DEF)
    name: str
    nfl_team: str


@dataclass(frozen=True)
class IdpCandidate:
    subject_id: int  # the player's id
    name: str
    position: str
    nfl_team: str
    status: str | None
    weeks: Mapping[int, Mapping[str, float]]  # stat lines of the weeks before this one
    prior: SeasonPrior | None = None  # his previous season, when known


@dataclass(frozen=True)
class StreamerPick:
    subject_id: int
    fit_score: float
    weather_bucket: int | None
    meta: dict = field(default_factory=dict)  # numbers used and `reasons` in words


def rank_defenses(
    *,
    defenses: Sequence[DefenseCandidate],
    matchups: Mapping[str, Matchup],
    offenses: Mapping[str, OffenseHistory],
    forms: Mapping[str, DefenseForm] | None = None,
) -> list[StreamerPick]:
    """Defences with a game this week, best first (a bye week has no pick). `forms` rank a
    defence whose opponent is unknown (no schedule loaded) on its own takeaways and sacks."""
    picks = []
    for defense in defenses:
        matchup = matchups.get(defense.nfl_team)
        if matchup is None:
            continue
        if matchup.opponent is None:
            parts, reasons, numbers = _unknown_opponent_parts(
                (forms or {}).get(defense.nfl_team, DefenseForm())
            )
        else:
            parts, reasons, numbers = _opponent_parts(
                matchup, offenses.get(matchup.opponent, OffenseHistory())
            )
        weather = matchup.weather_bucket or 0
        parts["weather"] = WEATHER_BONUS * weather
        if weather >= 2:
            reasons.append(f"Bad weather expected (bucket {weather} of 4) holds scoring down.")
        fit = round(min(100.0, max(0.0, 50 + sum(parts.values()))), 2)
        picks.append(
            StreamerPick(
                subject_id=defense.subject_id,
                fit_score=fit,
                weather_bucket=matchup.weather_bucket,
                meta={
                    "name": defense.name,
                    "team": defense.nfl_team,
                    "opponent": matchup.opponent,
                    "is_home": matchup.is_home,
                    "opponent_implied_total": matchup.opponent_implied_total,
                    **numbers,
                    "parts": {key: round(value, 2) for key, value in parts.items()},
                    "reasons": reasons,
                },
            )
        )
    return _best_first(picks)


def _opponent_parts(
    matchup: Matchup, offense: OffenseHistory
) -> tuple[dict[str, float], list[str], dict]:
    if matchup.opponent_implied_total is not None:
        opponent_points, points_source = matchup.opponent_implied_total, "implied total"
    else:
        opponent_points = shrunk_per_game(
            offense.points, offense.scored_games, LEAGUE_POINTS_PER_TEAM
        )
        points_source = f"scoring average over {offense.scored_games} games"
    giveaways = shrunk_per_game(
        offense.giveaways, offense.defended_games, LEAGUE_GIVEAWAYS_PER_GAME
    )
    sacks = shrunk_per_game(
        offense.sacks_allowed, offense.defended_games, LEAGUE_SACKS_ALLOWED_PER_GAME
    )
    parts = {
        "points": 3 * (LEAGUE_POINTS_PER_TEAM - opponent_points),
        "giveaways": 10 * (giveaways - LEAGUE_GIVEAWAYS_PER_GAME),
        "sacks": 4 * (sacks - LEAGUE_SACKS_ALLOWED_PER_GAME),
        "home": HOME_BONUS if matchup.is_home else 0.0,
    }
    where = "vs" if matchup.is_home else "at"
    reasons = [
        f"{where} {matchup.opponent}: {opponent_points:.1f} points expected "
        f"({points_source}; a typical team scores {LEAGUE_POINTS_PER_TEAM:.0f}).",
        f"{matchup.opponent} give away {giveaways:.1f} turnovers and allow {sacks:.1f} sacks "
        f"a game (league {LEAGUE_GIVEAWAYS_PER_GAME} and {LEAGUE_SACKS_ALLOWED_PER_GAME}; "
        f"{offense.defended_games} games seen).",
    ]
    if matchup.is_home:
        reasons.append("Plays at home.")
    numbers = {
        "opponent_points": round(opponent_points, 2),
        "opponent_giveaways": round(giveaways, 2),
        "opponent_sacks_allowed": round(sacks, 2),
    }
    return parts, reasons, numbers


def _unknown_opponent_parts(form: DefenseForm) -> tuple[dict[str, float], list[str], dict]:
    takeaways = shrunk_per_game(form.takeaways, form.games, LEAGUE_GIVEAWAYS_PER_GAME)
    sacks = shrunk_per_game(form.sacks, form.games, LEAGUE_SACKS_ALLOWED_PER_GAME)
    parts = {
        "takeaways": 10 * (takeaways - LEAGUE_GIVEAWAYS_PER_GAME),
        "sacks": 4 * (sacks - LEAGUE_SACKS_ALLOWED_PER_GAME),
    }
    reasons = [
        f"{OPPONENT_UNKNOWN}: ranked without the opponent part (points, giveaways, home).",
        f"Takes away {takeaways:.1f} turnovers and records {sacks:.1f} sacks a game (league "
        f"{LEAGUE_GIVEAWAYS_PER_GAME} and {LEAGUE_SACKS_ALLOWED_PER_GAME}; {form.games} games "
        "seen).",
    ]
    numbers = {"own_takeaways": round(takeaways, 2), "own_sacks": round(sacks, 2)}
    return parts, reasons, numbers


def idp_opportunity(line: Mapping[str, float]) -> float:
    return sum(weight * float(line.get(stat, 0) or 0) for stat, weight in IDP_WEIGHTS.items())


def rank_idp(
    *,
    players: Sequence[IdpCandidate],
    matchups: Mapping[str, Matchup],
    opponent_factors: Mapping[str, float],
    week: int,
) -> list[StreamerPick]:
    """IDP players with a game and history (this season's or the previous one), not out, best
    first."""
    picks = []
    for player in players:
        matchup = matchups.get(player.nfl_team)
        history = {w: line for w, line in player.weeks.items() if w < week}
        prior = player.prior
        if (
            matchup is None
            or not (history or prior)
            or (player.status or "").upper() in OUT_STATUSES
        ):
            continue
        weights = {w: IDP_RECENCY ** (week - 1 - w) for w in history}
        prior_weight = PRIOR_SEASON_GAMES * IDP_RECENCY ** (week - 1) if prior else 0.0
        opportunity = sum(weights[w] * idp_opportunity(line) for w, line in history.items())
        if prior:
            opportunity += prior_weight * idp_opportunity(prior.per_game)
        per_game = opportunity / (sum(weights.values()) + prior_weight)
        low, high = IDP_OPPONENT_BOUNDS
        factor = min(high, max(low, opponent_factors.get(matchup.opponent, 1.0)))
        expected = per_game * factor
        fit = round(min(100.0, 100 * expected / IDP_FULL_FIT), 2)
        reasons = [
            f"{per_game:.1f} opportunity points a game over {_games_seen(len(history), prior)} "
            "(tackles, sacks, takeaways).",
            f"{'vs' if matchup.is_home else 'at'} {matchup.opponent}: defenders get "
            f"{factor:.2f}x the usual opportunity against them."
            if matchup.opponent
            else f"{OPPONENT_UNKNOWN}: ranked on his own opportunity, without the opponent part.",
        ]
        picks.append(
            StreamerPick(
                subject_id=player.subject_id,
                fit_score=fit,
                weather_bucket=matchup.weather_bucket,
                meta={
                    "name": player.name,
                    "position": player.position,
                    "team": player.nfl_team,
                    "opponent": matchup.opponent,
                    "is_home": matchup.is_home,
                    "opportunity_per_game": round(per_game, 2),
                    "opponent_factor": round(factor, 3),
                    "expected": round(expected, 2),
                    "reasons": reasons,
                },
            )
        )
    return _best_first(picks)


def _games_seen(games: int, prior: SeasonPrior | None) -> str:
    this_season = f"{games} game{'' if games == 1 else 's'}"
    if prior is None:
        return this_season
    last_season = f"last season's {prior.games} games"
    return f"{this_season} and {last_season}" if games else last_season


def _best_first(picks: list[StreamerPick]) -> list[StreamerPick]:
    return sorted(picks, key=lambda p: (-p.fit_score, p.subject_id))
