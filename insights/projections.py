"""Weekly player projections in a league's own scoring (pure code: no ORM).

For each player, the projected stat line for week W is built only from weeks before W:
1. recency-weighted per-game rate of every stat the league scores;
2. each rate shrunk toward a positional baseline, harder for noisy stats (touchdowns) than for
   volume (yards) and harder the fewer games the player has; touchdowns and interceptions shrink
   toward the positional rate per unit of the player's own volume (TDs per yard);
3. points of that line under the league's modifiers, plus the chance of each bonus;
4. times the opponent factor (points the opponent allowed to the position vs the league), the
   implied team total when known, the injury status factor; a bye or an out status gives 0.
   and the chance he plays read from the games he missed before the week, less those he missed
   while announced out (insights.availability, fitted on 2022; the same rule with Yahoo's
   statuses and without any); team defences always play.
For QB/RB/WR/TE the targets, carries, catches and yards of step 1-2 come from the usage model
instead (team volume x his share x per-opportunity efficiency, see insights.usage), and the
touchdowns, interceptions and fumbles of step 2 are scaled with the yards they follow.
A bye is the player's own `bye_week` (Yahoo's), or a week his team's known schedule has no game
in; with no schedule loaded the opponent is unknown and taken as league-average (never a bye).
`breakdown` records every factor so the number can be explained.

Over 400 lines on purpose: the steps share the rates, baselines and priors they build, and
the backtest (evaluation.py) runs exactly this code.
"""

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from insights.availability import (
    play_features,
    projection_share,
    team_weeks_before,
)
from insights.scoring import LeagueScoring, with_points_allowed_tier
from insights.usage import Usage, UsagePlayer, project_usage

_POSITION_ALIASES = {
    "DE": "DL",
    "DT": "DL",
    "NT": "DL",
    "EDGE": "DL",
    "OLB": "LB",
    "ILB": "LB",
    "MLB": "LB",
    "CB": "DB",
    "S": "DB",
    "SS": "DB",
    "FS": "DB",
    "D": "DEF",
    "PK": "K",
}

