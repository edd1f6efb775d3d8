"""Pure functions from Sleeper JSON to the dataclasses the Yahoo parsers produce (yahoo/types.py).

Keys carry a `sleeper.` prefix (keys.py) so they never meet a Yahoo key. Slot labels become the
ones insights read (FLEX -> W/R/T, SUPER_FLEX -> Q/W/R/T, IDP_FLEX -> D), stats and scoring our
stat keys (stat_keys.py), injury statuses Yahoo's codes. Any shape surprise is a SleeperBadPayload.
"""

import logging
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from fantasy.sleeper.errors import SleeperBadPayload
from fantasy.sleeper.keys import league_key, player_key, team_key
from fantasy.sleeper.stat_keys import number, our_stats
from fantasy.yahoo.parsers import IDP_POSITION_GROUPS, NON_STARTING_SLOTS, shape_errors
from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueSettings,
    ParsedMatchup,
    ParsedMatchupTeam,
    ParsedPlayer,
    ParsedPlayerWeek,
    ParsedRosterEntry,
    ParsedRosterPosition,
    ParsedTeam,
    ParsedTeamRoster,
    ParsedTeamStanding,
)

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

PROVIDER = "sleeper"
EMPTY_SLOT = "0"  # a starter Sleeper leaves unfilled
NFL_LAST_WEEK = 18  # the last week of the NFL regular season Sleeper scores
SLOT_LABELS = {"FLEX": "W/R/T", "SUPER_FLEX": "Q/W/R/T", "IDP_FLEX": "D", "REC_FLEX": "W/T"}
SLOT_LABELS["WRRB_FLEX"] = "W/R"
RESERVE_SLOT, TAXI_SLOT = "IR", "NA"
POSITION_TYPES = {"QB": "O", "RB": "O", "WR": "O", "TE": "O", "K": "K", "DEF": "DT"}
POSITION_TYPES.update({"DL": "DP", "LB": "DP", "DB": "DP"})
INJURY_CODES = {
    "Questionable": "Q",
    "Doubtful": "D",
    "Out": "O",
    "IR": "IR",
    "PUP": "PUP-R",
    "Sus": "SUSP",
    "NA": "NA",
    "COV": "COVID-19",
}


