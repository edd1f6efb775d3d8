"""The demo league: a generated NFL season served as Yahoo's parsed league-weeks (no network).

`DemoLeague(seed)` turns `insights.synthetic.generate_season` into a 12-team PPR league with
FAAB (budget 100) and Yahoo's usual roster (QB, 2 WR, 2 RB, TE, W/R/T, K, DEF, 6 BN, IR): the
offence, kickers and team defences of 32 NFL teams under Yahoo's codes, with byes and injury
statuses; a snake draft, then each week waiver claims, IR moves and lineups set by managers
who are good but not perfect; matchups scored from the players' actual points. Everything is
a pure function of the seed.

`DemoLeague.league_week(week, as_of=…)` is what `YahooClient.league_week` would return when
synced during week `as_of`: rosters, stats and points of `week`, but players' statuses and
ownership, and teams' FAAB, as they stand at `as_of` (Yahoo always answers with today's).
`demo_league_seed` feeds those to the real services (`nfl_games_load`, `league_week_sync`,
`league_week_insights_compute`), so the demo exercises exactly what a Yahoo league does.

Ids: demo players are Yahoo ids 90001 and up (beyond Yahoo's real ones), team defences Yahoo's
own 1000xx ids; the league key is `449.l.90210` (449 = Yahoo's NFL 2024 game); the demo user's
Yahoo guid is `DEMO_MANAGER_GUID`.
"""

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from accounts.models import User
from accounts.services import user_ensure
from fantasy.models import League, NflGame, Player, RosterSlot
from fantasy.nfl_schedule import NFL_TEAMS, ScheduleGame
from fantasy.services import (
    ScheduleLoadResult,
    SyncResult,
    league_week_sync,
    nfl_games_load,
)
from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueSettings,
    ParsedLeagueWeek,
    ParsedMatchup,
    ParsedMatchupTeam,
    ParsedPlayer,
    ParsedPlayerWeek,
    ParsedRosterEntry,
    ParsedRosterPosition,
    ParsedTeam,
    ParsedTeamRoster,
)
from insights.models import StreamerSignal
from insights.scoring import LeagueScoring
from insights.services import InsightsResult, league_week_insights_compute
from insights.synthetic import generate_season

DEFAULT_SEED = 2024
DEFAULT_TEAMS = 12
DEFAULT_CURRENT_WEEK = 9  # mid-season: weeks 1-8 played, week 9 about to kick off
SEASON = 2024
GAME_KEY = "449"
LEAGUE_KEY = f"{GAME_KEY}.l.90210"
LEAGUE_NAME = "Fantasy Edge Demo League"
DEMO_MANAGER_GUID = "DEMOMANAGER0000000000000001"
DEMO_TEAM_NUMBER = 1  # the demo user's team: "449.l.90210.t.1"
SEASON_WEEKS = 17
PLAYOFF_START_WEEK = 15
DEMO_PLAYOFF_TEAMS = 6  # Yahoo's usual bracket for 12 teams: seeds 1-2 get a bye
FAAB_BUDGET = 100
FREE_AGENT_PAGE_SIZE = 25  # Yahoo's page of free agents
PLAYER_ID_BASE = 90000
DEMO_PLAYER_ID_PATTERN = r"^9[0-9]{4}$"  # 90001-99999: the demo's offence and kickers
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
FLEX = "W/R/T"
FLEX_POSITIONS = ("RB", "WR", "TE")
ROSTER_SIZE = 15  # every spot but IR
POSITION_TYPES = {"QB": "O", "RB": "O", "WR": "O", "TE": "O", "K": "K", "DEF": "DT"}
# Draft: most of each position a manager takes, and the fewest he must have.
DRAFT_MAX = {"QB": 2, "RB": 5, "WR": 6, "TE": 2, "K": 1, "DEF": 1}
DRAFT_MIN = {"QB": 1, "RB": 2, "WR": 2, "TE": 1, "K": 1, "DEF": 1}
KICKERS_AND_DEFENCES_FROM_ROUND = 13
STATUS_PLAYS = {"Q": 0.85, "D": 0.3}  # what a status does to a manager's expectation
IR_AFTER_WEEKS_OUT = 4  # an outage this long is listed "IR"
# How deep Yahoo-wide ownership reaches at each position (percent owned = 100·e^(-rank/depth)).
OWNERSHIP_DEPTH = {"QB": 14.0, "RB": 32.0, "WR": 45.0, "TE": 12.0, "K": 12.0, "DEF": 12.0}
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
# Yahoo's default PPR values for offence, kickers and team defence (no IDP in this league).
STAT_MODIFIERS = {
    stat_id: Decimal(str(points))
    for stat_id, points in LeagueScoring.preset("ppr").modifiers.items()
    if stat_id in STAT_CATEGORIES
}


