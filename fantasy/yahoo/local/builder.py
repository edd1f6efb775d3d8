"""Yahoo-shaped response bodies, written by us (the real samples stay in ../shared).

Describe a league in plain Python (`make_league(...)` gives a `LeagueSpec` you may edit: change a
player's status, move a player to the bench, set a matchup to postevent), then render the bodies
the client fetches. The renderers reproduce Yahoo's JSON quirks as the samples show them:
numeric-key collections with `count`, `[]` for an empty collection, resources as lists of parts
whose part 0 is a list of single-key dicts mixed with `[]`, numbers sometimes strings and
sometimes ints, booleans as 0/1/"1"/true, `logo_url: false`, week coverage nested under "0",
matchup teams under "0". `tests/fantasy/yahoo/test_builder.py` checks that skeleton against the
real samples.

Over 400 lines on purpose: one renderer per Yahoo resource, each with its quirks, all fed
by one league spec.

    league = make_league(num_teams=12, week=5)
    league.teams[0].players[0].status = "Q"                 # edit before or between calls
    add_league_week_responses(rsps, league)                 # rsps: a responses.RequestsMock
    YahooClient(token_provider=lambda force: "t", sleep=lambda s: None).league_week(league.key)

`make_league(idp=True)` adds IDP slots (DL, LB, DB), their scoring and defensive players as in
the real IDP sample. `league_week_routes` and `last_season_routes` map each resource the
client asks for to its body: `add_league_week_responses` and `add_last_season_responses` register
them with `responses`, fantasy/yahoo/local/stub.py serves them over HTTP.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings

COPYRIGHT = "Certain Data by Sportradar, Stats Perform and Rotowire"
PLAYOFF_START_WEEK = 15  # the settings' playoffs: the regular season is weeks 1-14

NFL_TEAMS = [
    ("Ari", "Arizona Cardinals", 8),
    ("Atl", "Atlanta Falcons", 5),
    ("Bal", "Baltimore Ravens", 7),
    ("Buf", "Buffalo Bills", 7),
    ("Car", "Carolina Panthers", 14),
    ("Chi", "Chicago Bears", 5),
    ("Cin", "Cincinnati Bengals", 10),
    ("Cle", "Cleveland Browns", 9),
    ("Dal", "Dallas Cowboys", 10),
    ("Den", "Denver Broncos", 12),
    ("Det", "Detroit Lions", 8),
    ("GB", "Green Bay Packers", 5),
    ("Hou", "Houston Texans", 6),
    ("Ind", "Indianapolis Colts", 11),
    ("Jax", "Jacksonville Jaguars", 8),
    ("KC", "Kansas City Chiefs", 10),
    ("LV", "Las Vegas Raiders", 8),
    ("LAC", "Los Angeles Chargers", 12),
    ("LAR", "Los Angeles Rams", 8),
    ("Mia", "Miami Dolphins", 12),
    ("Min", "Minnesota Vikings", 6),
    ("NE", "New England Patriots", 14),
    ("NO", "New Orleans Saints", 11),
    ("NYG", "New York Giants", 14),
    ("NYJ", "New York Jets", 9),
    ("Phi", "Philadelphia Eagles", 9),
    ("Pit", "Pittsburgh Steelers", 5),
    ("SF", "San Francisco 49ers", 14),
    ("Sea", "Seattle Seahawks", 8),
    ("TB", "Tampa Bay Buccaneers", 9),
    ("Ten", "Tennessee Titans", 10),
    ("Was", "Washington Commanders", 12),
]

# (position, position_type, count, is_starting) as in a 2025 standard league.
DEFAULT_ROSTER_POSITIONS = [
    ("QB", "O", 1, True), ("WR", "O", 3, True), ("RB", "O", 2, True), ("TE", "O", 1, True),
    ("W/R/T", "O", 1, True), ("K", "K", 1, True), ("DEF", "DT", 1, True),
    ("BN", None, 5, False), ("IR", None, 1, False),
]  # fmt: skip

DEFAULT_STAT_MODIFIERS = {
    "4": "0.04", "5": "4", "6": "-1", "9": "0.1", "10": "6", "11": "1", "12": "0.1", "13": "6",
    "18": "-2", "19": "3", "20": "3", "21": "3", "22": "4", "23": "5", "29": "1", "32": "1",
    "33": "2", "34": "2", "35": "6", "50": "10", "51": "7", "52": "4", "53": "1", "54": "0",
    "55": "-1", "56": "-4",
}  # fmt: skip
DEFAULT_BONUSES = {"4": [(300, "3")], "9": [(100, "3")], "12": [(100, "3")]}
# An IDP league's extra slots and scoring (a commissioner's choice; these are common values).
IDP_ROSTER_POSITIONS = [("DL", "DP", 1, True), ("LB", "DP", 1, True), ("DB", "DP", 1, True)]
IDP_STAT_MODIFIERS = {
    "38": "1", "39": "0.5", "40": "2", "41": "3", "42": "2", "43": "2", "44": "6", "46": "1",
}  # fmt: skip
STAT_NAMES = {
    "4": ("Passing Yards", "Pass Yds", "O"),
    "5": ("Passing Touchdowns", "Pass TD", "O"),
    "6": ("Interceptions", "Int", "O"),
    "9": ("Rushing Yards", "Rush Yds", "O"),
    "10": ("Rushing Touchdowns", "Rush TD", "O"),
    "11": ("Receptions", "Rec", "O"),
    "12": ("Receiving Yards", "Rec Yds", "O"),
    "13": ("Receiving Touchdowns", "Rec TD", "O"),
    "18": ("Fumbles Lost", "Fum Lost", "O"),
    "19": ("Field Goals 0-19 Yards", "FG 0-19", "K"),
    "20": ("Field Goals 20-29 Yards", "FG 20-29", "K"),
    "21": ("Field Goals 30-39 Yards", "FG 30-39", "K"),
    "22": ("Field Goals 40-49 Yards", "FG 40-49", "K"),
    "23": ("Field Goals 50+ Yards", "FG 50+", "K"),
    "29": ("Point After Attempt Made", "PAT Made", "K"),
    "32": ("Sack", "Sack", "DT"),
    "33": ("Interception", "Int", "DT"),
    "34": ("Fumble Recovery", "Fum Rec", "DT"),
    "35": ("Touchdown", "TD", "DT"),
    "50": ("Points Allowed 0 points", "Pts Allow 0", "DT"),
    "51": ("Points Allowed 1-6 points", "Pts Allow 1-6", "DT"),
    "52": ("Points Allowed 7-13 points", "Pts Allow 7-13", "DT"),
    "53": ("Points Allowed 14-20 points", "Pts Allow 14-20", "DT"),
    "54": ("Points Allowed 21-27 points", "Pts Allow 21-27", "DT"),
    "55": ("Points Allowed 28-34 points", "Pts Allow 28-34", "DT"),
    "56": ("Points Allowed 35+ points", "Pts Allow 35+", "DT"),
    # IDP, as game 406's stat_categories name them (xml/game in the samples)
    "38": ("Tackle Solo", "Tack Solo", "DP"),
    "39": ("Tackle Assist", "Tack Ast", "DP"),
    "40": ("Sack", "Sack", "DP"),
    "41": ("Interception", "Int", "DP"),
    "42": ("Fumble Force", "Fum Force", "DP"),
    "43": ("Fumble Recovery", "Fum Rec", "DP"),
    "44": ("Defensive Touchdown", "TD", "DP"),
    "46": ("Pass Defended", "Pass Def", "DP"),
}

ELIGIBLE = {
    "QB": ["QB"],
    "WR": ["WR", "W/R/T"],
    "RB": ["RB", "W/R/T"],
    "TE": ["TE", "W/R/T"],
    "K": ["K"],
    "DEF": ["DEF"],
    "DL": ["DL"],
    "LB": ["LB"],
    "DB": ["DB"],
}
POSITION_TYPE = {
    "QB": "O", "WR": "O", "RB": "O", "TE": "O", "K": "K", "DEF": "DT", "DL": "DP", "LB": "DP",
    "DB": "DP",
}  # fmt: skip
# Yahoo shows a defender's NFL position (DE, S) and files him under its IDP group (DL, DB).
DISPLAY_POSITION = {"DL": "DE", "DB": "S"}
# Each team's players, in roster order: the starting slot each one fills, then the bench.
ROSTER_TEMPLATE = [
    ("QB", "QB"), ("WR", "WR"), ("WR", "WR"), ("WR", "WR"), ("RB", "RB"), ("RB", "RB"),
    ("TE", "TE"), ("RB", "W/R/T"), ("K", "K"), ("DEF", "DEF"),
    ("QB", "BN"), ("WR", "BN"), ("RB", "BN"), ("TE", "BN"), ("WR", "BN"),
]  # fmt: skip
IDP_ROSTER_TEMPLATE = [("DL", "DL"), ("LB", "LB"), ("DB", "DB")]
STAT_IDS_BY_POSITION = {
    "QB": ["4", "5", "6", "9", "10", "18"],
    "WR": ["11", "12", "13", "18"],
    "RB": ["9", "10", "11", "12", "13", "18"],
    "TE": ["11", "12", "13"],
    "K": ["19", "20", "21", "22", "29"],
    "DEF": ["32", "33", "34", "35", "53"],
    "DL": ["38", "39", "40", "42"],
    "LB": ["38", "39", "40", "46"],
    "DB": ["38", "39", "41", "46"],
}


@dataclass
class PlayerSpec:
    player_id: int
    name: str
    position: str  # QB, WR, RB, TE, K, DEF, DL, LB, DB
    nfl_team: str = "KC"
    selected_position: str = "BN"
    is_editable: bool = True
    status: str | None = None  # "Q", "O", "IR", ...
    status_full: str | None = None
    injury_note: str | None = None
    points: Decimal = Decimal("0")
    stats: dict[str, str] = field(default_factory=dict)
    percent_owned: int = 50
    # Games the player played last season (his season line is his week line times that);
    # None: no line that season (a rookie), Yahoo's "-" for every stat.
    last_season_games: int | None = 15

    @property
    def team(self) -> tuple[str, str, int]:
        return next(team for team in NFL_TEAMS if team[0].upper() == self.nfl_team.upper())


@dataclass
class TeamSpec:
    team_id: int
    name: str
    manager_guid: str
    nickname: str
    players: list[PlayerSpec]
    faab_balance: int | None = 100
    waiver_priority: int = 1
    is_owned_by_current_login: bool = False
    logo_url: str | None = None


@dataclass
class MatchupSpec:
    team_ids: tuple[int, int]
    status: str = "midevent"  # preevent | midevent | postevent
    is_playoffs: bool = False
    is_consolation: bool = False
    projected: tuple[str, str] = ("110.50", "104.25")


@dataclass
class LeagueSpec:
    game_key: str
    league_id: int
    name: str
    season: int
    week: int  # the current week
    teams: list[TeamSpec]
    matchups: list[MatchupSpec]
    free_agents: list[PlayerSpec]
    start_week: int = 1
    end_week: int = 17
    scoring_type: str = "head"
    uses_faab: bool = True
    waiver_type: str = "FR"
    roster_positions: list[tuple] = field(default_factory=lambda: list(DEFAULT_ROSTER_POSITIONS))
    stat_modifiers: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STAT_MODIFIERS))
    bonuses: dict[str, list[tuple]] = field(default_factory=lambda: dict(DEFAULT_BONUSES))
    is_finished: bool = False

    @property
    def key(self) -> str:
        return f"{self.game_key}.l.{self.league_id}"

    def team_key(self, team: TeamSpec) -> str:
        return f"{self.key}.t.{team.team_id}"

    def player_key(self, player: PlayerSpec) -> str:
        return f"{self.game_key}.p.{player.player_id}"

    def team(self, team_id: int) -> TeamSpec:
        return next(team for team in self.teams if team.team_id == team_id)


# A plausible week line per stat (yards, touchdowns, sacks...), varied per player below.
TYPICAL_WEEK_STATS = {
    "4": 220, "5": 1, "6": 0, "9": 30, "10": 0, "11": 4, "12": 45, "13": 0, "18": 0, "19": 0,
    "20": 1, "21": 1, "22": 0, "29": 2, "32": 2, "33": 1, "34": 0, "35": 0, "53": 1, "38": 4,
    "39": 2, "40": 0, "41": 0, "42": 0, "46": 1,
}  # fmt: skip
POINTS_PER_STAT = {**DEFAULT_STAT_MODIFIERS, **IDP_STAT_MODIFIERS}


def _player_stats(position: str, seed: int) -> tuple[dict[str, str], Decimal]:
    stats = {}
    for index, stat_id in enumerate(STAT_IDS_BY_POSITION[position]):
        typical = TYPICAL_WEEK_STATS[stat_id]
        stats[stat_id] = str(typical + (seed * 7 + index * 3) % (typical // 2 + 2))
    points = sum(
        (Decimal(value) * Decimal(POINTS_PER_STAT[stat_id]) for stat_id, value in stats.items()),
        Decimal("0"),
    )
    return stats, points.quantize(Decimal("0.01"))


def make_player(player_id: int, position: str, *, selected_position: str = "BN") -> PlayerSpec:
    if position == "DEF":
        player_id = 100_000 + player_id % 32 + 1  # Yahoo numbers defences from 100001
        abbr, full, _ = NFL_TEAMS[player_id - 100_001]
        name = full.rsplit(" ", 1)[0]
    else:
        abbr = NFL_TEAMS[player_id % 32][0]
        name = f"{position} Player {player_id}"
    stats, points = _player_stats(position, player_id)
    return PlayerSpec(
        player_id=player_id,
        name=name,
        position=position,
        nfl_team=abbr,
        selected_position=selected_position,
        points=points,
        stats=stats,
        percent_owned=(player_id * 13) % 100,
    )


def make_league(
    *,
    num_teams: int = 12,
    week: int = 5,
    game_key: str = "461",
    league_id: int = 595012,
    season: int = 2025,
    free_agents: int = 25,
    matchup_status: str = "midevent",
    owned_team_id: int = 1,
    idp: bool = False,
    first_player_id: int = 30000,
) -> LeagueSpec:
    """A league with `num_teams` teams of 15 players (18 with `idp`), paired matchups and free
    agents (of the rostered positions).

    Player ids are unique across the league, from `first_player_id` (leagues built with ids far
    enough apart share no player but their defences); defences get distinct ids from 100001
    while they last (32 NFL defences), so keep num_teams + defences among free agents ≤ 32.
    """
    template = ROSTER_TEMPLATE + (IDP_ROSTER_TEMPLATE if idp else [])
    teams = []
    next_id = first_player_id
    for team_id in range(1, num_teams + 1):
        players = []
        for position, slot in template:
            if position == "DEF":
                players.append(make_player(team_id - 1, "DEF", selected_position=slot))
                continue
            players.append(make_player(next_id, position, selected_position=slot))
            next_id += 1
        teams.append(
            TeamSpec(
                team_id=team_id,
                name=f"Team {team_id}",
                manager_guid=f"GUID{team_id:02d}ABCDEFGHIJKLMNOPQRSTUV"[:26],
                nickname=f"Manager {team_id}",
                players=players,
                faab_balance=100 - team_id,
                waiver_priority=num_teams + 1 - team_id,
                is_owned_by_current_login=team_id == owned_team_id,
            )
        )
    matchups = [
        MatchupSpec(team_ids=(team_id, team_id + 1), status=matchup_status)
        for team_id in range(1, num_teams, 2)
    ]
    pool = [position for position, _ in template if position != "DEF"]
    agents = []
    first_agent_id = next_id
    for index in range(free_agents):
        if index % 8 == 7 and num_teams + index // 8 < 32:
            agents.append(make_player(num_teams + index // 8, "DEF"))
        else:  # the pool's positions in turn
            agents.append(make_player(next_id, pool[(next_id - first_agent_id) % len(pool)]))
            next_id += 1
    league = LeagueSpec(
        game_key=game_key,
        league_id=league_id,
        name="Builder League",
        season=season,
        week=week,
        teams=teams,
        matchups=matchups,
        free_agents=agents,
    )
    if idp:
        bench = league.roster_positions.index(("BN", None, 5, False))
        league.roster_positions[bench:bench] = IDP_ROSTER_POSITIONS
        league.stat_modifiers.update(IDP_STAT_MODIFIERS)
    return league


# --- rendering: Yahoo's nesting and spellings ----------------------------------------------


def envelope(uri: str, **resource) -> dict:
    return {
        "fantasy_content": {
            "xml:lang": "en-US",
            "yahoo:uri": f"/fantasy/v2/{uri}",
            **resource,
            "time": "61.2ms",
            "copyright": COPYRIGHT,
            "refresh_rate": "60",
        }
    }


def collection(name: str, items: list) -> dict | list:
    """`{"0": {name: item}, …, "count": N}`, or `[]` when empty (as Yahoo does)."""
    if not items:
        return []
    body: dict = {str(index): {name: item} for index, item in enumerate(items)}
    body["count"] = len(items)
    return body


def league_meta(league: LeagueSpec) -> dict:
    return {
        "league_key": league.key,
        "league_id": str(league.league_id),
        "name": league.name,
        "url": f"https://football.fantasysports.yahoo.com/f1/{league.league_id}",
        "logo_url": False,
        "draft_status": "postdraft",
        "num_teams": len(league.teams),
        "edit_key": str(league.week),
        "weekly_deadline": "",
        "league_update_timestamp": "1757280935",
        "scoring_type": league.scoring_type,
        "league_type": "private",
        "renew": "449_71785",
        "renewed": "",
        "felo_tier": "silver",
        "iris_group_chat_id": "",
        "allow_add_to_dl_extra_pos": 0,
        "is_pro_league": "0",
        "is_cash_league": "0",
        "current_week": str(league.week),  # a string here, an int in other responses
        "start_week": str(league.start_week),
        "start_date": f"{league.season}-09-04",
        "end_week": str(league.end_week),
        "end_date": f"{league.season + 1}-01-05",
        "is_finished": 1 if league.is_finished else 0,
        "is_plus_league": "0",
        "game_code": "nfl",
        "season": str(league.season),
    }


def settings_part(league: LeagueSpec) -> dict:
    roster_positions = []
    for position, position_type, count, is_starting in league.roster_positions:
        slot: dict = {"position": position}
        if position_type:
            slot["position_type"] = position_type
        slot["count"] = str(count) if position == "IR" else count  # IR's count is a string
        slot["is_starting_position"] = 1 if is_starting else 0
        roster_positions.append({"roster_position": slot})

    def modifier(stat_id: str, value: str) -> dict:
        stat: dict = {"stat_id": int(stat_id), "value": value}
        if stat_id in league.bonuses:
            stat["bonuses"] = [
                {"bonus": {"target": target, "points": points}}
                for target, points in league.bonuses[stat_id]
            ]
        return {"stat": stat}

    categories = []
    for stat_id in league.stat_modifiers:
        name, display_name, position_type = STAT_NAMES[stat_id]
        categories.append(
            {
                "stat": {
                    "stat_id": int(stat_id),
                    "enabled": "1",
                    "name": name,
                    "display_name": display_name,
                    "sort_order": "1",
                    "position_type": position_type,
                    "stat_position_types": [
                        {"stat_position_type": {"position_type": position_type}}
                    ],
                }
            }
        )
    return {
        "settings": [
            {
                "draft_type": "live",
                "is_auction_draft": "0",
                "scoring_type": league.scoring_type,
                "uses_playoff": "1",
                "has_playoff_consolation_games": True,
                "playoff_start_week": str(PLAYOFF_START_WEEK),
                "uses_playoff_reseeding": 0,
                "uses_lock_eliminated_teams": 0,
                "num_playoff_teams": "6",
                "num_playoff_consolation_teams": 6,
                "has_multiweek_championship": 0,
                "waiver_type": league.waiver_type,
                "waiver_rule": "gametime",
                "uses_faab": "1" if league.uses_faab else "0",
                "draft_time": "1661908500",
                "draft_pick_time": "90",
                "post_draft_players": "W",
                "max_teams": str(len(league.teams)),
                "waiver_time": "2",
                "trade_end_date": f"{league.season}-11-19",
                "trade_ratify_type": "none",
                "trade_reject_time": "0",
                "player_pool": "ALL",
                "cant_cut_list": "none",
                "draft_together": 0,
                "roster_positions": roster_positions,
                "stat_categories": {"stats": categories},
                "stat_modifiers": {
                    "stats": [modifier(sid, value) for sid, value in league.stat_modifiers.items()]
                },
                "pickem_enabled": "",
                "uses_fractional_points": "1",
                "uses_negative_points": "1",
            }
        ]
    }


def team_info(league: LeagueSpec, team: TeamSpec) -> list:
    info: list = [
        {"team_key": league.team_key(team)},
        {"team_id": str(team.team_id)},
        {"name": team.name},
        {"is_owned_by_current_login": 1} if team.is_owned_by_current_login else [],
        {"url": f"https://football.fantasysports.yahoo.com/f1/{league.league_id}/{team.team_id}"},
        {
            "team_logos": [
                {
                    "team_logo": {
                        "size": "large",
                        "url": team.logo_url
                        or "https://s.yimg.com/cv/apiv2/default/nfl/nfl_6_b.png",
                    }
                }
            ]
        },
        [],
        {"waiver_priority": team.waiver_priority},
    ]
    if team.faab_balance is not None:
        info.append({"faab_balance": str(team.faab_balance)})
    info += [
        {"number_of_moves": 14},
        {"number_of_trades": 0},
        {"roster_adds": {"coverage_type": "week", "coverage_value": league.week, "value": "0"}},
        [],
        {"league_scoring_type": league.scoring_type},
        [],
        [],
        {"has_draft_grade": 0},
        [],
        [],
        {
            "managers": [
                {
                    "manager": {
                        "manager_id": str(team.team_id),
                        "nickname": team.nickname,
                        "guid": team.manager_guid,
                        "image_url": "https://s.yimg.com/ag/images/default_user_profile_pic_64sq.jpg",
                        "felo_score": "650",
                        "felo_tier": "silver",
                    }
                }
            ]
        },
    ]
    return info


def player_info(league: LeagueSpec, player: PlayerSpec) -> list:
    abbr, full_name, bye = player.team
    first, _, last = player.name.partition(" ")
    info: list = [
        {"player_key": league.player_key(player)},
        {"player_id": str(player.player_id)},
        {
            "name": {
                "full": player.name,
                "first": first,
                "last": last,
                "ascii_first": first,
                "ascii_last": last,
            }
        },
        {"url": f"https://sports.yahoo.com/nfl/players/{player.player_id}"},
        {"editorial_player_key": f"nfl.p.{player.player_id}"},
        {"editorial_team_key": f"nfl.t.{NFL_TEAMS.index(player.team) + 1}"},
        {"editorial_team_full_name": full_name},
        {"editorial_team_abbr": abbr},
        {"editorial_team_url": "https://sports.yahoo.com/nfl/teams/"},
        {"bye_weeks": {"week": str(bye)}},
        {"is_keeper": {"status": False, "cost": False, "kept": False}},
        {"uniform_number": "" if player.position == "DEF" else "12"},
        {"display_position": DISPLAY_POSITION.get(player.position, player.position)},
        {
            "headshot": {"url": f"https://s.yimg.com/{player.player_id}.png", "size": "small"},
            "image_url": f"https://s.yimg.com/{player.player_id}.png",
        },
        {"is_undroppable": "0"},
        {"position_type": POSITION_TYPE[player.position]},
        {"primary_position": player.position},
        {"eligible_positions": [{"position": slot} for slot in ELIGIBLE[player.position]]},
        {"eligible_positions_to_add": []},
        [],
        [],
        {"has_player_notes": 1},
        {"player_notes_last_timestamp": 1757280935},
    ]
    if player.status:
        # Where Yahoo puts injury fields: right after the player's url.
        injury = {"status": player.status, "status_full": player.status_full or player.status}
        note = [{"injury_note": player.injury_note}] if player.injury_note else []
        info[4:4] = [injury, *note]
    return info


def _week_stats(player: PlayerSpec, week: int) -> dict:
    coverage = {"coverage_type": "week", "week": str(week)}
    return {
        "player_stats": {
            "0": coverage,
            "stats": [{"stat": {"stat_id": sid, "value": v}} for sid, v in player.stats.items()],
        },
        "player_points": {"0": dict(coverage), "total": str(player.points)},
    }


def roster_player(league: LeagueSpec, player: PlayerSpec, week: int) -> list:
    return [
        player_info(league, player),
        {
            "selected_position": [
                {"coverage_type": "week", "week": str(week)},
                {"position": player.selected_position},
                {"is_flex": 1 if "/" in player.selected_position else 0},
            ]
        },
        {"is_editable": 1 if player.is_editable else 0},
        _percent_owned(player, week),
        _week_stats(player, week),
    ]


def free_agent_player(league: LeagueSpec, player: PlayerSpec, week: int) -> list:
    return [player_info(league, player), _percent_owned(player, week), _week_stats(player, week)]


def _percent_owned(player: PlayerSpec, week: int) -> dict:
    """`out=percent_owned`: a number week, as in both real samples (unlike the stats' string)."""
    return {
        "percent_owned": [
            {"coverage_type": "week", "week": week},
            {"value": player.percent_owned},
            {"delta": "0"},
        ]
    }


def season_player(league: LeagueSpec, player: PlayerSpec, season: int) -> list:
    """A player with his season totals (`players;player_keys=…/stats;type=season;season=Y`)."""
    games = player.last_season_games
    stats = {"0": str(games) if games is not None else "-"}
    for stat_id, value in player.stats.items():
        stats[stat_id] = str(int(value) * games) if games is not None else "-"
    return [
        player_info(league, player),
        {
            "player_stats": {
                "0": {"coverage_type": "season", "season": str(season)},
                "stats": [{"stat": {"stat_id": sid, "value": v}} for sid, v in stats.items()],
            }
        },
    ]


def _team_points(team: TeamSpec) -> Decimal:
    return sum(
        (p.points for p in team.players if p.selected_position not in ("BN", "IR")),
        Decimal("0"),
    )


# --- OAuth and the signed-in user ---------------------------------------------------------


def token_body(
    *,
    access_token: str = "yahoo-access-token-AAA",
    refresh_token: str | None = "yahoo-refresh-token-BBB",
    guid: str = "GUIDTESTUSER0001",
    expires_in: int = 3600,
) -> dict:
    """`get_token`'s answer (keys as in shared/yahoo-samples/oauth/token_response_template)."""
    body = {
        "access_token": access_token,
        "refresh_token": refresh_token,
        "expires_in": expires_in,
        "token_type": "bearer",
        "xoauth_yahoo_guid": guid,
    }
    if refresh_token is None:
        del body["refresh_token"]
    return body


def profile_body(*, guid: str = "GUIDTESTUSER0001", display_name: str = "Kenneth") -> dict:
    """`users;use_login=1;out=profile` in Yahoo's JSON nesting (numbered dicts, part lists)."""
    return {
        "fantasy_content": {
            "users": {
                "0": {
                    "user": [
                        [{"guid": guid}],
                        {
                            "profile": {
                                "display_name": display_name,
                                "image_url": "https://s.yimg.com/ag/images/k_64sq.jpg",
                                "unique_username": "kenneth-G7BP4",
                            }
                        },
                    ]
                },
                "count": 1,
            }
        }
    }


# --- bodies, one per call of YahooClient.league_week / user_leagues -------------------------


def users_leagues_body(leagues: list[LeagueSpec], *, guid: str = "GUID01ABCDEFGHIJKLMNOPQRST"):
    """`users;use_login=1/games;game_keys=nfl/leagues`."""
    game_key = leagues[0].game_key if leagues else "461"
    season = leagues[0].season if leagues else 2025
    game = [
        {
            "game_key": game_key,
            "game_id": game_key,
            "name": "Football",
            "code": "nfl",
            "type": "full",
            "url": "https://football.fantasysports.yahoo.com/f1",
            "season": str(season),
            "is_registration_over": 1,
            "is_game_over": 0,
            "is_offseason": 0,
        },
        {"leagues": collection("league", [[league_meta(league)] for league in leagues])},
    ]
    user = [{"guid": guid}, {"games": collection("game", [game])}]
    return envelope(
        "users;use_login=1/games;game_keys=nfl/leagues", users=collection("user", [user])
    )


def league_settings_teams_body(league: LeagueSpec) -> dict:
    """`league/{key};out=settings,teams,standings`."""
    teams = [[team_info(league, team)] for team in league.teams]
    return envelope(
        f"league/{league.key};out=settings,teams,standings",
        league=[
            league_meta(league),
            settings_part(league),
            {"teams": collection("team", teams)},
            standings_part(league),
        ],
    )


def teams_rosters_body(league: LeagueSpec, team_keys: list[str], week: int) -> dict:
    """`teams;team_keys=…/roster;week=W/players;out=percent_owned/stats;type=week;week=W`."""
    by_key = {league.team_key(team): team for team in league.teams}
    teams = []
    for team_key in team_keys:
        team = by_key[team_key]
        players = [roster_player(league, player, week) for player in team.players]
        roster = {
            "coverage_type": "week",
            "week": str(week),
            "is_prescoring": 0,
            "is_editable": 1 if any(p.is_editable for p in team.players) else 0,
            "0": {"players": collection("player", players)},
        }
        teams.append([team_info(league, team), {"roster": roster}])
    uri = f"teams;team_keys={','.join(team_keys)}/roster;week={week}"
    return envelope(
        f"{uri}/players;out=percent_owned/stats;type=week;week={week}",
        teams=collection("team", teams),
    )


def matchup_body(league: LeagueSpec, spec: MatchupSpec, week: int) -> dict:
    """One `matchup` of a scoreboard or of a team's matchups."""
    pair = [league.team(team_id) for team_id in spec.team_ids]
    scores = [_team_points(team) if spec.status != "preevent" else Decimal("0") for team in pair]
    teams = []
    for team, score, projected in zip(pair, scores, spec.projected, strict=True):
        points = {
            "team_points": {
                "coverage_type": "week",
                "week": str(week),
                "total": f"{score:.2f}",
            },
            "team_projected_points": {
                "coverage_type": "week",
                "week": str(week),
                "total": projected,
            },
        }
        if spec.status == "postevent":  # the recorded JSON has it (0/1) for finished weeks
            points = {"win_probability": 1 if score == max(scores) else 0, **points}
        teams.append([team_info(league, team), points])
    matchup: dict = {
        "week": str(week),
        "week_start": f"{league.season}-10-02",
        "week_end": f"{league.season}-10-06",
        "status": spec.status,
        "is_playoffs": "1" if spec.is_playoffs else "0",
        "is_consolation": "1" if spec.is_consolation else "0",
    }
    if spec.status == "postevent":
        tied = scores[0] == scores[1]
        matchup["is_tied"] = 1 if tied else 0
        if not tied:
            winner = pair[scores.index(max(scores))]
            matchup["winner_team_key"] = league.team_key(winner)
    matchup["0"] = {"teams": collection("team", teams)}
    return matchup


def scoreboard_body(league: LeagueSpec, week: int) -> dict:
    """`league/{key}/scoreboard;week=W`."""
    matchups = [matchup_body(league, spec, week) for spec in league.matchups]
    scoreboard = {"week": str(week), "0": {"matchups": collection("matchup", matchups)}}
    return envelope(
        f"league/{league.key}/scoreboard;week={week}",
        league=[league_meta(league), {"scoreboard": scoreboard}],
    )


def team_matchups_body(league: LeagueSpec, team_keys: list[str]) -> dict:
    """`teams;team_keys=…/matchups`: each team's regular season (weeks before the playoffs'
    week 15), the current week's pairs every week: played before it, not yet after it."""
    teams = []
    for team_key in team_keys:
        team = next(t for t in league.teams if league.team_key(t) == team_key)
        matchups = []
        for week in range(league.start_week, PLAYOFF_START_WEEK):
            for spec in league.matchups:
                if team.team_id not in spec.team_ids:
                    continue
                status = spec.status
                if week != league.week:
                    status = "postevent" if week < league.week else "preevent"
                matchups.append(matchup_body(league, replace(spec, status=status), week))
        teams.append([team_info(league, team), {"matchups": collection("matchup", matchups)}])
    return envelope(
        f"teams;team_keys={','.join(team_keys)}/matchups", teams=collection("team", teams)
    )


def standings_part(league: LeagueSpec) -> dict:
    """`standings` of `league/{key};out=…,standings`: Yahoo's mixed string/number types."""
    teams = []
    for rank, team in enumerate(league.teams, start=1):
        standing = {
            "rank": str(rank),
            "playoff_seed": str(rank) if rank <= 6 else "",
            "outcome_totals": {"wins": str(len(league.teams) - rank), "losses": rank, "ties": 0},
            "points_for": f"{500 - rank:.2f}",
            "points_against": 400.5 + rank,
        }
        teams.append([team_info(league, team), {"team_standings": standing}])
    return {"standings": [{"teams": collection("team", teams)}]}


def free_agents_body(league: LeagueSpec, *, start: int, week: int, count: int = 25) -> dict:
    """`league/{key}/players;status=A;start=S;count=25;out=percent_owned/stats;type=week;week=W`."""
    page = league.free_agents[start : start + count]
    players = [free_agent_player(league, player, week) for player in page]
    return envelope(
        f"league/{league.key}/players;status=A;start={start};count={count}",
        league=[league_meta(league), {"players": collection("player", players)}],
    )


def players_season_body(league: LeagueSpec, player_keys: list[str], season: int) -> dict:
    """`players;player_keys=…/stats;type=season;season=Y` (players of the league only)."""
    everyone = [p for team in league.teams for p in team.players] + league.free_agents
    by_key = {league.player_key(player): player for player in everyone}
    players = [season_player(league, by_key[key], season) for key in player_keys if key in by_key]
    return envelope(
        f"players;player_keys={','.join(player_keys)}/stats;type=season;season={season}",
        players=collection("player", players),
    )


Route = tuple[re.Pattern, Callable[[re.Match], dict]]


def league_week_routes(league: LeagueSpec) -> list[Route]:
    """(resource pattern, body of a match) for every call of `YahooClient.league_week`.

    A resource is the path after `YAHOO_API_URL/`, without the query; bodies are rendered when
    requested, so edits to `league` after this call are served.
    """
    key = re.escape(league.key)
    team_keys = rf"{key}\.t\.\d+(?:,{key}\.t\.\d+)*"
    return [
        (
            re.compile(rf"league/{key};out=settings,teams,standings"),
            lambda match: league_settings_teams_body(league),
        ),
        (
            re.compile(
                rf"teams;team_keys=({team_keys})/roster;week=(\d+)"
                r"/players;out=percent_owned/stats;type=week;week=\2"
            ),
            lambda match: teams_rosters_body(league, match[1].split(","), int(match[2])),
        ),
        (
            re.compile(rf"league/{key}/scoreboard;week=(\d+)"),
            lambda match: scoreboard_body(league, int(match[1])),
        ),
        (
            re.compile(
                rf"league/{key}/players;status=A;start=(\d+);count=(\d+);out=percent_owned"
                r"/stats;type=week;week=(\d+)"
            ),
            lambda match: free_agents_body(
                league, start=int(match[1]), count=int(match[2]), week=int(match[3])
            ),
        ),
    ]


def league_schedule_routes(league: LeagueSpec) -> list[Route]:
    """The route of `YahooClient.league_schedule`, which a league's first sync asks for."""
    key = re.escape(league.key)
    return [
        (
            re.compile(rf"teams;team_keys=({key}\.t\.\d+(?:,{key}\.t\.\d+)*)/matchups"),
            lambda match: team_matchups_body(league, match[1].split(",")),
        )
    ]


def last_season_routes(league: LeagueSpec) -> list[Route]:
    """The route of the last-season stats a league's first sync asks for
    (`YahooClient.players_season_stats`: keys of the league's current game)."""
    key = rf"{re.escape(league.game_key)}\.p\.\d+"
    return [
        (
            re.compile(rf"players;player_keys=({key}(?:,{key})*)/stats;type=season;season=(\d+)"),
            lambda match: players_season_body(league, match[1].split(","), int(match[2])),
        )
    ]


def add_league_week_responses(rsps, league: LeagueSpec, *, schedule: bool = True) -> None:
    """Register with a `responses` mock every body `YahooClient.league_week` asks for, and
    the season's schedule a first sync fetches unless `schedule` is False."""
    _add_routes(rsps, league_week_routes(league))
    if schedule:
        add_league_schedule_responses(rsps, league)


def add_league_schedule_responses(rsps, league: LeagueSpec) -> None:
    """Register the body of `YahooClient.league_schedule` (`teams;team_keys=…/matchups`)."""
    _add_routes(rsps, league_schedule_routes(league))


def add_last_season_responses(rsps, league: LeagueSpec) -> None:
    """Register the last-season stats a league's first sync asks for."""
    _add_routes(rsps, last_season_routes(league))


def _add_routes(rsps, routes: list[Route]) -> None:
    base = re.escape(settings.YAHOO_API_URL)
    for pattern, render in routes:

        def reply(request, pattern=pattern, render=render):
            resource = request.url.removeprefix(f"{settings.YAHOO_API_URL}/").split("?")[0]
            return 200, {}, json.dumps(render(pattern.fullmatch(resource)))

        rsps.add_callback("GET", re.compile(rf"{base}/(?:{pattern.pattern})\?"), callback=reply)