def _payload(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    return shape_errors(SleeperBadPayload, "Sleeper", what)


def slot_label(position: str) -> str:
    return SLOT_LABELS.get(position, position)


@_payload("the NFL state")
def parse_state(body: Any) -> tuple[int, int]:
    """`/state/nfl`: (season, week); `season` is a string in Sleeper's answer."""
    return int(body["season"]), int(body["week"])


@_payload("a league")
def parse_league(body: Any, *, current_week: int | None = None) -> ParsedLeague:
    settings = body.get("settings") or {}
    return ParsedLeague(
        league_key=league_key(str(body["league_id"])),
        game_key=PROVIDER,
        name=str(body["name"]),
        season=int(body["season"]),
        scoring_type="headpoint",  # Sleeper leagues are head-to-head on points
        num_teams=int(body["total_rosters"]),
        current_week=current_week or settings.get("leg"),
        start_week=settings.get("start_week"),
        end_week=last_week(settings),
        is_finished=body.get("status") == "complete",
        provider=PROVIDER,
    )


def last_week(settings: dict) -> int | None:
    """The league's last week, which Sleeper does not state: the playoffs start at
    `playoff_week_start` and last ceil(log2(playoff_teams)) rounds of one week each, the final
    two weeks with `playoff_round_type` 1, every round two with 2 (a reading past the NFL's last
    week falls back to a week a round). No playoffs: the week before `playoff_week_start`."""
    start = settings.get("playoff_week_start")
    if not start:
        return None
    teams = int(settings.get("playoff_teams") or 0)
    if teams < 2:
        return int(start) - 1
    rounds = math.ceil(math.log2(teams))
    weeks = {1: rounds + 1, 2: 2 * rounds}.get(settings.get("playoff_round_type"), rounds)
    if start + weeks - 1 > NFL_LAST_WEEK:
        weeks = rounds
    return min(NFL_LAST_WEEK, int(start) + weeks - 1)


def _starting_positions(roster_positions: list[str]) -> list[str]:
    return [position for position in roster_positions if position != "BN"]


@_payload("trending players")
def parse_trending(body: Any) -> dict[str, int]:
    """`/players/nfl/trending/add`: `[{"player_id": "4187", "count": 270285}, ...]` -> id -> count
    (defences by team abbreviation, as everywhere in Sleeper)."""
    return {str(row["player_id"]): int(row["count"]) for row in body}


@_payload("league settings")
def parse_league_settings(body: Any) -> ParsedLeagueSettings:
    settings = body.get("settings") or {}
    counts: dict[str, int] = {}
    for position in body["roster_positions"]:
        label = slot_label(str(position))
        counts[label] = counts.get(label, 0) + 1
    if settings.get("reserve_slots"):
        counts[RESERVE_SLOT] = int(settings["reserve_slots"])
    budget = settings.get("waiver_budget")
    return ParsedLeagueSettings(
        roster_positions=[
            ParsedRosterPosition(
                position=label,
                count=count,
                position_type=POSITION_TYPES.get(label),
                is_starting=label not in NON_STARTING_SLOTS,
            )
            for label, count in counts.items()
        ],
        stat_modifiers=our_stats(body.get("scoring_settings")),
        uses_faab=bool(budget),
        faab_budget=int(budget) if budget else None,
        playoff_start_week=settings.get("playoff_week_start"),
        uses_playoff=bool(settings.get("playoff_teams")),
        num_playoff_teams=settings.get("playoff_teams"),
    )


def _users_by_id(users: list[dict]) -> dict[str, dict]:
    return {str(user["user_id"]): user for user in users}


@_payload("league rosters")
def parse_teams(
    rosters: Any, users: Any, *, league_id: str, waiver_budget: int | None
) -> list[ParsedTeam]:
    """`/league/{id}/rosters` joined to `/league/{id}/users` on owner_id. The team name is
    `metadata.team_name`, else the owner's display name."""
    by_id = _users_by_id(users)
    teams = []
    for roster in rosters:
        owner_id = roster.get("owner_id")
        owner = by_id.get(str(owner_id), {}) if owner_id else {}
        metadata = owner.get("metadata") or {}
        settings = roster.get("settings") or {}
        managers = tuple(str(uid) for uid in [owner_id, *(roster.get("co_owners") or [])] if uid)
        used = settings.get("waiver_budget_used") or 0
        teams.append(
            ParsedTeam(
                team_key=team_key(league_id, int(roster["roster_id"])),
                name=metadata.get("team_name")
                or owner.get("display_name")
                or f"Team {roster['roster_id']}",
                manager_guid=str(owner_id) if owner_id else None,
                manager_nickname=owner.get("display_name"),
                faab_balance=waiver_budget - used if waiver_budget else None,
                waiver_priority=settings.get("waiver_position"),
                manager_guids=managers,
            )
        )
    return teams


def _split_points(whole: int | None, hundredths: int | None) -> Decimal | None:
    """Sleeper's `fpts` + `fpts_decimal` (hundredths): 83 and 10 are 83.10."""
    if whole is None and hundredths is None:
        return None  # a team never scored
    return Decimal(whole or 0) + Decimal(hundredths or 0) / 100


@_payload("league rosters")
def parse_standings(rosters: Any, *, league_id: str) -> list[ParsedTeamStanding]:
    """Each roster's season record and points (Sleeper ranks no one: `rank` None)."""
    standings = []
    for roster in rosters:
        settings = roster.get("settings") or {}
        standings.append(
            ParsedTeamStanding(
                team_key=team_key(league_id, int(roster["roster_id"])),
                rank=None,
                wins=int(settings.get("wins") or 0),
                losses=int(settings.get("losses") or 0),
                ties=int(settings.get("ties") or 0),
                points_for=_split_points(settings.get("fpts"), settings.get("fpts_decimal")),
                points_against=_split_points(
                    settings.get("fpts_against"), settings.get("fpts_against_decimal")
                ),
            )
        )
    return standings


def _full_name(info: dict) -> str:
    return info.get("full_name") or f"{info.get('first_name', '')} {info.get('last_name', '')}"


@_payload("a player")
def parse_player(info: dict) -> ParsedPlayer:
    """One entry of `/players/nfl` (a team defence has nine keys only, keyed by its team)."""
    position = info.get("position")
    primary = IDP_POSITION_GROUPS.get(position, position)
    eligible = [IDP_POSITION_GROUPS.get(p, p) for p in info.get("fantasy_positions") or []]
    if primary not in eligible and eligible:
        primary = eligible[0]
    injury = info.get("injury_status")
    yahoo_id = info.get("yahoo_id")
    return ParsedPlayer(
        player_key=player_key(str(info["player_id"])),
        player_id=str(info["player_id"]),
        full_name=_full_name(info).strip(),
        primary_position=primary,
        eligible_positions=eligible or ([primary] if primary else []),
        position_type=POSITION_TYPES.get(primary),
        nfl_team=info.get("team"),
        status=INJURY_CODES.get(injury, injury) if injury else None,
        injury_note=info.get("injury_body_part"),
        is_team_defense=primary == "DEF",
        yahoo_player_id=str(yahoo_id) if yahoo_id else None,
    )


def _player(players: dict, player_id: str) -> ParsedPlayer:
    info = players.get(player_id)
    if info is None:  # rostered but missing from the day's dump: still a roster row
        return ParsedPlayer(player_key(player_id), player_id, player_id, None)
    return parse_player(info)


@_payload("league rosters")
def parse_rosters(
    rosters: Any,
    matchups: Any,
    *,
    league_id: str,
    roster_positions: list[str],
    week: int,
    players: dict,
    stats: dict,
) -> list[ParsedTeamRoster]:
    """Every roster's week: starters from the week's matchups (the live lineup, rosters' own
    `starters` only when the matchups lack one) in `roster_positions` order, "0" slots left
    empty, reserve on IR, taxi on NA, the rest on BN; points from `players_points`."""
    starting = [slot_label(p) for p in _starting_positions(roster_positions)]
    by_roster = {int(m["roster_id"]): m for m in matchups}
    parsed = []
    for roster in rosters:
        roster_id = int(roster["roster_id"])
        matchup = by_roster.get(roster_id) or {}
        starters = matchup.get("starters") or roster.get("starters") or []
        points = matchup.get("players_points") or {}
        slots: dict[str, str] = {}
        for index, player_id in enumerate(starters):
            if player_id and str(player_id) != EMPTY_SLOT and index < len(starting):
                slots.setdefault(str(player_id), starting[index])
        for player_id in roster.get("reserve") or []:
            slots.setdefault(str(player_id), RESERVE_SLOT)
        for player_id in roster.get("taxi") or []:
            slots.setdefault(str(player_id), TAXI_SLOT)
        for player_id in matchup.get("players") or roster.get("players") or []:
            slots.setdefault(str(player_id), "BN")
        entries = [
            ParsedRosterEntry(
                player=_player(players, player_id),
                selected_position=slot,
                week=week,
                points=number(points[player_id]) if player_id in points else None,
                stats=our_stats(stats.get(player_id)),
                is_flex=slot in SLOT_LABELS.values(),
            )
            for player_id, slot in slots.items()
        ]
        parsed.append(
            ParsedTeamRoster(team_key=team_key(league_id, roster_id), week=week, entries=entries)
        )
    return parsed


def matchup_status(*, week: int, last_scored_week: int | None, points: list[Decimal]) -> str:
    """Yahoo's words: postevent once Sleeper has scored the week, midevent while points come in,
    preevent for a week not played yet (Sleeper answers it with every number 0)."""
    if last_scored_week is not None and week <= last_scored_week:
        return "postevent"
    return "midevent" if any(points) else "preevent"


@_payload("matchups")
def parse_matchups(
    matchups: Any,
    *,
    league_id: str,
    week: int,
    last_scored_week: int | None,
    playoff_week_start: int | None,
) -> list[ParsedMatchup]:
    """Rosters sharing a `matchup_id` played each other; a null one (a bye) has no matchup.
    `custom_points`, a commissioner's override, wins over `points`."""
    pairs: dict[int, list[ParsedMatchupTeam]] = {}
    for row in matchups:
        if row.get("matchup_id") is None:
            continue
        score = row.get("custom_points")
        score = row.get("points") if score is None else score
        pairs.setdefault(int(row["matchup_id"]), []).append(
            ParsedMatchupTeam(
                team_key=team_key(league_id, int(row["roster_id"])),
                points=number(score or 0),
                projected_points=None,
            )
        )
    parsed = []
    for _, teams in sorted(pairs.items()):
        status = matchup_status(
            week=week, last_scored_week=last_scored_week, points=[t.points for t in teams]
        )
        done = status == "postevent" and len(teams) == 2
        tied = done and teams[0].points == teams[1].points
        winner = max(teams, key=lambda t: t.points).team_key if done and not tied else None
        parsed.append(
            ParsedMatchup(
                week=week,
                status=status,
                teams=tuple(teams),
                is_playoffs=playoff_week_start is not None and week >= playoff_week_start,
                is_tied=tied,
                winner_team_key=winner,
            )
        )
    return parsed


def league_points(line: dict, scoring_settings: dict) -> Decimal:
    """A Sleeper stat line's points under a league's `scoring_settings` (same key vocabulary)."""
    return sum(
        (
            number(value) * number(scoring_settings[key])
            for key, value in line.items()
            if key in scoring_settings and isinstance(value, int | float)
        ),
        Decimal(0),
    )


@_payload("week stats")
def parse_free_agents(
    stats: dict,
    *,
    rostered: set[str],
    players: dict,
    scoring_settings: dict,
    week: int,
    limit: int,
    trending: dict[str, int],
) -> list[ParsedPlayerWeek]:
    """The `limit` unrostered players who scored most this week under the league's scoring
    (Sleeper has no free-agent list: every player's line is in the week's stats), then the
    unrostered players of Sleeper's `trending` adds the first ones left out: the demand the
    waivers weigh, whatever they scored."""
    scored = sorted(
        (
            (league_points(line, scoring_settings), player_id)
            for player_id, line in stats.items()
            if player_id not in rostered and player_id in players and isinstance(line, dict)
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    listed = scored[:limit]
    chosen = {player_id for _, player_id in listed}
    for player_id in trending:
        if player_id not in rostered and player_id not in chosen and player_id in players:
            line = stats.get(player_id)
            points = league_points(line, scoring_settings) if isinstance(line, dict) else None
            listed.append((points, player_id))
            chosen.add(player_id)
    return [
        ParsedPlayerWeek(
            player=parse_player(players[player_id]),
            week=week,
            points=round(points, 2) if points is not None else None,
            stats=our_stats(stats.get(player_id)),
        )
        for points, player_id in listed
    ]