@dataclass(frozen=True)
class DemoPlayer:
    player_id: str  # Yahoo's id
    name: str
    position: str
    nfl_team: str
    bye_week: int
    synthetic_id: int  # the generated season's id

    @property
    def is_defence(self) -> bool:
        return self.position == "DEF"


@dataclass
class TeamRoster:
    """Who a fantasy team holds in a week: the active players and the one on IR."""

    active: list[str]
    injured_reserve: str | None = None

    def copy(self) -> "TeamRoster":
        return TeamRoster(list(self.active), self.injured_reserve)

    @property
    def player_ids(self) -> list[str]:
        return self.active + ([self.injured_reserve] if self.injured_reserve else [])


class DemoLeague:
    """The whole demo season, generated up front (about a second); see the module docstring."""

    def __init__(
        self,
        seed: int = DEFAULT_SEED,
        *,
        teams: int = DEFAULT_TEAMS,
        current_week: int = DEFAULT_CURRENT_WEEK,
    ):
        if teams < 4 or teams % 2 or teams > len(FANTASY_TEAM_NAMES):
            raise ValueError(f"teams must be even, from 4 to {len(FANTASY_TEAM_NAMES)}")
        if not 1 <= current_week <= PLAYOFF_START_WEEK - 1:
            raise ValueError(f"current_week must be from 1 to {PLAYOFF_START_WEEK - 1}")
        self.seed = seed
        self.num_teams = teams
        self.current_week = current_week
        self.league_key = LEAGUE_KEY
        self.scoring = LeagueScoring(modifiers={k: float(v) for k, v in STAT_MODIFIERS.items()})
        self._rng = random.Random(f"demo:{seed}")
        self._rank_cache: dict[int, dict[str, int]] = {}
        self._late_pickup: tuple[int, str, str] | None = None
        self._season = generate_season(seed, n_teams=len(NFL_TEAMS), weeks=SEASON_WEEKS)
        codes = dict(zip(self._season.teams, sorted(NFL_TEAMS), strict=True))
        self._schedule = {
            (codes[team], week): (codes[game.opponent], game.is_home)
            for (team, week), game in self._season.schedule.items()
        }
        self.players = self._make_players(codes)
        self._by_synthetic = {p.synthetic_id: p for p in self.players.values()}
        self._lines = self._played_lines()
        self._expected = self._expected_points()
        self._matchup_pairs = self._round_robin()
        self._games = self._schedule_games()
        self._rosters, self._faab, self._priority = self._play_waivers(self._draft())
        self._late_pickup = self._current_week_pickup()

    # --- players ------------------------------------------------------------------------------

    def _make_players(self, codes: dict[str, str]) -> dict[str, DemoPlayer]:
        names: set[str] = set()
        players: dict[str, DemoPlayer] = {}
        for synthetic in self._season.players:
            if synthetic.position not in POSITION_TYPES:
                continue  # an IDP: this league does not roster them
            team = codes[synthetic.nfl_team]
            if synthetic.position == "DEF":
                player_id = str(100000 + DEFENCE_IDS[team])
                name = TEAM_NAMES[team]
            else:
                player_id = str(PLAYER_ID_BASE + synthetic.player_id)
                name = self._unique_name(names)
            players[player_id] = DemoPlayer(
                player_id=player_id,
                name=name,
                position=synthetic.position,
                nfl_team=team,
                bye_week=synthetic.bye_week,
                synthetic_id=synthetic.player_id,
            )
        return players

    def _unique_name(self, taken: set[str]) -> str:
        while True:
            name = f"{self._rng.choice(FIRST_NAMES)} {self._rng.choice(LAST_NAMES)}"
            if name not in taken:
                taken.add(name)
                return name

    def _played_lines(self) -> dict[tuple[str, int], dict[str, float]]:
        """(player, week) -> his stat line; a defence always plays (it is never "hurt")."""
        lines = {}
        for player in self.players.values():
            played = self._season.lines[player.synthetic_id]
            for week, line in played.items():
                lines[(player.player_id, week)] = line
            if player.is_defence and played:
                usual = {
                    stat: float(
                        round(sum(line.get(stat, 0) for line in played.values()) / len(played))
                    )
                    for stat in sorted({stat for line in played.values() for stat in line})
                }
                for week in range(1, SEASON_WEEKS + 1):
                    if (player.nfl_team, week) in self._schedule:
                        lines.setdefault((player.player_id, week), usual)
        return lines

    def _expected_points(self) -> dict[tuple[str, int], float]:
        """(player, week) -> the points his true expected line scores, for weeks he plays."""
        truth: dict[int, dict[int, float]] = defaultdict(dict)
        for (synthetic_id, week), line in self._season.expected.items():
            if synthetic_id in self._by_synthetic:
                truth[synthetic_id][week] = self.scoring.linear_points(line)
        expected = {}
        for player in self.players.values():
            weeks = truth[player.synthetic_id]
            usual = sum(weeks.values()) / len(weeks) if weeks else 0.0
            for week in range(1, SEASON_WEEKS + 1):
                if (player.nfl_team, week) in self._schedule:
                    expected[(player.player_id, week)] = weeks.get(week, usual)
        return expected

    def status(self, player_id: str, week: int) -> str | None:
        """His status as announced before week `week`'s games (a bye shows next week's)."""
        player = self.players[player_id]
        if player.is_defence:
            return None
        statuses = self._season.statuses
        pid = player.synthetic_id
        if (player.nfl_team, week) not in self._schedule:
            upcoming = statuses.get((pid, week + 1))
            return upcoming if upcoming == "O" else None
        status = statuses.get((pid, week))
        if status != "O":
            return status
        weeks_out, later = 0, week
        while later <= SEASON_WEEKS:
            if (player.nfl_team, later) in self._schedule:
                if statuses.get((pid, later)) != "O":
                    break
                weeks_out += 1
            later += 1
        return "IR" if weeks_out >= IR_AFTER_WEEKS_OUT else "O"

    def injury_note(self, player_id: str, week: int) -> str | None:
        if self.status(player_id, week) is None:
            return None
        return INJURY_NOTES[int(player_id) % len(INJURY_NOTES)]

    def points(self, player_id: str, week: int) -> Decimal:
        line = self._lines.get((player_id, week))
        return Decimal(str(round(self.scoring.points(line), 2))) if line else Decimal("0.00")

    def projected(self, player_id: str, week: int, *, status_week: int | None = None) -> float:
        """Yahoo-style projection: the expected points, discounted by the status then known."""
        status = self.status(player_id, status_week or week)
        if status in ("O", "IR"):
            return 0.0
        return self._expected.get((player_id, week), 0.0) * STATUS_PLAYS.get(status, 1.0)

    def _recent_form(self, player_id: str, week: int) -> float:
        """Points per game over his last three games before `week` (else his projection)."""
        games = [
            self.scoring.points(self._lines[(player_id, w)])
            for w in range(week - 1, 0, -1)
            if (player_id, w) in self._lines
        ][:3]
        if not games:
            return self._expected.get((player_id, week), 0.0)
        return sum(games) / len(games)

    def percent_owned(self, player_id: str, week: int) -> int:
        """Yahoo-wide ownership: falls off with his rank at his position by recent form."""
        rank = self._ownership_ranks(week)[player_id]
        return round(100 * math.exp(-rank / OWNERSHIP_DEPTH[self.players[player_id].position]))

    def _ownership_ranks(self, week: int) -> dict[str, int]:
        if week in self._rank_cache:
            return self._rank_cache[week]
        by_position: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for player in self.players.values():
            form = self._recent_form(player.player_id, week)
            if self.status(player.player_id, week) in ("O", "IR"):
                form *= 0.5
            by_position[player.position].append((-form, player.player_id))
        ranks = {
            player_id: rank
            for group in by_position.values()
            for rank, (_, player_id) in enumerate(sorted(group))
        }
        self._rank_cache[week] = ranks
        return ranks

    # --- managers -----------------------------------------------------------------------------

    def _draft(self) -> list[TeamRoster]:
        """A snake draft on season-long value as the managers guessed it."""
        value = {
            p.player_id: sum(self._expected.get((p.player_id, w), 0.0) for w in range(1, 18))
            * self._rng.lognormvariate(0, 0.2)
            for p in self.players.values()
        }
        available = sorted(value, key=lambda pid: (-value[pid], pid))
        picks: list[list[str]] = [[] for _ in range(self.num_teams)]
        for round_number in range(1, ROSTER_SIZE + 1):
            order = range(self.num_teams)
            for team in order if round_number % 2 else reversed(order):
                choice = self._draft_pick(picks[team], available, round_number)
                picks[team].append(choice)
                available.remove(choice)
        return [TeamRoster(active=team_picks) for team_picks in picks]

    def _draft_pick(self, roster: list[str], available: list[str], round_number: int) -> str:
        held = Counter(self.players[pid].position for pid in roster)
        needed = {pos for pos, least in DRAFT_MIN.items() if held[pos] < least}
        must_fill = sum(DRAFT_MIN[pos] - held[pos] for pos in needed) >= ROSTER_SIZE - len(roster)
        for pid in available:
            position = self.players[pid].position
            if held[position] >= DRAFT_MAX[position]:
                continue
            if must_fill and position not in needed:
                continue
            if position in ("K", "DEF") and round_number < KICKERS_AND_DEFENCES_FROM_ROUND:
                continue
            return pid
        raise AssertionError("the player pool is too small for the draft")

    def _play_waivers(
        self, drafted: list[TeamRoster]
    ) -> tuple[dict[int, list[TeamRoster]], dict[int, list[int]], dict[int, list[int]]]:
        """Rosters, FAAB balances and waiver priorities for each week up to the current one."""
        rosters = {1: drafted}
        faab = {1: [FAAB_BUDGET] * self.num_teams}
        priority = {1: list(range(self.num_teams, 0, -1))}  # the last pick claims first
        for week in range(2, self.current_week + 1):
            week_rosters = [roster.copy() for roster in rosters[week - 1]]
            balances = list(faab[week - 1])
            order = sorted(range(self.num_teams), key=lambda team: priority[week - 1][team])
            ranks = list(priority[week - 1])
            rng = random.Random(f"demo:{self.seed}:waivers:{week}")
            value = {pid: self._recent_form(pid, week) for pid in self.players}
            for team in order:
                claimed = self._waiver_moves(week_rosters, team, week, value, rng, balances)
                if claimed:  # rolling priority: a successful claim goes to the back
                    ranks = [r - 1 if r > ranks[team] else r for r in ranks]
                    ranks[team] = self.num_teams
            rosters[week], faab[week], priority[week] = week_rosters, balances, ranks
        return rosters, faab, priority

    def _free_agents(self, rosters: list[TeamRoster]) -> list[str]:
        rostered = {pid for roster in rosters for pid in roster.player_ids}
        return [pid for pid in self.players if pid not in rostered]

    def _waiver_moves(
        self,
        rosters: list[TeamRoster],
        team: int,
        week: int,
        value: dict[str, float],
        rng: random.Random,
        balances: list[int],
    ) -> bool:
        """IR in and out, then maybe one claim of a clear upgrade; True when a claim was made."""
        roster = rosters[team]
        claimed = False
        back = roster.injured_reserve
        if back and self.status(back, week) not in ("IR", "O"):
            position = self.players[back].position
            same = [pid for pid in roster.active if self.players[pid].position == position]
            roster.active.remove(min(same, key=lambda pid: (value[pid], pid)))
            roster.active.append(back)
            roster.injured_reserve = None
        if roster.injured_reserve is None:
            hurt = [pid for pid in roster.active if self.status(pid, week) == "IR"]
            if hurt:
                roster.injured_reserve = hurt[0]
                roster.active.remove(hurt[0])
                position = self.players[hurt[0]].position
                roster.active.append(self._best_free_agent(rosters, position, value))
                claimed = True
        if rng.random() < 0.45:
            upgrades = []
            for position in POSITION_TYPES:
                same = [pid for pid in roster.active if self.players[pid].position == position]
                if not same:
                    continue
                worst = min(same, key=lambda pid: (value[pid], pid))
                best = self._best_free_agent(rosters, position, value)
                gain = value[best] - value[worst]
                if self.status(best, week) is None and gain > 1.5:
                    upgrades.append((gain, best, worst))
            if upgrades:
                gain, best, worst = max(upgrades)
                roster.active[roster.active.index(worst)] = best
                bid = min(balances[team], max(0, round(gain * rng.uniform(0.5, 1.5))))
                balances[team] -= bid
                claimed = True
        return claimed

    def _best_free_agent(
        self, rosters: list[TeamRoster], position: str, value: dict[str, float]
    ) -> str:
        free = [pid for pid in self._free_agents(rosters) if self.players[pid].position == position]
        return max(free, key=lambda pid: (value[pid], pid))

    def _current_week_pickup(self) -> tuple[int, str, str] | None:
        """A claim made after the early-week sync: (team, player added, player dropped)."""
        team = (DEMO_TEAM_NUMBER % self.num_teams) + 1  # the team after the demo user's
        week = self.current_week
        rosters = self._rosters[week]
        value = {pid: self._recent_form(pid, week) for pid in self.players}
        roster = rosters[team - 1]
        bench = [pid for pid in roster.active if pid not in self._starters(team, week, week)]
        if not bench:
            return None
        dropped = min(bench, key=lambda pid: (value[pid], pid))
        added = self._best_free_agent(rosters, self.players[dropped].position, value)
        return team, added, dropped

    def roster(self, team: int, week: int, *, early: bool = False) -> TeamRoster:
        """Team `team`'s (1-based) roster in `week`; the current week's late claim unless early."""
        roster = self._rosters[week][team - 1]
        if early or week != self.current_week or not self._late_pickup:
            return roster
        picker, added, dropped = self._late_pickup
        if picker != team:
            return roster
        changed = roster.copy()
        changed.active[changed.active.index(dropped)] = added
        return changed

    def _noise(self, player_id: str, week: int) -> float:
        return random.Random(f"demo:{self.seed}:lineup:{player_id}:{week}").lognormvariate(0, 0.3)

    def _starters(
        self, team: int, week: int, status_week: int, *, early: bool = True
    ) -> dict[str, str]:
        """player -> starting position, as the manager sets it with the news of `status_week`."""
        active = self.roster(team, week, early=early).active
        guess = {
            pid: self.projected(pid, week, status_week=status_week) * self._noise(pid, week)
            for pid in active
        }
        ranked = sorted(active, key=lambda pid: (-guess[pid], pid))
        starters: dict[str, str] = {}
        for position, count, _ in ROSTER_POSITIONS:
            if position in ("BN", "IR"):
                continue
            accepts = FLEX_POSITIONS if position == FLEX else (position,)
            for pid in ranked:
                if count == 0:
                    break
                if pid not in starters and self.players[pid].position in accepts:
                    starters[pid] = position
                    count -= 1
        return starters

    def lineup(self, team: int, week: int, *, early: bool = False) -> list[tuple[str, str]]:
        """(player, selected position) in Yahoo's roster order.

        Early in the current week lineups reflect last week's news; by kickoff every manager
        but the demo user has reacted to this week's (so the demo team has advice to take).
        """
        roster = self.roster(team, week, early=early)
        status_week = week
        if week == self.current_week and (early or team == DEMO_TEAM_NUMBER):
            status_week = max(1, week - 1)
        starters = self._starters(team, week, status_week, early=early)
        order = [position for position, count, _ in ROSTER_POSITIONS for _ in range(count)]
        entries: list[tuple[str, str]] = []
        for position in order:
            if position in ("BN", "IR"):
                continue
            placed = {pid for pid, _ in entries}
            pid = next(p for p, pos in starters.items() if pos == position and p not in placed)
            entries.append((pid, position))
        bench = [pid for pid in roster.active if pid not in starters]
        entries += [(pid, "BN") for pid in bench]
        if roster.injured_reserve:
            entries.append((roster.injured_reserve, "IR"))
        return entries

    # --- league, schedule and the parsed league-week ------------------------------------------

    def _round_robin(self) -> list[list[tuple[int, int]]]:
        """The circle method: each round pairs every team once (1-based team numbers)."""
        teams = list(range(1, self.num_teams + 1))
        rounds = []
        for _ in range(self.num_teams - 1):
            half = self.num_teams // 2
            rounds.append(list(zip(teams[:half], reversed(teams[half:]), strict=True)))
            teams = [teams[0], teams[-1], *teams[1:-1]]
        return rounds

    def pairs(self, week: int) -> list[tuple[int, int]]:
        return self._matchup_pairs[(week - 1) % len(self._matchup_pairs)]

    def team_key(self, team: int) -> str:
        return f"{self.league_key}.t.{team}"

    def schedule_games(self) -> list[ScheduleGame]:
        return list(self._games)

    def _schedule_games(self) -> list[ScheduleGame]:
        """The NFL season: kickoffs, Vegas-style lines from the truth, scores of played weeks."""
        defences = {p.nfl_team: p.player_id for p in self.players.values() if p.is_defence}
        games = []
        for week in range(1, SEASON_WEEKS + 1):
            homes = [
                (team, opponent)
                for (team, w), (opponent, is_home) in self._schedule.items()
                if w == week and is_home
            ]
            for index, (home, away) in enumerate(homes):
                home_implied = self._points_allowed(defences[away], week, expected=True)
                away_implied = self._points_allowed(defences[home], week, expected=True)
                played = week < self.current_week
                games.append(
                    ScheduleGame(
                        season=SEASON,
                        week=week,
                        home_team=home,
                        away_team=away,
                        kickoff=_kickoff(week, index),
                        status="final" if played else "scheduled",
                        home_spread=_half_points(away_implied - home_implied),
                        total=_half_points(home_implied + away_implied),
                        home_score=round(self._points_allowed(defences[away], week))
                        if played
                        else None,
                        away_score=round(self._points_allowed(defences[home], week))
                        if played
                        else None,
                    )
                )
        return games

    def _points_allowed(self, defence_id: str, week: int, *, expected: bool = False) -> float:
        synthetic = self.players[defence_id].synthetic_id
        source = self._season.expected.get((synthetic, week)) if expected else None
        line = source or self._lines.get((defence_id, week)) or {}
        return float(line.get("31", 21.0))

    def thursday_teams(self, week: int) -> set[str]:
        first = min(
            (game for game in self._games if game.week == week),
            key=lambda game: game.kickoff,
        )
        return {first.home_team, first.away_team}

    def league_week(self, week: int, *, as_of: int, early: bool = False) -> ParsedLeagueWeek:
        """What Yahoo answers for `week` when asked during week `as_of` (see the module doc).

        `early` is the current week before the weekend: last week's news, nothing locked yet.
        """
        if not 1 <= week <= self.current_week or not week <= as_of <= self.current_week:
            raise ValueError(f"week {week} as of {as_of}: outside weeks 1-{self.current_week}")
        news_week = max(1, as_of - 1) if early else as_of
        played = week < self.current_week
        locked = set() if early or played else self.thursday_teams(week)
        player_cache: dict[str, ParsedPlayer] = {}

        def parsed(pid: str) -> ParsedPlayer:
            if pid not in player_cache:
                player_cache[pid] = self._parsed_player(pid, news_week)
            return player_cache[pid]

        rosters = []
        for team in range(1, self.num_teams + 1):
            entries = [
                ParsedRosterEntry(
                    player=parsed(pid),
                    selected_position=position,
                    week=week,
                    is_editable=not played and self.players[pid].nfl_team not in locked,
                    points=self.points(pid, week) if played else None,
                    stats=self._stats(pid, week) if played else {},
                    is_flex=position == FLEX,
                )
                for pid, position in self.lineup(team, week, early=early)
            ]
            rosters.append(
                ParsedTeamRoster(
                    team_key=self.team_key(team),
                    week=week,
                    entries=entries,
                    is_editable=not played,
                )
            )
        rostered = {entry.player.player_id for roster in rosters for entry in roster.entries}
        free_agents = [
            ParsedPlayerWeek(
                player=parsed(pid),
                week=week,
                points=self.points(pid, week) if played else None,
                stats=self._stats(pid, week) if played else {},
            )
            for pid in self.players
            if pid not in rostered
        ]
        free_agents.sort(key=lambda fa: (-(fa.player.percent_owned or 0), fa.player.player_id))
        return ParsedLeagueWeek(
            league=ParsedLeague(
                league_key=self.league_key,
                game_key=GAME_KEY,
                name=LEAGUE_NAME,
                season=SEASON,
                scoring_type="headpoint",  # head-to-head on points
                num_teams=self.num_teams,
                current_week=self.current_week,
                start_week=1,
                end_week=SEASON_WEEKS,
            ),
            settings=self.settings(),
            teams=[self._parsed_team(team, as_of) for team in range(1, self.num_teams + 1)],
            week=week,
            rosters=rosters,
            matchups=self._matchups(week, rosters, played),
            free_agents=free_agents,
        )

    def settings(self) -> ParsedLeagueSettings:
        return ParsedLeagueSettings(
            roster_positions=[
                ParsedRosterPosition(
                    position=position,
                    count=count,
                    position_type=position_type,
                    is_starting=position not in ("BN", "IR"),
                )
                for position, count, position_type in ROSTER_POSITIONS
            ],
            stat_modifiers=dict(STAT_MODIFIERS),
            stat_categories={
                stat_id: {"name": name, "display_name": name}
                for stat_id, name in STAT_CATEGORIES.items()
            },
            uses_faab=True,
            faab_budget=FAAB_BUDGET,
            waiver_type="FR",
            waiver_rule="all",
            waiver_time=2,
            playoff_start_week=PLAYOFF_START_WEEK,
            uses_playoff=True,
            num_playoff_teams=DEMO_PLAYOFF_TEAMS,
        )

    def _parsed_team(self, team: int, as_of: int) -> ParsedTeam:
        manager = DEMO_MANAGER_GUID if team == DEMO_TEAM_NUMBER else f"DEMOMANAGER{team:016d}"
        return ParsedTeam(
            team_key=self.team_key(team),
            name=FANTASY_TEAM_NAMES[team - 1],
            manager_guid=manager,
            manager_nickname="Demo Manager" if team == DEMO_TEAM_NUMBER else f"Manager {team}",
            faab_balance=self._faab[as_of][team - 1],
            waiver_priority=self._priority[as_of][team - 1],
            is_owned_by_current_login=team == DEMO_TEAM_NUMBER,
        )

    def _parsed_player(self, player_id: str, week: int) -> ParsedPlayer:
        player = self.players[player_id]
        owned = self.percent_owned(player_id, week)
        before = self.percent_owned(player_id, week - 1) if week > 1 else owned
        eligible = (
            [player.position, FLEX] if player.position in FLEX_POSITIONS else [player.position]
        )
        return ParsedPlayer(
            player_key=f"{GAME_KEY}.p.{player_id}",
            player_id=player_id,
            full_name=player.name,
            primary_position=player.position,
            eligible_positions=eligible,
            position_type=POSITION_TYPES[player.position],
            nfl_team=player.nfl_team,
            bye_week=player.bye_week,
            status=self.status(player_id, week),
            injury_note=self.injury_note(player_id, week),
            percent_owned=Decimal(owned),
            percent_owned_delta=Decimal(owned - before),
            display_position=player.position,
            is_team_defense=player.is_defence,
        )

    def _stats(self, player_id: str, week: int) -> dict[str, Decimal]:
        line = self._lines.get((player_id, week)) or {}
        return {stat: Decimal(str(int(value))) for stat, value in line.items()}

    def _matchups(
        self, week: int, rosters: list[ParsedTeamRoster], played: bool
    ) -> list[ParsedMatchup]:
        actual: dict[str, Decimal] = {}
        projected: dict[str, Decimal] = {}
        for roster in rosters:
            starters = [e for e in roster.entries if e.selected_position not in ("BN", "IR")]
            actual[roster.team_key] = sum(
                (e.points or Decimal(0) for e in starters), Decimal("0.00")
            )
            projected[roster.team_key] = Decimal(
                str(round(sum(self.projected(e.player.player_id, week) for e in starters), 2))
            )
        matchups = []
        for home, away in self.pairs(week):
            keys = (self.team_key(home), self.team_key(away))
            margin = float(projected[keys[0]] - projected[keys[1]])
            home_chance = 0.5 * (1 + math.erf(margin / (25 * math.sqrt(2))))
            chances = (home_chance, 1 - home_chance)
            winner = None
            if played and actual[keys[0]] != actual[keys[1]]:
                winner = max(keys, key=lambda key: actual[key])
            matchups.append(
                ParsedMatchup(
                    week=week,
                    status="postevent" if played else "preevent",
                    teams=tuple(
                        ParsedMatchupTeam(
                            team_key=key,
                            points=actual[key] if played else Decimal("0.00"),
                            projected_points=projected[key],
                            win_probability=Decimal(str(round(chance, 4)))
                            if not played
                            else Decimal(1 if key == winner else 0),
                        )
                        for key, chance in zip(keys, chances, strict=True)
                    ),
                    is_tied=played and winner is None,
                    winner_team_key=winner,
                )
            )
        return matchups


