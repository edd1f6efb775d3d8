"""Yahoo Fantasy JSON → the dataclasses of `types.py`. Pure functions, no I/O.

Every quirk of Yahoo's JSON (see ../shared/yahoo-samples/README.md) is handled here and only here:
- a collection is `{"0": {...}, "1": {...}, "count": N}`, and an empty one is `[]` (or `{}`);
- a resource (`league`, `team`, `player`, `game`, `user`) is a list of parts: part 0 is its
  metadata (for teams and players a list of single-key dicts mixed with `[]`), the other parts
  are sub-resources (`settings`, `roster`, `selected_position`, `player_points`, …) whose number
  and order depend on the request, so they are looked up by key;
- numbers come as strings or ints, booleans as 0/1/"0"/"1"/true/false, `logo_url` as `false`;
- week coverage of player stats/points is nested under `"0"`, matchup teams under `"0"`.

Each public parser takes a whole response body (`{"fantasy_content": …}`) and raises
`YahooBadPayload` when the shape is not Yahoo's, so a sync never writes half-understood data.

Over 400 lines on purpose: every Yahoo quirk is handled here and only here, so that no other
module ever reads Yahoo JSON.
"""

import functools
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, ParamSpec, TypeVar

from accounts.yahoo_errors import YahooBadPayload
from edge.errors import DomainError
from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueSettings,
    ParsedMatchup,
    ParsedMatchupTeam,
    ParsedPlayer,
    ParsedPlayerSeason,
    ParsedPlayerWeek,
    ParsedRosterEntry,
    ParsedRosterPosition,
    ParsedTeam,
    ParsedTeamRoster,
    ParsedTeamStanding,
)

# NFL stat id 0 is "Games Played" (game 406's stat_categories; season stat lines carry it).
GAMES_PLAYED_STAT_ID = "0"
# Team defences are players too; Yahoo numbers them from 100000 ("461.p.100008").
TEAM_DEFENSE_MIN_ID = 100_000
# Roster slots that do not start: the settings' is_starting default and the sync's is_starter.
NON_STARTING_SLOTS = frozenset({"BN", "IR", "NA"})
# The primary positions insights group NFL players by, and Yahoo's single IDP positions' groups.
NFL_PRIMARY_POSITIONS = frozenset({"QB", "RB", "WR", "TE", "K", "DEF", "DL", "LB", "DB"})
IDP_POSITION_GROUPS = {"DE": "DL", "DT": "DL", "CB": "DB", "S": "DB"}

P = ParamSpec("P")
R = TypeVar("R")