# Fitted constants, fitted on one season and scored on the next (a model fitted and scored on
# the same season reports a number no user sees). The first values came from a coordinate
# search on 2023; the offence ones were then refitted on 2022 only (weeks 4-15, each week from
# the weeks before it, no hindsight, half-PPR MAE of QB/RB/WR/TE): recency, the volume and
# touchdown shrinkage, opponent pseudo-games, participation and the implied-total elasticity
# (2022's betting lines from nflverse's games file). The previous-season blend needs a
# season before the one scored: fitted on 2023 weeks 1-3 with 2022 as the prior (weeks the
# 4-17 backtest does not score). Kicker and IDP constants are still the 2023 fit; team defence
# ones are unfitted (no real DEF data). The surface is flat near the optimum (+-1% MAE), so
# values are rounded. Rerun: `evaluate_insights --season-file 2023 --prior-season-file 2022
# --compare nflcom-projections.json --scoring half_ppr` after a change.
FITTED_ON = (
    "2022 weeks 4-15 (offence rates, shrinkage, the chance to play and its play factor, "
    "implied totals, the usage model's team volume, shares and redistribution); the prior "
    "blend on 2023 weeks 1-3 with 2022 as the prior (2022 has no season before it); kickers "
    "and IDP on 2023"
)
RECENCY_DECAY = 0.9  # weight of a game k weeks back: RECENCY_DECAY ** k (2022)
# Pseudo-games of the positional baseline mixed into a player's own rate, per stat: small for
# volume (yards, catches), large for rare, noisy events (touchdowns, takeaways) and kickers.
# Offence on 2022; kickers and IDP on 2023 (outside the QB/RB/WR/TE score); unfitted ones say so.
STAT_PRIOR_GAMES: dict[str, float] = {
    "4": 0.75,  # pass yds
    "5": 5.0,  # pass TD
    "6": 4.0,  # INT thrown
    "8": 1.5,  # rush att
    "9": 1.0,  # rush yds
    "10": 9.0,  # rush TD
    "11": 1.0,  # receptions
    "12": 1.0,  # rec yds
    "13": 15.0,  # rec TD
    "15": 30.0,  # return TD (unfitted: too rare)
    "16": 12.0,  # 2-pt (unfitted)
    "18": 6.0,  # fumbles lost
    "57": 30.0,  # offensive fumble return TD (unfitted: too rare)
    "78": 1.5,  # targets
    "19": 32.0,  # field goals by distance and PATs: kicker weeks are mostly noise
    "20": 32.0,
    "21": 32.0,
    "22": 32.0,
    "23": 32.0,
    "29": 32.0,
    "38": 6.0,  # solo tackles
    "39": 8.0,  # assisted tackles
    "40": 15.0,  # sacks
    "41": 20.0,  # interceptions
    "42": 20.0,  # forced fumbles
    "43": 24.0,  # fumble recoveries
    "44": 30.0,  # defensive TD (unfitted: too rare)
    "45": 30.0,  # safety (unfitted: too rare)
    "46": 15.0,  # passes defended
    "47": 20.0,  # blocked kick (unfitted: too rare)
    "65": 12.0,  # tackles for loss
}
DEFAULT_PRIOR_GAMES = 4.0  # team defence stats and anything unlisted (unfitted: no real DEF data)
# Rare events measured per unit of the player's own volume: their baseline is the positional
# rate per unit times the player's shrunk volume (a TD rate per yard, not a flat TD count).
VOLUME_OF: dict[str, tuple[str, ...]] = {
    "5": ("4",),
    "6": ("4",),
    "10": ("9",),
    "13": ("12",),
    "18": ("9", "12"),
}
OPPONENT_PRIOR_GAMES = 6.0  # pseudo-games of a league-average defence mixed into each one (2022)
# How much of the (shrunk) opponent ratio reaches the projection (2023 coordinate search of the
# first engine; 2022 refit left it: its surface is flat there).
OPPONENT_WEIGHT = 0.6
# Implied team totals (from nfl_games' spread and total): a player's points scale as
# (implied / LEAGUE_AVG_IMPLIED_TOTAL) ** elasticity, a defence's as (league avg / the
# opponent's implied) ** (elasticity / 2). Fitted on 2022 with its closing lines (nflverse's
# games file; 2022's mean implied total is 22.3): quarterbacks and tight ends follow the total,
# receivers a little, running backs not at all beyond what the opponent factor already says.
# Kickers, defences and IDP take the all-offence fit (0.5), unfitted separately.
LEAGUE_AVG_IMPLIED_TOTAL = 22.3
IMPLIED_TOTAL_ELASTICITY: dict[str, float] = {"QB": 0.65, "RB": 0.0, "WR": 0.25, "TE": 0.8}
DEFAULT_IMPLIED_TOTAL_ELASTICITY = 0.5
NO_HISTORY_FACTOR = 0.5  # a player without a game yet: this share of his position's mean (unfitted)
# ... scaled by his Yahoo ownership when known (a drafted rookie is owned): from
# NO_HISTORY_OWNED_RANGE[0] at 0% owned to [1] at 100%. Unfitted: no ownership on file.
NO_HISTORY_OWNED_RANGE = (0.25, 1.5)
# Previous season (see SeasonPrior): its per-game line counts as this many recency-weighted
# games of the current season, then the blend is shrunk toward the positional baseline as
# usual. Fitted on 2023 weeks 1-3 with 2022 as the prior (weeks the scored backtest skips).
PRIOR_SEASON_GAMES = 3.0
# Injury status for the target week (Yahoo codes); a status not listed means he does not play.
# Questionable players play about 85% of the time, doubtful ones about 30% (unfitted: the season
# files carry no statuses).
STATUS_FACTOR: dict[str | None, float] = {None: 1.0, "": 1.0, "P": 1.0, "Q": 0.85, "D": 0.3}
# A status that more likely than not keeps him out (D, O, IR, PUP, SUSP, ...): a stated absence.
STATED_ABSENCE_BELOW = 0.5
# Spread of a weekly stat around its expectation, for the chance of a bonus (unfitted: the
# presets the backtest scores have no bonuses).
BONUS_CV = 0.35