def _half_points(value: float) -> Decimal:
    return Decimal(str(round(value * 2) / 2))


def _kickoff(week: int, index: int) -> dt.datetime:
    """Thursday night, then Sunday 13:00 / 16:25 / 20:20 and Monday night (Eastern time)."""
    thursday = SEASON_START + dt.timedelta(weeks=week - 1)
    day, time = {
        0: (0, dt.time(20, 15)),
        1: (3, dt.time(20, 20)),
        2: (4, dt.time(20, 15)),
        3: (3, dt.time(16, 25)),
        4: (3, dt.time(16, 25)),
    }.get(index, (3, dt.time(13, 0)))
    local = dt.datetime.combine(thursday + dt.timedelta(days=day), time, tzinfo=EASTERN)
    return local.astimezone(dt.UTC)


# --- seeding through the real services ----------------------------------------------------------


class DemoClient:
    """Serves the demo league to `league_week_sync` as a `YahooClient` would (no network).

    Counts calls like Yahoo's batched requests: three for the league-week plus one per page of
    free agents; one for the season's schedule.
    """

    def __init__(self, league: DemoLeague, *, as_of: int, early: bool = False):
        self.league = league
        self.as_of = as_of
        self.early = early
        self.calls = 0

    def league_week(
        self, league_key: str, week: int | None, *, free_agent_pages: int = 1
    ) -> ParsedLeagueWeek:
        if league_key != self.league.league_key:
            raise ValueError(f"the demo serves only {self.league.league_key}")
        data = self.league.league_week(
            week or self.league.current_week, as_of=self.as_of, early=self.early
        )
        limit = free_agent_pages * FREE_AGENT_PAGE_SIZE
        self.calls += 3 + free_agent_pages
        return replace(data, free_agents=data.free_agents[:limit])

    def league_schedule(self, team_keys: list[str]) -> list[ParsedMatchup]:
        """The regular-season games after `as_of`, not played yet (one call, as Yahoo's
        `teams;team_keys=…/matchups` for 12 teams); played weeks come from their own syncs."""
        self.calls += math.ceil(len(team_keys) / 12)
        return [
            ParsedMatchup(
                week=week,
                status="preevent",
                teams=tuple(
                    ParsedMatchupTeam(
                        team_key=self.league.team_key(team),
                        points=Decimal("0.00"),
                        projected_points=None,
                    )
                    for team in pair
                ),
            )
            for week in range(self.as_of + 1, PLAYOFF_START_WEEK)
            for pair in self.league.pairs(week)
        ]

    def players_season_stats(self, player_keys: list[str], *, season: int) -> list:
        """The generated season has no season before it: no player has last season's line."""
        return []


