"""The demo league's fixed facts: its keys and size, Yahoo's usual roster and scoring, the
NFL's team codes and the names it gives players and fantasy teams."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from insights.scoring import LeagueScoring

DEFAULT_SEED = 2024
DEFAULT_TEAMS = 12
DEFAULT_CURRENT_WEEK = 9  # mid-season: weeks 1-8 played, week 9 about to kick off
SEASON = 2024
GAME_KEY = "449"
LEAGUE_KEY = f"{GAME_KEY}.l.90210"
LEAGUE_NAME = "Fantasy Edge Demo League"
IDP_LEAGUE_KEY = f"{GAME_KEY}.l.90211"  # the demo user's second league: superflex and IDP
IDP_LEAGUE_NAME = "Fantasy Edge Demo Superflex IDP"
DEMO_MANAGER_GUID = "DEMOMANAGER0000000000000001"
DEMO_TEAM_NUMBER = 1  # the demo user's team: "449.l.90210.t.1"
LEAGUE_END_WEEK = 17  # the demo league plays weeks 1-17, as Yahoo NFL leagues usually do
PLAYOFF_START_WEEK = 15
DEMO_PLAYOFF_TEAMS = 6  # Yahoo's usual bracket for 12 teams: seeds 1-2 get a bye
FAAB_BUDGET = 100
FREE_AGENT_PAGE_SIZE = 25  # Yahoo's page of free agents
PLAYER_ID_BASE = 90000
DEMO_PLAYER_ID_PATTERN = r"^9[0-9]{4}$"  # 90001-99999: the demo's players but team defences
SEASON_START = dt.date(2024, 9, 5)  # the Thursday of week 1
EASTERN = ZoneInfo("America/New_York")

# Yahoo's roster order; (position, count, position_type).
ROSTER_POSITIONS = (
    ("QB", 1, "O"),
    ("WR", 2, "O"),
    ("RB", 2, "O"),
    ("TE", 1, "O"),
    ("W/R/T", 1, None),
    ("K", 1, "K"),
    ("DEF", 1, "DT"),
    ("BN", 6, None),
    ("IR", 1, None),
)
# A superflex, IDP league: a second quarterback may start, and individual defenders replace
# the team defence (Yahoo's DL, LB, DB slots and "D", its IDP flex).
IDP_ROSTER_POSITIONS = (
    ("QB", 1, "O"),
    ("WR", 2, "O"),
    ("RB", 2, "O"),
    ("TE", 1, "O"),
    ("W/R/T", 1, None),
    ("Q/W/R/T", 1, None),
    ("K", 1, "K"),
    ("DL", 2, "DP"),
    ("LB", 2, "DP"),
    ("DB", 2, "DP"),
    ("D", 1, "DP"),
    ("BN", 6, None),
    ("IR", 1, None),
)
IDP_POSITIONS = ("DL", "LB", "DB")  # individual defensive players, as the 2023 file groups them
# What each flex slot accepts (Yahoo lists the slot among an eligible player's positions).
FLEX_ACCEPTS = {
    "W/R/T": ("RB", "WR", "TE"),
    "Q/W/R/T": ("QB", "RB", "WR", "TE"),
    "D": IDP_POSITIONS,
}
POSITION_TYPES = {"QB": "O", "RB": "O", "WR": "O", "TE": "O", "K": "K", "DEF": "DT"}
POSITION_TYPES |= {"DL": "DP", "LB": "DP", "DB": "DP"}
# Draft: most of each position a manager takes, and the fewest he must have.
DRAFT_MAX = {"QB": 2, "RB": 5, "WR": 6, "TE": 2, "K": 1, "DEF": 1}
DRAFT_MIN = {"QB": 1, "RB": 2, "WR": 2, "TE": 1, "K": 1, "DEF": 1}
IDP_DRAFT_MAX = {"QB": 3, "RB": 5, "WR": 5, "TE": 2, "K": 1, "DL": 3, "LB": 3, "DB": 3}
IDP_DRAFT_MIN = {"QB": 2, "RB": 2, "WR": 2, "TE": 1, "K": 1, "DL": 2, "LB": 3, "DB": 2}
KICKERS_AND_DEFENCES_FROM_ROUND = 13
DEFENDERS_FROM_ROUND = 9  # managers take individual defenders late
STATUS_PLAYS = {"Q": 0.85, "D": 0.3}  # what a status does to a manager's expectation
IR_AFTER_WEEKS_OUT = 4
# Last season (the prior of week 1): a player's per-game line moves by this lognormal spread
# from one year to the next, and this share of backups are rookies with no line at all.
LAST_SEASON_CHANGE = 0.2
LAST_SEASON_ROOKIE_SHARE = 0.3  # an outage this long is listed "IR"
# How deep Yahoo-wide ownership reaches at each position (percent owned = 100·e^(-rank/depth)).
OWNERSHIP_DEPTH = {"QB": 14.0, "RB": 32.0, "WR": 45.0, "TE": 12.0, "K": 12.0, "DEF": 12.0}
OWNERSHIP_DEPTH |= {"DL": 10.0, "LB": 12.0, "DB": 12.0}  # few Yahoo leagues roster IDP
INJURY_NOTES = ("Hamstring", "Ankle", "Knee", "Concussion", "Shoulder", "Groin", "Calf", "Back")
# Yahoo's player ids of the team defences (100000 + Yahoo's NFL team id).
DEFENCE_IDS = {
    **{"ATL": 1, "BUF": 2, "CHI": 3, "CIN": 4, "CLE": 5, "DAL": 6, "DEN": 7, "DET": 8},
    **{"GB": 9, "TEN": 10, "IND": 11, "KC": 12, "LV": 13, "LAR": 14, "MIA": 15, "MIN": 16},
    **{"NE": 17, "NO": 18, "NYG": 19, "NYJ": 20, "PHI": 21, "ARI": 22, "PIT": 23, "LAC": 24},
    **{"SF": 25, "SEA": 26, "TB": 27, "WAS": 28, "CAR": 29, "JAX": 30, "BAL": 33, "HOU": 34},
}
TEAM_NAMES = {
    **{"ARI": "Arizona Cardinals", "ATL": "Atlanta Falcons", "BAL": "Baltimore Ravens"},
    **{"BUF": "Buffalo Bills", "CAR": "Carolina Panthers", "CHI": "Chicago Bears"},
    **{"CIN": "Cincinnati Bengals", "CLE": "Cleveland Browns", "DAL": "Dallas Cowboys"},
    **{"DEN": "Denver Broncos", "DET": "Detroit Lions", "GB": "Green Bay Packers"},
    **{"HOU": "Houston Texans", "IND": "Indianapolis Colts", "JAX": "Jacksonville Jaguars"},
    **{"KC": "Kansas City Chiefs", "LAC": "Los Angeles Chargers", "LAR": "Los Angeles Rams"},
    **{"LV": "Las Vegas Raiders", "MIA": "Miami Dolphins", "MIN": "Minnesota Vikings"},
    **{"NE": "New England Patriots", "NO": "New Orleans Saints", "NYG": "New York Giants"},
    **{"NYJ": "New York Jets", "PHI": "Philadelphia Eagles", "PIT": "Pittsburgh Steelers"},
    **{"SEA": "Seattle Seahawks", "SF": "San Francisco 49ers", "TB": "Tampa Bay Buccaneers"},
    **{"TEN": "Tennessee Titans", "WAS": "Washington Commanders"},
}
FANTASY_TEAM_NAMES = (
    "Edge Lords",
    "Waiver Wire Wizards",
    "Fourth and Long",
    "The Bye Week Blues",
    "Gridiron Gurus",
    "Red Zone Rebels",
    "Flex Appeal",
    "Hail Mary Heroes",
    "Blitz Brigade",
    "Pylon Pushers",
    "Two-Point Conversion",
    "Sunday Scaries",
    "Play Action Pack",
    "Goal Line Stand",
    "Nickel Package",
    "Audible Alert",
)
FIRST_NAMES = (
    *("Aaron", "Andre", "Bryce", "Caleb", "Cam", "Chase", "Cole", "Dante", "Darius", "Derek"),
    *("Devin", "Dion", "Eli", "Evan", "Gabe", "Isaiah", "Jalen", "Jamal", "Jaylen", "Josh"),
    *("Justin", "Kenny", "Kyle", "Lamar", "Malik", "Marcus", "Mason", "Micah", "Nate", "Nico"),
    *("Omar", "Quinn", "Reggie", "Rashad", "Ty", "Trey", "Tyler", "Xavier", "Zach", "Zion"),
)
LAST_NAMES = (
    *("Adams", "Allen", "Bailey", "Banks", "Bell", "Brooks", "Carter", "Coleman", "Cooper"),
    *("Davis", "Dixon", "Ellis", "Fields", "Ford", "Foster", "Gibson", "Grant", "Greene"),
    *("Hayes", "Henderson", "Hill", "Hughes", "Jackson", "James", "Jenkins", "Johnson", "Jones"),
    *("King", "Lewis", "Marshall", "Mitchell", "Moore", "Morgan", "Murray", "Nelson", "Owens"),
    *("Parker", "Price", "Reed", "Robinson", "Sanders", "Simmons", "Stewart", "Taylor"),
    *("Thomas", "Turner", "Walker", "Washington", "Watson", "Williams", "Wright", "Young"),
)
STAT_CATEGORIES = {
    **{"4": "Passing Yards", "5": "Passing Touchdowns", "6": "Interceptions"},
    **{"9": "Rushing Yards", "10": "Rushing Touchdowns", "11": "Receptions"},
    **{"12": "Receiving Yards", "13": "Receiving Touchdowns", "15": "Return Touchdowns"},
    **{"16": "2-Point Conversions", "18": "Fumbles Lost", "19": "Field Goals 0-19 Yards"},
    **{"20": "Field Goals 20-29 Yards", "21": "Field Goals 30-39 Yards"},
    **{"22": "Field Goals 40-49 Yards", "23": "Field Goals 50+ Yards", "29": "Point After"},
    **{"31": "Points Allowed", "32": "Sack", "33": "Interception", "34": "Fumble Recovery"},
    **{"35": "Touchdown", "36": "Safety", "37": "Block Kick", "49": "Kickoff and Punt Return TD"},
    **{"50": "Points Allowed 0", "51": "Points Allowed 1-6", "52": "Points Allowed 7-13"},
    **{"53": "Points Allowed 14-20", "54": "Points Allowed 21-27"},
    **{"55": "Points Allowed 28-34", "56": "Points Allowed 35+"},
}
TEAM_DEFENCE_STATS = frozenset({"31", "32", "33", "34", "35", "36", "37", "49"}) | frozenset(
    str(stat_id) for stat_id in range(50, 57)
)
IDP_STAT_CATEGORIES = {
    **{"38": "Tackle Solo", "39": "Tackle Assist", "40": "Sack", "41": "Interception"},
    **{"42": "Fumble Force", "43": "Fumble Recovery", "44": "Touchdown", "45": "Safety"},
    **{"46": "Pass Defended", "47": "Block Kick", "65": "Tackles for Loss"},
}


def ppr_modifiers(categories: Mapping[str, str]) -> dict[str, Decimal]:
    """Yahoo's default PPR values of the league's stat categories."""
    return {
        stat_id: Decimal(str(points))
        for stat_id, points in LeagueScoring.preset("ppr").modifiers.items()
        if stat_id in categories
    }


@dataclass(frozen=True)
class DemoFormat:
    """One demo league's shape: its key, slots, draft limits and scoring."""

    league_key: str
    name: str
    roster_positions: tuple[tuple[str, int, str | None], ...]
    draft_max: Mapping[str, int]
    draft_min: Mapping[str, int]
    stat_categories: Mapping[str, str]

    @property
    def positions(self) -> tuple[str, ...]:
        """The player positions this league rosters."""
        return tuple(self.draft_max)

    @property
    def roster_size(self) -> int:
        """Every spot but IR."""
        return sum(count for position, count, _ in self.roster_positions if position != "IR")

    @property
    def stat_modifiers(self) -> dict[str, Decimal]:
        return ppr_modifiers(self.stat_categories)

    def eligible_positions(self, position: str) -> list[str]:
        """Yahoo's eligible positions of a player here: his own and the flex slots taking him."""
        slots = {slot for slot, _, _ in self.roster_positions}
        return [position] + [
            slot for slot, accepts in FLEX_ACCEPTS.items() if slot in slots and position in accepts
        ]


STANDARD_FORMAT = DemoFormat(
    league_key=LEAGUE_KEY,
    name=LEAGUE_NAME,
    roster_positions=ROSTER_POSITIONS,
    draft_max=DRAFT_MAX,
    draft_min=DRAFT_MIN,
    stat_categories=STAT_CATEGORIES,
)
IDP_FORMAT = DemoFormat(
    league_key=IDP_LEAGUE_KEY,
    name=IDP_LEAGUE_NAME,
    roster_positions=IDP_ROSTER_POSITIONS,
    draft_max=IDP_DRAFT_MAX,
    draft_min=IDP_DRAFT_MIN,
    stat_categories={
        stat_id: name
        for stat_id, name in STAT_CATEGORIES.items()
        if stat_id not in TEAM_DEFENCE_STATS
    }
    | IDP_STAT_CATEGORIES,
)
DEMO_FORMATS = (STANDARD_FORMAT, IDP_FORMAT)