@dataclass(frozen=True)
class SeasonPrior:
    """A player's previous season: games played and his per-game line (Yahoo stat ids)."""

    games: int
    per_game: dict[str, float]

    @classmethod
    def from_totals(cls, *, games: int, totals: Mapping[str, float]) -> "SeasonPrior | None":
        """From season totals (player_season_stats); None without a game played."""
        if games <= 0:
            return None
        per_game = {stat: float(value or 0) / games for stat, value in totals.items()}
        return cls(games, per_game)

    @classmethod
    def from_weeks(cls, weeks: Mapping[int, Mapping[str, float]]) -> "SeasonPrior | None":
        """From a season's weekly lines (a season file)."""
        totals: dict[str, float] = defaultdict(float)
        for line in weeks.values():
            for stat, value in line.items():
                totals[stat] += float(value or 0)
        return cls.from_totals(games=len(weeks), totals=totals)


@dataclass(frozen=True)
class PlayerHistory:
    player_id: int
    position: str  # primary position: QB RB WR TE K DEF DL LB DB (see normalize_position)
    nfl_team: str | None
    status: str | None  # Yahoo status for the target week: None healthy, "Q", "D", "O", "IR"...
    bye_week: int | None
    weeks: dict[int, dict[str, float]]  # week -> stat line by Yahoo stat id, weeks played only
    prior: SeasonPrior | None = None  # his previous season, when known
    percent_owned: float | None = None  # Yahoo's, 0-100: how a player without history rates
    # Weeks before the target week he was announced out (see stated_absence_weeks): a game
    # missed then does not count against his chance to play (he is back, not benched).
    stated_absences: frozenset[int] = frozenset()


@dataclass(frozen=True)
class GameContext:
    team: str
    week: int
    opponent: str | None
    is_home: bool | None
    implied_total: float | None = None  # from nfl_games spread/total when known


OPPONENT_UNKNOWN = "opponent unknown: no NFL schedule loaded"


def implied_totals(
    *, total: float | None, home_spread: float | None
) -> tuple[float | None, float | None]:
    """(home, away) points implied by the betting total and the home spread (negative: the home
    side is favoured: -3 means by 3 points). A total without a spread is an even game."""
    if total is None:
        return None, None
    spread = float(home_spread or 0)
    return (float(total) - spread) / 2, (float(total) + spread) / 2


@dataclass(frozen=True)
class PlayerProjection:
    player_id: int
    points: float
    breakdown: dict


def normalize_position(position: str | None) -> str:
    """Yahoo/NFL position to the groups projections use (DE/DT -> DL, CB/S -> DB)."""
    code = (position or "").upper().strip()
    return _POSITION_ALIASES.get(code, code)


def schedule_from_games(games: Iterable) -> dict[tuple[str, int], GameContext]:
    """(team, week) -> GameContext from nfl_games-like rows (week, home_team, away_team,
    home_spread, total attributes), with each side's implied total when spread and total are set.
    """
    schedule: dict[tuple[str, int], GameContext] = {}
    for game in games:
        home_implied, away_implied = implied_totals(total=game.total, home_spread=game.home_spread)
        schedule[(game.home_team, game.week)] = GameContext(
            game.home_team, game.week, game.away_team, True, home_implied
        )
        schedule[(game.away_team, game.week)] = GameContext(
            game.away_team, game.week, game.home_team, False, away_implied
        )
    return schedule


def project_week(
    *,
    players: list[PlayerHistory],
    week: int,
    scoring: LeagueScoring,
    schedule: dict[tuple[str, int], GameContext],
) -> dict[int, PlayerProjection]:
    """Projections for `week` from weeks before it only (anything at or after it is ignored).

    Whether he plays: his status for the week as announced (Yahoo's; None is healthy, and
    always None on a season file) times his chance to play read from the games his team played
    before the week (see `participation`), where a game he missed while announced out
    (`stated_absences`) does not count: a player back from an injury is back, a healthy player
    who has been sitting (a scratch, a lost job) keeps the discount.
    """
    histories = [_history_before(player, week) for player in players]
    scored_stats = _scored_stats(scoring)
    baselines = _PositionBaselines.build(histories, scored_stats)
    opponents = _OpponentFactors.build(histories, scoring, schedule)
    context = _WeekContext(
        week=week,
        schedule=schedule,
        scheduled_teams={team for team, _ in schedule},
        observed_weeks={w for player in histories for w in player.weeks},
    )
    attendance = {
        player.player_id: participation(player, week, schedule, context.observed_weeks)
        for player in histories
    }
    usage = project_usage(
        [_usage_player(player, context, attendance[player.player_id]) for player in histories],
        week=week,
        margins=_implied_margins(schedule, week),
    )
    return {
        player.player_id: _project_player(
            player,
            context,
            scoring,
            scored_stats,
            baselines,
            opponents,
            attendance[player.player_id],
            usage.get(player.player_id),
        )
        for player in histories
    }


