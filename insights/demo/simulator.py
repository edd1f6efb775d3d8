"""The demo season simulator: a generated NFL season played by a 12-team PPR league.

`DemoLeague(seed, league_format=…)` turns `insights.synthetic.generate_season` into a league with
FAAB (budget 100) and the format's roster: STANDARD_FORMAT is Yahoo's usual one (QB, 2 WR, 2 RB,
TE, W/R/T, K, DEF, 6 BN, IR), IDP_FORMAT a superflex IDP one (Q/W/R/T, DL, LB, DB, D instead of
DEF). The players of 32 NFL teams under Yahoo's codes, with byes, injury statuses and last
season's lines (the prior of week 1), are the same in every format; a snake draft, then each
week waiver claims, IR moves and lineups set by managers who are good but not perfect; matchups
scored from the players' actual points. Everything is a pure function of the seed. What Yahoo
would answer about it is `DemoLeague.league_week` (yahoo_view.py).

Over 400 lines on purpose: one season's simulation (players, draft, waivers, lineups, schedule)
shares one state and one random stream, and splitting it would spread that state across files.
"""

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from fantasy.nfl_schedule import NFL_TEAMS, ScheduleGame
from insights.demo.constants import (
    DEFAULT_CURRENT_WEEK,
    DEFAULT_SEED,
    DEFAULT_TEAMS,
    DEFENCE_IDS,
    DEFENDERS_FROM_ROUND,
    DEMO_TEAM_NUMBER,
    EASTERN,
    FAAB_BUDGET,
    FANTASY_TEAM_NAMES,
    FIRST_NAMES,
    FLEX_ACCEPTS,
    IDP_POSITIONS,
    INJURY_NOTES,
    IR_AFTER_WEEKS_OUT,
    KICKERS_AND_DEFENCES_FROM_ROUND,
    LAST_NAMES,
    LAST_SEASON_CHANGE,
    LAST_SEASON_ROOKIE_SHARE,
    LEAGUE_END_WEEK,
    OWNERSHIP_DEPTH,
    PLAYER_ID_BASE,
    PLAYOFF_START_WEEK,
    SEASON,
    SEASON_START,
    STANDARD_FORMAT,
    STATUS_PLAYS,
    TEAM_NAMES,
    DemoFormat,
)
from insights.demo.yahoo_view import YahooView
from insights.scoring import LeagueScoring
from insights.synthetic import SyntheticSeason, generate_season


def demo_nfl_season(seed: int = DEFAULT_SEED) -> SyntheticSeason:
    """The NFL season the demo plays: 32 teams, 17 weeks (every stat line of every player)."""
    return generate_season(seed, n_teams=len(NFL_TEAMS), weeks=LEAGUE_END_WEEK)


@dataclass(frozen=True)
class DemoPlayer:
    player_id: str  # Yahoo's id
    name: str
    position: str
    nfl_team: str
    bye_week: int
    synthetic_id: int  # the generated season's id
    depth: int  # his place in his team's position group at the start of the season

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


