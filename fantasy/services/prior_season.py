"""A league's first sync also stores last season's stats of its players (`player_season_stats`,
see `player_season_stats_prior_load`): the prior of the early weeks. It costs at most
PRIOR_SEASON_MAX_CALLS Yahoo calls (a Sleeper league: 1 call, every player's season totals),
once per league, and never fails the sync.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from accounts.yahoo_errors import YahooError
from edge.bulk import json_value
from fantasy.models import (
    League,
    Player,
    PlayerSeasonStats,
    PlayerWeekStats,
)
from fantasy.sleeper.errors import SleeperError
from fantasy.sleeper.parsers import PROVIDER as SLEEPER
from fantasy.sleeper.stat_keys import our_stats
from fantasy.yahoo.client import PLAYERS_PER_CALL

logger = logging.getLogger(__name__)

# --- last season's stats, the prior of a new season's early weeks ---------------------------

# Last season is "synced" (its stored week lines are its truth) from this many weeks with lines.
SYNCED_SEASON_MIN_WEEKS = 9
# Yahoo calls a league's first sync may spend on last season's stats: 25 players each.
PRIOR_SEASON_MAX_CALLS = 12


@dataclass
class PriorSeasonResult:
    season: int
    from_weeks: int = 0  # players whose totals were summed from stored week lines
    from_yahoo: int = 0  # players whose totals Yahoo gave
    from_sleeper: int = 0  # players whose totals Sleeper gave (a Sleeper league)
    already_stored: int = 0
    calls: int = 0
    note: str | None = None  # why Yahoo gave less than asked, in one line

    def summary(self) -> str:
        source = (
            f"{self.from_sleeper} from Sleeper"
            if self.from_sleeper
            else f"{self.from_yahoo} from Yahoo"
        )
        line = (
            f"{self.season} stats: {self.from_weeks} players from stored weeks, "
            f"{source} ({self.calls} calls), {self.already_stored} stored"
        )
        return f"{line}; {self.note}" if self.note else line


def _played(line: dict) -> bool:
    """A week line with any non-zero stat: the player played (Yahoo lists zeros otherwise)."""
    return any(Decimal(str(value)) != 0 for value in line.values())


def _season_totals(lines: Iterable[dict]) -> tuple[dict[str, Any], int]:
    """(summed stats, games played) of a player's week lines."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    games = 0
    for line in lines:
        games += _played(line)
        for stat_id, value in line.items():
            totals[stat_id] += Decimal(str(value))
    return json_value(dict(totals)), games


def player_season_stats_prior_load(
    *, league: League, players: list[Player], client
) -> PriorSeasonResult:
    """Store last season's totals (`player_season_stats`, season = league season - 1) of
    `players` that have none yet, the prior the projections start a season from.

    (a) When last season was synced (its week lines span SYNCED_SEASON_MIN_WEEKS weeks or
    more), a player's stored lines are summed and his games are the weeks he played.
    (b) The others come from Yahoo (`client.players_season_stats`), 25 per call, in the given
    order and at most PRIOR_SEASON_MAX_CALLS calls. A player Yahoo has no line for (a rookie)
    gets no row. A Yahoo failure ends (b) with one logged line: never the caller's failure.
    Only new rows are written, in one bulk insert.
    """
    season = league.season - 1
    result = PriorSeasonResult(season=season)
    stored = set(
        PlayerSeasonStats.objects.filter(
            season=season, player_id__in=[p.pk for p in players]
        ).values_list("player_id", flat=True)
    )
    result.already_stored = len(stored)
    wanted = [p for p in players if p.pk not in stored]
    rows: list[PlayerSeasonStats] = []

    synced_weeks = (
        PlayerWeekStats.objects.filter(season=season).values("week").distinct().count()
        if wanted
        else 0
    )
    if synced_weeks >= SYNCED_SEASON_MIN_WEEKS:
        lines: dict[int, list[dict]] = defaultdict(list)
        for player_id, stats in PlayerWeekStats.objects.filter(
            season=season, player_id__in=[p.pk for p in wanted]
        ).values_list("player_id", "stats"):
            lines[player_id].append(stats)
        for player_id, player_lines in lines.items():
            totals, games = _season_totals(player_lines)
            rows.append(
                PlayerSeasonStats(
                    player_id=player_id, season=season, games_played=games, stats=totals
                )
            )
        result.from_weeks = len(rows)
        wanted = [p for p in wanted if p.pk not in lines]

    if wanted and league.provider == SLEEPER:
        rows += _prior_from_sleeper(league=league, players=wanted, client=client, result=result)
    elif wanted:
        rows += _prior_from_yahoo(league=league, players=wanted, client=client, result=result)

    PlayerSeasonStats.objects.bulk_create(rows, ignore_conflicts=True)
    logger.info("prior season for %s: %s", league.league_key, result.summary())
    return result


def _prior_from_yahoo(
    *, league: League, players: list[Player], client, result: PriorSeasonResult
) -> list[PlayerSeasonStats]:
    by_yahoo_id = {p.yahoo_player_id: p for p in players}
    asked = list(by_yahoo_id)[: PLAYERS_PER_CALL * PRIOR_SEASON_MAX_CALLS]
    if len(asked) < len(by_yahoo_id):
        result.note = f"{len(by_yahoo_id) - len(asked)} players beyond the call budget"
    rows = []
    calls_before = client.calls
    try:
        for start in range(0, len(asked), PLAYERS_PER_CALL):
            keys = [f"{league.game_key}.p.{pid}" for pid in asked[start : start + PLAYERS_PER_CALL]]
            for line in client.players_season_stats(keys, season=result.season):
                player = by_yahoo_id.get(line.player.player_id)
                if player is None or not (line.games_played or any(line.stats.values())):
                    continue  # no such player asked, or no line that season (a rookie)
                rows.append(
                    PlayerSeasonStats(
                        player=player,
                        season=result.season,
                        games_played=line.games_played or 0,
                        stats=json_value(line.stats),
                    )
                )
    except YahooError as exc:
        refused = f"Yahoo gave no more {result.season} stats: {exc.message}"
        _refused(league, result, refused)
    result.calls = client.calls - calls_before
    result.from_yahoo = len(rows)
    return rows


def _prior_from_sleeper(
    *, league: League, players: list[Player], client, result: PriorSeasonResult
) -> list[PlayerSeasonStats]:
    """Every wanted player's line of Sleeper's season totals (one call for all of them)."""
    by_sleeper_id = {p.sleeper_player_id: p for p in players if p.sleeper_player_id}
    rows = []
    calls_before = client.calls
    try:
        lines = client.season_stats(result.season)
    except SleeperError as exc:
        _refused(league, result, f"Sleeper gave no {result.season} stats: {exc.message}")
        lines = {}
    for sleeper_id, player in by_sleeper_id.items():
        line = lines.get(sleeper_id)
        stats = our_stats(line) if isinstance(line, dict) else {}
        games = int(line.get("gp") or 0) if stats else 0
        if games or any(stats.values()):  # else no line that season (a rookie)
            rows.append(
                PlayerSeasonStats(
                    player=player, season=result.season, games_played=games, stats=json_value(stats)
                )
            )
    result.calls = client.calls - calls_before
    result.from_sleeper = len(rows)
    return rows


def _refused(league: League, result: PriorSeasonResult, refused: str) -> None:
    result.note = f"{result.note}; {refused}" if result.note else refused
    logger.warning("prior season for %s: %s", league.league_key, refused)