@dataclass(frozen=True)
class _WeekContext:
    week: int
    schedule: Mapping[tuple[str, int], GameContext]
    scheduled_teams: Collection[str]  # teams whose season schedule is loaded
    observed_weeks: Collection[int]  # weeks anyone has a stat line in (synced or on file)


def _usage_player(
    player: PlayerHistory, context: _WeekContext, attendance: tuple[float, float | None]
) -> UsagePlayer:
    """The usage model's view of a player: his chance to play is his status factor times the
    chance he does not miss the game; 0 on a bye, and 0 for a player without a game yet (this
    season or last): nobody knows his role, so the others' shares are not cut for him."""
    unknown = not player.weeks and player.prior is None
    on_bye = is_on_bye(player, context.week, context.schedule, context.scheduled_teams)
    miss = attendance[1] or 0.0
    return UsagePlayer(
        player_id=player.player_id,
        position=player.position,
        team=player.nfl_team,
        weeks=player.weeks,
        prior_per_game=player.prior.per_game if player.prior else None,
        prior_weight=_prior_weight(player, context.week),
        play_chance=0.0
        if on_bye or unknown
        else STATUS_FACTOR.get(player.status, 0.0) * (1 - miss),
    )


def _implied_margins(schedule: Mapping[tuple[str, int], GameContext], week: int) -> dict:
    """Team -> its implied total minus its opponent's in `week`, where both are known."""
    margins = {}
    for (team, game_week), game in schedule.items():
        opponent = schedule.get((game.opponent, week)) if game.opponent else None
        if game_week == week and game.implied_total and opponent and opponent.implied_total:
            margins[team] = game.implied_total - opponent.implied_total
    return margins


def _prior_weight(player: PlayerHistory, week: int) -> float:
    """The previous season weighs as games just before week 1: it fades like an old game."""
    return PRIOR_SEASON_GAMES * RECENCY_DECAY ** (week - 1) if player.prior is not None else 0.0


def participation(
    player: PlayerHistory,
    week: int,
    schedule: Mapping[tuple[str, int], GameContext],
    observed_weeks: Collection[int],
) -> tuple[float, float]:
    """(factor on his projection, chance he misses the game) from his team's observed games
    before `week`, less those he missed while announced out (see insights.availability); a
    team defence always plays."""
    if player.position == "DEF":
        return 1.0, 0.0
    features = play_features(
        position=player.position,
        weeks=player.weeks,
        prior_per_game=player.prior.per_game if player.prior else None,
        percent_owned=player.percent_owned,
        team_weeks=team_weeks_before(
            weeks=player.weeks,
            team=player.nfl_team,
            bye_week=player.bye_week,
            week=week,
            schedule=schedule,
            observed_weeks=observed_weeks,
            excused=player.stated_absences,
        ),
    )
    factor, chance = projection_share(features, player.position)
    return factor, 1.0 - chance


def is_stated_absence(status: str | None) -> bool:
    return STATUS_FACTOR.get(status, 0.0) < STATED_ABSENCE_BELOW


def stated_absence_weeks(
    changes: Sequence[tuple[int, str | None, str | None]], *, before_week: int
) -> frozenset[int]:
    """The weeks before `before_week` he was announced out, from his status changes in the
    order they happened: (week, old status, new status), as injury events record them. A week
    counts by the status it ended on (its last change, else the one held into it); the status
    before the first change held since the season's start."""
    weeks: set[int] = set()
    since, held = 1, changes[0][1] if changes else None
    for change_week, _, new in changes:
        if is_stated_absence(held):
            weeks.update(range(since, change_week))
        since, held = change_week, new
    if is_stated_absence(held):
        weeks.update(range(since, before_week))
    return frozenset(w for w in weeks if w < before_week)