@dataclass
class DemoSeedResult:
    league_id: int
    games: ScheduleLoadResult
    syncs: list[SyncResult]
    insights: list[InsightsResult]
    user_id: int

    @property
    def changed(self) -> bool:
        games = self.games.created or self.games.updated or self.games.deleted
        return bool(
            games
            or any(sync.changed for sync in self.syncs)
            or any(result.changed for result in self.insights)
        )


def demo_user_ensure() -> User:
    """The product user who manages the demo team (no password: product users use Yahoo)."""
    return user_ensure(yahoo_guid=DEMO_MANAGER_GUID, display_name="Demo Manager")


def database_has_leagues() -> bool:
    """Any league at all, demo or Yahoo's (`seed_demo --if-empty` leaves such a database alone)."""
    return League.objects.exists()


def demo_league_seed(
    *,
    seed: int = DEFAULT_SEED,
    teams: int = DEFAULT_TEAMS,
    current_week: int = DEFAULT_CURRENT_WEEK,
    insights_weeks: str = "all",
) -> DemoSeedResult:
    """Fill the demo league through the real sync and insights services (idempotent).

    A first build syncs each played week as it was synced that week (so statuses change and
    log events), then the current week twice: early in the week and by kickoff (claims, lineup
    moves, Thursday locks). Later runs sync every week as of now, which changes nothing.
    `insights_weeks`: "all" also projects each played week from the weeks before it (so
    projections can be compared with what happened); "current" only the current week.
    """
    league = DemoLeague(seed, teams=teams, current_week=current_week)
    user = demo_user_ensure()  # before the sync, which links the demo team to him
    games = nfl_games_load(games=league.schedule_games())
    first_build = not RosterSlot.objects.filter(
        league__yahoo_league_id=league.league_key, week=current_week
    ).exists()
    pages = math.ceil(len(league.players) / FREE_AGENT_PAGE_SIZE)
    syncs = []

    def sync(week: int, *, as_of: int, early: bool = False) -> None:
        client = DemoClient(league, as_of=as_of, early=early)
        syncs.append(
            league_week_sync(
                league_key=league.league_key, week=week, client=client, free_agent_pages=pages
            )
        )

    for week in range(1, current_week):
        sync(week, as_of=week if first_build else current_week)
    if first_build:
        sync(current_week, as_of=current_week, early=True)
    sync(current_week, as_of=current_week)

    stored = League.objects.get(yahoo_league_id=league.league_key)
    weeks = range(1, current_week + 1) if insights_weeks == "all" else [current_week]
    insights = [league_week_insights_compute(league=stored, week=week) for week in weeks]
    return DemoSeedResult(
        league_id=stored.pk, games=games, syncs=syncs, insights=insights, user_id=user.pk
    )


def demo_league_reset() -> None:
    """Delete the demo league, its players, their signals and the demo season's NFL games.

    The team defences go too (they share Yahoo's ids): a real league's sync recreates them.
    """
    defences = [str(100000 + team_id) for team_id in DEFENCE_IDS.values()]
    with transaction.atomic():
        League.objects.filter(yahoo_league_id=LEAGUE_KEY).delete()
        players = Player.objects.filter(
            Q(yahoo_player_id__in=defences) | Q(yahoo_player_id__regex=DEMO_PLAYER_ID_PATTERN)
        )
        player_pks = list(players.values_list("pk", flat=True))
        StreamerSignal.objects.filter(subject_id__in=player_pks).delete()
        Player.objects.filter(pk__in=player_pks).delete()
        NflGame.objects.filter(season=SEASON).delete()