class DemoLeague(YahooView):
    """The whole demo season, generated up front (about a second); see the module docstring."""

    def __init__(
        self,
        seed: int = DEFAULT_SEED,
        *,
        teams: int = DEFAULT_TEAMS,
        current_week: int = DEFAULT_CURRENT_WEEK,
        league_format: DemoFormat = STANDARD_FORMAT,
    ):
        if teams < 4 or teams % 2 or teams > len(FANTASY_TEAM_NAMES):
            raise ValueError(f"teams must be even, from 4 to {len(FANTASY_TEAM_NAMES)}")
        if not 1 <= current_week <= PLAYOFF_START_WEEK - 1:
            raise ValueError(f"current_week must be from 1 to {PLAYOFF_START_WEEK - 1}")
        self.seed = seed
        self.num_teams = teams
        self.current_week = current_week
        self.format = league_format
        self.league_key = league_format.league_key
        self.scoring = LeagueScoring(
            modifiers={k: float(v) for k, v in league_format.stat_modifiers.items()}
        )
        self._rng = random.Random(f"demo:{seed}")
        self._rank_cache: dict[int, dict[str, int]] = {}
        self._late_pickup: tuple[int, str, str] | None = None
        self._season = demo_nfl_season(seed)
        codes = dict(zip(self._season.teams, sorted(NFL_TEAMS), strict=True))
        self._schedule = {
            (codes[team], week): (codes[game.opponent], game.is_home)
            for (team, week), game in self._season.schedule.items()
        }
        self._defences = {
            codes[p.nfl_team]: p.player_id for p in self._season.players if p.position == "DEF"
        }
        self.players = self._make_players(codes)
        self._by_synthetic = {p.synthetic_id: p for p in self.players.values()}
        self._breakouts = {c.player_id for c in self._season.role_changes if c.kind == "breakout"}
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
            team = codes[synthetic.nfl_team]
            if synthetic.position == "DEF":
                player_id = str(100000 + DEFENCE_IDS[team])
                name = TEAM_NAMES[team]
            else:  # named whether or not this league rosters him: one name in every league
                player_id = str(PLAYER_ID_BASE + synthetic.player_id)
                name = self._unique_name(names)
            if synthetic.position not in self.format.positions:
                continue
            players[player_id] = DemoPlayer(
                player_id=player_id,
                name=name,
                position=synthetic.position,
                nfl_team=team,
                bye_week=synthetic.bye_week,
                synthetic_id=synthetic.player_id,
                depth=synthetic.depth,
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
                usual = self._usual_line(player.synthetic_id)
                for week in range(1, LEAGUE_END_WEEK + 1):
                    if (player.nfl_team, week) in self._schedule:
                        lines.setdefault((player.player_id, week), usual)
        return lines

    def _usual_line(self, synthetic_id: int) -> dict[str, float]:
        """A defence's average line, rounded: its line in a week the season left it out."""
        played = self._season.lines[synthetic_id]
        return {
            stat: float(round(sum(line.get(stat, 0) for line in played.values()) / len(played)))
            for stat in sorted({stat for line in played.values() for stat in line})
        }

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
            for week in range(1, LEAGUE_END_WEEK + 1):
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
        while later <= LEAGUE_END_WEEK:
            if (player.nfl_team, later) in self._schedule:
                if statuses.get((pid, later)) != "O":
                    break
                weeks_out += 1
            later += 1
        return "IR" if weeks_out >= IR_AFTER_WEEKS_OUT else "O"

    def last_season(self, player_id: str) -> tuple[int, dict[str, float]] | None:
        """(games, stat totals) of his previous season, the prior of this season's early weeks.

        His role at this season's start (his expected lines of weeks 1-4) over the games he
        played, moved by a year's change; a breakout (often a rookie) and some backups have
        none. Drawn per player, so the answer does not depend on who else is asked.
        """
        player = self.players[player_id]
        rng = random.Random(f"demo:{self.seed}:last-season:{player_id}")
        if player.synthetic_id in self._breakouts or (
            player.depth > 1 and rng.random() < LAST_SEASON_ROOKIE_SHARE
        ):
            return None
        expected = self._season.expected
        weeks = [w for w in range(1, 5) if (player.synthetic_id, w) in expected] or [
            w for w in range(1, LEAGUE_END_WEEK + 1) if (player.synthetic_id, w) in expected
        ]
        if not weeks:
            return None
        games = max(1, LEAGUE_END_WEEK - min(int(rng.expovariate(0.5)), LEAGUE_END_WEEK - 1))
        change = rng.lognormvariate(0, LAST_SEASON_CHANGE)
        per_game: dict[str, float] = defaultdict(float)
        for week in weeks:
            for stat, value in expected[(player.synthetic_id, week)].items():
                per_game[stat] += value / len(weeks)
        return games, {stat: round(value * change * games) for stat, value in per_game.items()}

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
            p.player_id: sum(
                self._expected.get((p.player_id, w), 0.0) for w in range(1, LEAGUE_END_WEEK + 1)
            )
            * self._rng.lognormvariate(0, 0.2)
            for p in self.players.values()
        }
        available = sorted(value, key=lambda pid: (-value[pid], pid))
        picks: list[list[str]] = [[] for _ in range(self.num_teams)]
        for round_number in range(1, self.format.roster_size + 1):
            order = range(self.num_teams)
            for team in order if round_number % 2 else reversed(order):
                choice = self._draft_pick(picks[team], available, round_number)
                picks[team].append(choice)
                available.remove(choice)
        return [TeamRoster(active=team_picks) for team_picks in picks]

    def _draft_pick(self, roster: list[str], available: list[str], round_number: int) -> str:
        draft_min, draft_max = self.format.draft_min, self.format.draft_max
        held = Counter(self.players[pid].position for pid in roster)
        needed = {pos for pos, least in draft_min.items() if held[pos] < least}
        must_fill = sum(draft_min[pos] - held[pos] for pos in needed) >= (
            self.format.roster_size - len(roster)
        )
        for pid in available:
            position = self.players[pid].position
            if held[position] >= draft_max[position]:
                continue
            if must_fill and position not in needed:
                continue
            if position in ("K", "DEF") and round_number < KICKERS_AND_DEFENCES_FROM_ROUND:
                continue
            if position in IDP_POSITIONS and round_number < DEFENDERS_FROM_ROUND:
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
            for position in self.format.positions:
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
        for position, count, _ in self.format.roster_positions:
            if position in ("BN", "IR"):
                continue
            accepts = FLEX_ACCEPTS.get(position, (position,))
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
        order = [
            position for position, count, _ in self.format.roster_positions for _ in range(count)
        ]
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
        games = []
        for week in range(1, LEAGUE_END_WEEK + 1):
            homes = [
                (team, opponent)
                for (team, w), (opponent, is_home) in self._schedule.items()
                if w == week and is_home
            ]
            for index, (home, away) in enumerate(homes):
                home_implied = self._points_allowed(away, week, expected=True)
                away_implied = self._points_allowed(home, week, expected=True)
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
                        home_score=round(self._points_allowed(away, week)) if played else None,
                        away_score=round(self._points_allowed(home, week)) if played else None,
                    )
                )
        return games

    def _points_allowed(self, team: str, week: int, *, expected: bool = False) -> float:
        """What `team`'s defence allowed (or was expected to) in `week`: the other side's score.

        Read from the season, not the league's players: a league without team defences (IDP)
        plays the same NFL games."""
        synthetic = self._defences[team]
        source = self._season.expected.get((synthetic, week)) if expected else None
        line = source or self._season.lines[synthetic].get(week) or self._usual_line(synthetic)
        return float(line.get("31", 21.0))

    def thursday_teams(self, week: int) -> set[str]:
        first = min(
            (game for game in self._games if game.week == week),
            key=lambda game: game.kickoff,
        )
        return {first.home_team, first.away_team}


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