def is_on_bye(
    player: PlayerHistory,
    week: int,
    schedule: Mapping[tuple[str, int], GameContext],
    scheduled_teams: Collection[str],
) -> bool:
    """His own bye week, or no game that week in his team's known schedule. A team without any
    schedule loaded is never on bye for that reason: its opponent is merely unknown."""
    if player.bye_week == week:
        return True
    team = player.nfl_team
    return team is not None and team in scheduled_teams and (team, week) not in schedule


def _history_before(player: PlayerHistory, week: int) -> PlayerHistory:
    """The player with only the weeks before `week`: no peeking at the week projected or later."""
    weeks = {
        w: dict(with_points_allowed_tier(line)) for w, line in player.weeks.items() if w < week
    }
    return replace(player, position=normalize_position(player.position), weeks=weeks)


def _scored_stats(scoring: LeagueScoring) -> tuple[str, ...]:
    stats = {stat_id for stat_id, value in scoring.modifiers.items() if value} | set(
        scoring.bonuses
    )
    pending = list(stats)
    while pending:  # the volume behind each rate stat, and the volume behind that
        for volume_id in VOLUME_OF.get(pending.pop(), ()):
            if volume_id not in stats:
                stats.add(volume_id)
                pending.append(volume_id)
    # Volumes before the rates measured per unit of them; (length, text) orders Yahoo's numeric
    # ids as numbers and keeps a provider's named keys (Sleeper's "rush_2pt") in a fixed order.
    return tuple(sorted(stats, key=lambda stat_id: (_volume_depth(stat_id), len(stat_id), stat_id)))


def _volume_depth(stat_id: str) -> int:
    volumes = VOLUME_OF.get(stat_id, ())
    return 1 + max(_volume_depth(volume_id) for volume_id in volumes) if volumes else 0


def _recency_weights(weeks: Iterable[int], week: int) -> dict[int, float]:
    return {w: RECENCY_DECAY ** (week - 1 - w) for w in weeks}


@dataclass
class _PositionBaselines:
    """Per position: mean per game of each stat, and rare-event rates per unit of volume."""

    per_game: dict[str, dict[str, float]]
    per_volume: dict[str, dict[str, float]]

    @classmethod
    def build(cls, histories: list[PlayerHistory], stats: tuple[str, ...]) -> "_PositionBaselines":
        totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        games: dict[str, int] = defaultdict(int)
        for player in histories:
            games[player.position] += len(player.weeks)
            position_totals = totals[player.position]
            for line in player.weeks.values():
                for stat_id in stats:
                    position_totals[stat_id] += float(line.get(stat_id, 0) or 0)
            if player.prior is not None:  # the previous season too: week 1 has a baseline
                games[player.position] += player.prior.games
                for stat_id in stats:
                    position_totals[stat_id] += player.prior.games * player.prior.per_game.get(
                        stat_id, 0.0
                    )
        per_game = {
            position: {stat_id: sums[stat_id] / games[position] for stat_id in stats}
            for position, sums in totals.items()
            if games[position]
        }
        per_volume: dict[str, dict[str, float]] = {}
        for position, sums in totals.items():
            per_volume[position] = {}
            for stat_id, volume_ids in VOLUME_OF.items():
                volume = sum(sums[v] for v in volume_ids)
                if stat_id in stats and volume > 0:
                    per_volume[position][stat_id] = sums[stat_id] / volume
        return cls(per_game=per_game, per_volume=per_volume)