def shape_errors(
    error: type[DomainError], provider: str, what: str
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn any shape surprise inside a parser into `error` naming what was parsed (a
    provider's BadPayload: Yahoo's here, Sleeper's in fantasy.sleeper.parsers)."""

    def decorate(parse: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(parse)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return parse(*args, **kwargs)
            except error:
                raise
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
                raise error(
                    f"{provider} sent {what} in an unexpected shape.",
                    details={"parser": parse.__name__, "problem": f"{type(exc).__name__}: {exc}"},
                ) from exc

        return wrapper

    return decorate


def _payload(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    return shape_errors(YahooBadPayload, "Yahoo", what)


# --- shape helpers -----------------------------------------------------------------------


def content(body: Any) -> dict:
    if not isinstance(body, dict) or not isinstance(body.get("fantasy_content"), dict):
        raise YahooBadPayload("Yahoo's response has no fantasy_content.")
    return body["fantasy_content"]


def collection(value: Any, item: str) -> list:
    """The items of a numeric-key collection (`{"0": {item: …}, "count": N}`); `[]`/`{}` → []."""
    if value in ([], {}, None):
        return []
    if not isinstance(value, dict):
        raise TypeError(f"collection of {item} is a {type(value).__name__}")
    count = as_int(value.get("count"))
    if count is None:
        count = sum(1 for key in value if key.isdigit())
    return [value[str(index)][item] for index in range(count)]


def merge_parts(parts: Any) -> dict:
    """One dict from a list of single-key dicts mixed with `[]` (a resource's part 0)."""
    if isinstance(parts, dict):
        return parts
    if not isinstance(parts, list):
        raise TypeError(f"resource parts are a {type(parts).__name__}")
    return {key: value for part in parts if isinstance(part, dict) for key, value in part.items()}


def split_resource(resource: Any) -> tuple[dict, dict]:
    """(metadata, sub-resources by key) of a list-of-parts resource."""
    if not isinstance(resource, list) or not resource:
        raise TypeError(f"resource is a {type(resource).__name__}, not a list of parts")
    subresources: dict = {}
    for part in resource[1:]:
        subresources.update(merge_parts(part))
    return merge_parts(resource[0]), subresources


def as_int(value: Any) -> int | None:
    if value in (None, "", False) or isinstance(value, bool):
        return None
    return int(Decimal(str(value)))


def as_decimal(value: Any) -> Decimal | None:
    """Decimal from "136.64", 5 or 2233.6499999999996 (floats go through str: no binary noise)."""
    if value in (None, "", "-") or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def as_text(value: Any) -> str | None:
    """A string field; Yahoo writes "absent" as false, null or ""."""
    if value in (None, False, ""):
        return None
    return str(value)


def _coverage(block: Any, name: str) -> int | None:
    """`week` or `season` of a coverage block, flat (`{coverage_type, week}`) or nested under
    "0" (`player_stats: {"0": {coverage_type: "season", season: "2024"}, stats}`)."""
    if not isinstance(block, dict | list):
        return None
    coverage = merge_parts(block)
    if "0" in coverage and isinstance(coverage["0"], dict):
        coverage = coverage["0"]
    return as_int(coverage.get(name))


def _week(coverage: Any) -> int | None:
    return _coverage(coverage, "week")


def _stats(player_stats: Any) -> dict[str, Decimal]:
    """{stat_id: value}; non-numeric values ("-", "51/174") are left out."""
    if not player_stats:
        return {}
    values = {}
    for entry in player_stats.get("stats") or []:
        stat = entry["stat"]
        value = as_decimal(stat.get("value"))
        if value is not None:
            values[str(stat["stat_id"])] = value
    return values


def _total(points: Any) -> Decimal | None:
    return as_decimal(points.get("total")) if isinstance(points, dict) else None


# --- resources ---------------------------------------------------------------------------


def league_from_meta(meta: dict) -> ParsedLeague:
    league_key = str(meta["league_key"])
    return ParsedLeague(
        league_key=league_key,
        game_key=league_key.split(".l.")[0],
        name=str(meta["name"]),
        season=as_int(meta["season"]),
        scoring_type=str(meta.get("scoring_type") or ""),
        num_teams=as_int(meta.get("num_teams")),
        current_week=as_int(meta.get("current_week")),
        start_week=as_int(meta.get("start_week")),
        end_week=as_int(meta.get("end_week")),
        is_finished=as_bool(meta.get("is_finished")),
        logo_url=as_text(meta.get("logo_url")),
    )


def team_from_resource(resource: list) -> ParsedTeam:
    info, _ = split_resource(resource)
    managers = [entry["manager"] for entry in info.get("managers") or []]
    manager = managers[0] if managers else {}
    guids = (as_text(entry.get("guid")) for entry in managers)
    logos = [entry["team_logo"] for entry in info.get("team_logos") or []]
    return ParsedTeam(
        team_key=str(info["team_key"]),
        name=str(info["name"]),
        logo_url=as_text(logos[0].get("url")) if logos else as_text(info.get("logo_url")),
        manager_guid=as_text(manager.get("guid")),
        manager_nickname=_nickname(manager.get("nickname")),
        manager_guids=tuple(guid for guid in guids if guid),
        faab_balance=as_int(info.get("faab_balance")),
        waiver_priority=as_int(info.get("waiver_priority")),
        is_owned_by_current_login=as_bool(info.get("is_owned_by_current_login")),
    )


def _nickname(value: Any) -> str | None:
    """A manager's nickname; Yahoo writes "-- hidden --" for a private profile: no name."""
    nickname = as_text(value)
    return None if nickname and nickname.strip("- ").lower() == "hidden" else nickname


def _primary_position(info: dict) -> str | None:
    """Yahoo's primary_position as one of the NFL groups insights use (NFL_PRIMARY_POSITIONS).

    Yahoo's value depends on the league's slots: a superflex league gives QBs "Q/W/R/T", a
    league with one IDP slot "D" gives every defender "D", and leagues with single IDP slots
    give "DE" or "S". A label that is no NFL group gives way to the display positions
    ("WR,CB", "S"), and single IDP positions go to their group (DE → DL, S → DB). Other sports
    keep Yahoo's value (the first display position when it is a flex label).
    """
    primary = as_text(info.get("primary_position"))
    display = as_text(info.get("display_position"))
    displayed = display.split(",") if display else []
    for position in (primary, *displayed):
        group = IDP_POSITION_GROUPS.get(position, position)
        if group in NFL_PRIMARY_POSITIONS:
            return group
    if primary and "/" not in primary:
        return primary
    return displayed[0] if displayed else primary


def player_from_parts(info: dict, subresources: dict) -> ParsedPlayer:
    player_id = str(info["player_id"])
    primary = _primary_position(info)
    owned = merge_parts(subresources.get("percent_owned") or [])
    headshot = info.get("headshot") or {}
    return ParsedPlayer(
        player_key=str(info["player_key"]),
        player_id=player_id,
        full_name=str(info["name"]["full"]),
        primary_position=primary,
        eligible_positions=[
            str(entry["position"]) for entry in info.get("eligible_positions") or []
        ],
        position_type=as_text(info.get("position_type")),
        nfl_team=(as_text(info.get("editorial_team_abbr")) or "").upper() or None,
        bye_week=as_int((info.get("bye_weeks") or {}).get("week")),
        status=as_text(info.get("status")),
        injury_note=as_text(info.get("injury_note")),
        percent_owned=as_decimal(owned.get("value")),
        percent_owned_delta=as_decimal(owned.get("delta")),
        headshot_url=as_text(headshot.get("url")) or as_text(info.get("image_url")),
        display_position=as_text(info.get("display_position")),
        is_team_defense=primary == "DEF" or int(player_id) >= TEAM_DEFENSE_MIN_ID,
    )


def roster_entry_from_resource(resource: list, roster_week: int | None) -> ParsedRosterEntry:
    info, subresources = split_resource(resource)
    selected = merge_parts(subresources["selected_position"])
    editable = subresources.get("is_editable")
    return ParsedRosterEntry(
        player=player_from_parts(info, subresources),
        selected_position=str(selected["position"]),
        week=as_int(selected.get("week")) or roster_week,
        is_editable=None if editable is None else as_bool(editable),
        points=_total(subresources.get("player_points")),
        stats=_stats(subresources.get("player_stats")),
        is_flex=as_bool(selected.get("is_flex")),
    )


def team_roster_from_resource(resource: list) -> ParsedTeamRoster:
    info, subresources = split_resource(resource)
    roster = subresources["roster"]
    week = as_int(roster.get("week"))
    players = collection(roster["0"]["players"], "player") if "0" in roster else []
    editable = roster.get("is_editable")
    return ParsedTeamRoster(
        team_key=str(info["team_key"]),
        week=week,
        entries=[roster_entry_from_resource(player, week) for player in players],
        is_editable=None if editable is None else as_bool(editable),
        is_prescoring=as_bool(roster.get("is_prescoring")),
    )


def matchup_team_from_resource(resource: list) -> ParsedMatchupTeam:
    info, subresources = split_resource(resource)
    return ParsedMatchupTeam(
        team_key=str(info["team_key"]),
        points=_total(subresources.get("team_points")),
        projected_points=_total(subresources.get("team_projected_points")),
        win_probability=as_decimal(subresources.get("win_probability")),
    )


def matchup_from_dict(matchup: dict) -> ParsedMatchup:
    teams = collection(matchup["0"]["teams"], "team")
    return ParsedMatchup(
        week=as_int(matchup["week"]),
        status=as_text(matchup.get("status")),
        teams=tuple(matchup_team_from_resource(team) for team in teams),
        is_playoffs=as_bool(matchup.get("is_playoffs")),
        is_consolation=as_bool(matchup.get("is_consolation")),
        is_tied=as_bool(matchup.get("is_tied")),
        winner_team_key=as_text(matchup.get("winner_team_key")),
    )


def settings_from_dict(settings: dict) -> ParsedLeagueSettings:
    positions = []
    for entry in settings.get("roster_positions") or []:
        slot = entry["roster_position"]
        position = str(slot["position"])
        starting = slot.get("is_starting_position")  # absent before 2022
        positions.append(
            ParsedRosterPosition(
                position=position,
                count=as_int(slot.get("count")) or 0,
                position_type=as_text(slot.get("position_type")),
                is_starting=(
                    position not in NON_STARTING_SLOTS if starting is None else as_bool(starting)
                ),
            )
        )

    modifiers: dict[str, Decimal] = {}
    bonuses: dict[str, list[dict]] = {}
    for entry in (settings.get("stat_modifiers") or {}).get("stats") or []:
        stat = entry["stat"]
        stat_id = str(stat["stat_id"])
        modifiers[stat_id] = as_decimal(stat["value"])
        if stat.get("bonuses"):
            bonuses[stat_id] = [
                {
                    "target": as_decimal(bonus["bonus"]["target"]),
                    "points": as_decimal(bonus["bonus"]["points"]),
                }
                for bonus in stat["bonuses"]
            ]

    categories: dict[str, dict] = {}
    for entry in (settings.get("stat_categories") or {}).get("stats") or []:
        stat = entry["stat"]
        categories[str(stat["stat_id"])] = {
            "name": as_text(stat.get("name")),
            "display_name": as_text(stat.get("display_name")),
            "position_types": [
                str(kind["stat_position_type"]["position_type"])
                for kind in stat.get("stat_position_types") or []
            ]
            or ([stat["position_type"]] if stat.get("position_type") else []),
            "is_only_display_stat": as_bool(stat.get("is_only_display_stat")),
        }

    return ParsedLeagueSettings(
        roster_positions=positions,
        stat_modifiers=modifiers,
        bonuses=bonuses,
        stat_categories=categories,
        uses_faab=as_bool(settings.get("uses_faab")),
        faab_budget=as_int(settings.get("faab_budget")),
        waiver_type=as_text(settings.get("waiver_type")),
        waiver_rule=as_text(settings.get("waiver_rule")),
        waiver_time=as_int(settings.get("waiver_time")),
        playoff_start_week=as_int(settings.get("playoff_start_week")),
        uses_playoff=as_bool(settings.get("uses_playoff")),
        num_playoff_teams=as_int(settings.get("num_playoff_teams")),
    )


def _league_resource(body: Any) -> tuple[dict, dict]:
    return split_resource(content(body)["league"])


def _settings_part(subresources: dict) -> dict:
    settings = subresources["settings"]
    # `settings` is a list holding one dict.
    return settings[0] if isinstance(settings, list) else settings


# --- public parsers: one per response ------------------------------------------------------


@_payload("the user's leagues")
def parse_user_leagues(body: Any, *, game_code: str | None = None) -> list[ParsedLeague]:
    """`users;use_login=1/games;game_keys=…/leagues`: every league of every game (one per
    sport for the current season), optionally only the games of `game_code`."""
    leagues = []
    for user in collection(content(body)["users"], "user"):
        _, user_parts = split_resource(user)
        for game in collection(user_parts.get("games"), "game"):
            game_info, game_parts = split_resource(game)
            if game_code and game_info.get("code") != game_code:
                continue
            for league in collection(game_parts.get("leagues"), "league"):
                meta, _ = split_resource(league)
                leagues.append(league_from_meta(meta))
    return leagues


@_payload("a league")
def parse_league(body: Any) -> ParsedLeague:
    meta, _ = _league_resource(body)
    return league_from_meta(meta)


@_payload("league settings")
def parse_league_settings(body: Any) -> ParsedLeagueSettings:
    """`league/{key}/settings` or `league/{key};out=settings,…`."""
    _, subresources = _league_resource(body)
    return settings_from_dict(_settings_part(subresources))


@_payload("teams")
def parse_teams(body: Any) -> list[ParsedTeam]:
    """`league/{key}/teams`, `league/{key};out=teams,…` or a top-level `teams;team_keys=…`."""
    fantasy_content = content(body)
    if "league" in fantasy_content:
        _, subresources = split_resource(fantasy_content["league"])
        teams = subresources["teams"]
    else:
        teams = fantasy_content["teams"]
    return [team_from_resource(team) for team in collection(teams, "team")]


@_payload("team rosters")
def parse_team_rosters(body: Any) -> list[ParsedTeamRoster]:
    """`teams;team_keys=…/roster;week=W/players;out=percent_owned/stats;type=week;week=W` (a `teams`
    collection) or `team/{key}/roster…` (one `team`)."""
    fantasy_content = content(body)
    if "team" in fantasy_content:
        return [team_roster_from_resource(fantasy_content["team"])]
    return [
        team_roster_from_resource(team) for team in collection(fantasy_content["teams"], "team")
    ]


@_payload("a scoreboard")
def parse_scoreboard(body: Any) -> list[ParsedMatchup]:
    """`league/{key}/scoreboard;week=W`: `scoreboard["0"].matchups`, teams under `"0"`."""
    _, subresources = _league_resource(body)
    scoreboard = subresources["scoreboard"]
    matchups = collection(scoreboard["0"]["matchups"], "matchup") if "0" in scoreboard else []
    return [matchup_from_dict(matchup) for matchup in matchups]


def standing_from_resource(resource: list) -> ParsedTeamStanding | None:
    """A team with `team_standings` (`rank`, `playoff_seed`, `outcome_totals`, points), or
    None when the part is missing."""
    info, subresources = split_resource(resource)
    standing = subresources.get("team_standings")
    if not standing:
        return None
    totals = standing.get("outcome_totals") or {}
    return ParsedTeamStanding(
        team_key=str(info["team_key"]),
        rank=as_int(standing.get("rank")),
        playoff_seed=as_int(standing.get("playoff_seed")),
        wins=as_int(totals.get("wins")) or 0,
        losses=as_int(totals.get("losses")) or 0,
        ties=as_int(totals.get("ties")) or 0,
        points_for=_points(standing.get("points_for")),
        points_against=_points(standing.get("points_against")),
    )


def _points(value: Any) -> Decimal | None:
    """Fantasy points to the hundredth: Yahoo sends some as floats with binary noise."""
    points = as_decimal(value)
    return None if points is None else points.quantize(Decimal("0.01"))


@_payload("standings")
def parse_standings(body: Any) -> list[ParsedTeamStanding]:
    """`league/{key}/standings` or `league/{key};out=…,standings`: `standings` is a list holding
    one `{teams}`, each team `[ [info…], {team_points}, {team_standings} ]`. [] without it."""
    _, subresources = _league_resource(body)
    standings = subresources.get("standings")
    if not standings:
        return []
    part = standings[0] if isinstance(standings, list) else standings
    parsed = (standing_from_resource(team) for team in collection(part.get("teams"), "team"))
    return [standing for standing in parsed if standing is not None]


@_payload("team matchups")
def parse_team_matchups(body: Any) -> list[ParsedMatchup]:
    """`teams;team_keys=…/matchups` (or one `team/{key}/matchups`): each team's matchups of
    the season, future weeks `preevent`; a game appears once per team in it."""
    fantasy_content = content(body)
    if "team" in fantasy_content:
        teams = [fantasy_content["team"]]
    else:
        teams = collection(fantasy_content["teams"], "team")
    return [
        matchup_from_dict(matchup)
        for team in teams
        for matchup in collection(split_resource(team)[1].get("matchups"), "matchup")
    ]


def _player_resources(body: Any) -> list:
    """The player resources of a league's, a top-level or `users/…/leagues` players collection."""
    fantasy_content = content(body)
    if "league" in fantasy_content:
        _, subresources = split_resource(fantasy_content["league"])
        return collection(subresources["players"], "player")
    if "players" in fantasy_content:
        return collection(fantasy_content["players"], "player")
    players = []
    for user in collection(fantasy_content["users"], "user"):
        for game in collection(split_resource(user)[1].get("games"), "game"):
            for league in collection(split_resource(game)[1].get("leagues"), "league"):
                players += collection(split_resource(league)[1].get("players"), "player")
    return players


@_payload("players' season stats")
def parse_player_seasons(body: Any) -> list[ParsedPlayerSeason]:
    """`players;player_keys=…/stats;type=season;season=Y`: each player's season totals."""
    result = []
    for player in _player_resources(body):
        info, subresources = split_resource(player)
        player_stats = subresources.get("player_stats")
        stats = _stats(player_stats)
        games = stats.get(GAMES_PLAYED_STAT_ID)
        result.append(
            ParsedPlayerSeason(
                player=player_from_parts(info, subresources),
                season=_coverage(player_stats, "season"),
                stats=stats,
                games_played=int(games) if games is not None else None,
            )
        )
    return result


@_payload("players")
def parse_players(body: Any) -> list[ParsedPlayerWeek]:
    """`league/{key}/players;status=A;…/stats;type=week;week=W` (free agents), a top-level
    `players` collection, or the players of `users/…/leagues/players`."""
    result = []
    for player in _player_resources(body):
        info, subresources = split_resource(player)
        points = subresources.get("player_points")
        result.append(
            ParsedPlayerWeek(
                player=player_from_parts(info, subresources),
                week=_week(points) or _week(subresources.get("player_stats")),
                points=_total(points),
                stats=_stats(subresources.get("player_stats")),
            )
        )
    return result