@dataclass
class _OpponentFactors:
    """How each defence did against each position, relative to what its opponents usually score.

    Points scored against a defence are compared with the same players' own averages, so a
    defence is not called soft for having met stars, nor is a team with more receivers.
    """

    ratios: dict[tuple[str, str], tuple[float, int]]  # (defence, position) -> (ratio, games)

    @classmethod
    def build(
        cls,
        histories: list[PlayerHistory],
        scoring: LeagueScoring,
        schedule: dict[tuple[str, int], GameContext],
    ) -> "_OpponentFactors":
        actual: dict[tuple[str, str], float] = defaultdict(float)
        expected: dict[tuple[str, str], float] = defaultdict(float)
        games: dict[tuple[str, str], set[int]] = defaultdict(set)
        for player in histories:
            if not player.nfl_team or len(player.weeks) < 2:
                continue  # one game says nothing about the defence he met
            points = {w: scoring.points(line) for w, line in player.weeks.items()}
            average = sum(points.values()) / len(points)
            for w, value in points.items():
                game = schedule.get((player.nfl_team, w))
                if game is None or game.opponent is None:
                    continue
                key = (game.opponent, player.position)
                actual[key] += value
                expected[key] += average
                games[key].add(w)
        return cls(
            ratios={
                key: (actual[key] / expected[key], len(games[key]))
                for key in expected
                if expected[key] > 0
            }
        )

    def factor(self, opponent: str | None, position: str) -> tuple[float, int]:
        """(multiplier, games seen) for facing `opponent`; 1.0 when nothing is known."""
        ratio, games = self.ratios.get((opponent, position), (1.0, 0)) if opponent else (1.0, 0)
        trust = games / (games + OPPONENT_PRIOR_GAMES)
        return 1.0 + OPPONENT_WEIGHT * trust * (ratio - 1.0), games


def _project_player(
    player: PlayerHistory,
    context: _WeekContext,
    scoring: LeagueScoring,
    stats: tuple[str, ...],
    baselines: _PositionBaselines,
    opponents: _OpponentFactors,
    attendance: tuple[float, float | None],
    usage: Usage | None,
) -> PlayerProjection:
    week, schedule = context.week, context.schedule
    game = schedule.get((player.nfl_team, week)) if player.nfl_team else None
    on_bye = is_on_bye(player, week, schedule, context.scheduled_teams)
    status_factor = STATUS_FACTOR.get(player.status, 0.0)
    breakdown: dict = {
        "week": week,
        "position": player.position,
        "games": len(player.weeks),
        "prior_games": player.prior.games if player.prior else 0,
        "status": player.status,
        "status_factor": status_factor,
        "bye": on_bye,
    }
    if on_bye or status_factor == 0.0:
        breakdown["reason"] = "bye" if on_bye else f"status {player.status}"
        return PlayerProjection(player.player_id, 0.0, {**breakdown, "points": 0.0})

    line, stat_breakdown = _projected_line(player, week, stats, baselines, usage)
    base_points = scoring.linear_points(line) + _expected_bonus(scoring, line)
    opponent = game.opponent if game else None
    opponent_factor, opponent_games = opponents.factor(opponent, player.position)
    implied_factor = _implied_total_factor(player.position, game, schedule)
    participation_factor, miss_chance = attendance
    points = max(
        0.0,
        base_points * opponent_factor * implied_factor * status_factor * participation_factor,
    )
    breakdown.update(
        {
            "stats": stat_breakdown,
            # No line this season or last: a share of the position's average (see stats).
            "no_history": not player.weeks and player.prior is None,
            "usage": usage.breakdown if usage is not None else None,
            "base_points": round(base_points, 2),
            "opponent": opponent,
            "is_home": game.is_home if game else None,
            "opponent_factor": round(opponent_factor, 3),
            "opponent_games": opponent_games,
            "implied_total": game.implied_total if game else None,
            "implied_total_factor": round(implied_factor, 3),
            "miss_chance": round(miss_chance, 3) if miss_chance is not None else None,
            "participation_factor": round(participation_factor, 3),
            "points": round(points, 2),
        }
    )
    if game is None:
        breakdown["note"] = OPPONENT_UNKNOWN
    return PlayerProjection(player.player_id, round(points, 2), breakdown)


def _projected_line(
    player: PlayerHistory,
    week: int,
    stats: tuple[str, ...],
    baselines: _PositionBaselines,
    usage: Usage | None,
) -> tuple[dict[str, float], dict]:
    """Per stat: his recency-weighted rate (his previous season counting PRIOR_SEASON_GAMES
    games), shrunk toward the positional baseline; for QB/RB/WR/TE the usage model's volume
    where it has one (see insights.usage)."""
    per_game = baselines.per_game.get(player.position, {})
    prior = player.prior
    if not player.weeks and prior is None:
        factor = NO_HISTORY_FACTOR
        if player.percent_owned is not None:
            low, high = NO_HISTORY_OWNED_RANGE
            factor = low + (high - low) * min(100.0, player.percent_owned) / 100
        line = {stat_id: factor * per_game.get(stat_id, 0.0) for stat_id in stats}
        explained = {
            stat_id: {
                "baseline": round(per_game.get(stat_id, 0.0), 3),
                "no_history_factor": round(factor, 3),
                "projected": round(projected, 3),
            }
            for stat_id, projected in line.items()
            if projected
        }
        return line, explained
    weights = _recency_weights(player.weeks, week)
    prior_weight = _prior_weight(player, week)
    weight_sum = sum(weights.values()) + prior_weight
    raw = {
        stat_id: (
            sum(weights[w] * float(line.get(stat_id, 0) or 0) for w, line in player.weeks.items())
            + (prior_weight * prior.per_game.get(stat_id, 0.0) if prior is not None else 0.0)
        )
        / weight_sum
        for stat_id in stats
    }
    line: dict[str, float] = {}
    explained: dict[str, dict] = {}
    # `stats` lists volumes first: rare events use the player's shrunk volume for their baseline.
    for stat_id in stats:
        volume_rate = baselines.per_volume.get(player.position, {}).get(stat_id)
        if volume_rate is not None:
            baseline = volume_rate * sum(line.get(v, 0.0) for v in VOLUME_OF[stat_id])
        else:
            baseline = per_game.get(stat_id, 0.0)
        prior_games = STAT_PRIOR_GAMES.get(stat_id, DEFAULT_PRIOR_GAMES)
        own_share = weight_sum / (weight_sum + prior_games)
        line[stat_id] = own_share * raw[stat_id] + (1.0 - own_share) * baseline
        if raw[stat_id] or baseline:
            explained[stat_id] = {
                "rate": round(raw[stat_id], 3),
                "baseline": round(baseline, 3),
                "own_share": round(own_share, 3),
                "projected": round(line[stat_id], 3),
            }
    if usage is not None:
        return _with_usage(line, explained, usage)
    return line, explained


def _with_usage(
    line: dict[str, float], explained: dict, usage: Usage
) -> tuple[dict[str, float], dict]:
    """The rate line with the usage model's opportunities, catches and yards in place of the
    per-game rates; touchdowns, interceptions and fumbles scaled with their yards."""
    rated = dict(line)
    for stat_id in line:
        if stat_id in usage.line:
            line[stat_id] = usage.line[stat_id]
            if stat_id in explained:
                explained[stat_id]["projected"] = round(line[stat_id], 3)
    for stat_id, volume_ids in VOLUME_OF.items():
        before = sum(rated.get(v, 0.0) for v in volume_ids)
        if stat_id in line and before > 0:
            line[stat_id] *= sum(line.get(v, 0.0) for v in volume_ids) / before
            if stat_id in explained:
                explained[stat_id]["projected"] = round(line[stat_id], 3)
    return line, explained


def _expected_bonus(scoring: LeagueScoring, line: dict[str, float]) -> float:
    """Bonus points times the chance of reaching each target (normal spread around the mean)."""
    expected = 0.0
    for stat_id, tiers in scoring.bonuses.items():
        mean = line.get(stat_id, 0.0)
        spread = max(BONUS_CV * mean, 1e-9)
        for target, points in tiers:
            chance = 0.5 * math.erfc((target - mean) / (spread * math.sqrt(2)))
            expected += points * chance
    return expected


def _implied_total_factor(
    position: str, game: GameContext | None, schedule: dict[tuple[str, int], GameContext]
) -> float:
    """Offense and kickers follow their team's implied total; defences the opponent's, inverted."""
    if game is None:
        return 1.0
    elasticity = IMPLIED_TOTAL_ELASTICITY.get(position, DEFAULT_IMPLIED_TOTAL_ELASTICITY)
    if position in ("DEF", "DL", "LB", "DB"):
        opponent_game = schedule.get((game.opponent, game.week)) if game.opponent else None
        implied = opponent_game.implied_total if opponent_game else None
        if not implied:
            return 1.0
        return (LEAGUE_AVG_IMPLIED_TOTAL / implied) ** (elasticity / 2)
    if not game.implied_total:
        return 1.0
    return (game.implied_total / LEAGUE_AVG_IMPLIED_TOTAL) ** elasticity
