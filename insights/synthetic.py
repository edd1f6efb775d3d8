"""A generated NFL season whose truth is known (pure code, deterministic for a seed).

It is built to behave like real football (weekly spread by position calibrated on the real 2023
season; `season_variability` measures it), not to flatter a forecaster:
- each position group of a team shares its volume (carries, targets, passes, tackles) among its
  healthy players by their standing, so when a starter is out his backup takes over his volume;
- standings move during the season: a starter loses his job, a rookie breaks out and his usage
  grows week after week, a veteran fades;
- absences last several weeks (some injuries happen during a game, which leaves a short line)
  and a player comes back on reduced usage for two games;
- touchdowns follow realised yards and the team's red-zone luck that day, so they are noisy
  relative to volume and multi-TD games regress;
- each game has a script: an implied team total known before kickoff (`GameContext`), which a
  forecaster may use, and a realised swing that nobody knows.
Teams have byes; players are listed questionable or doubtful and sometimes sit. Used to check
projections (`insights.evaluation`) and to fill demo data.

Over 400 lines on purpose: a season is one random stream through teams, depth charts, usage,
injuries and games, tuned by the calibrated tables and spreads at its top.
"""

import math
import random
from dataclasses import dataclass, field

from insights.projections import GameContext, PlayerHistory

# Seasons as long as the ones the projection constants were fitted on (17 weeks, one bye each);
# the NFL's own length is fantasy.selectors.NFL_SEASON_WEEKS.
CALIBRATION_SEASON_WEEKS = 17

# Per-game lines of each depth-chart slot in a team's position group (Yahoo stat ids), fitted to
# the real 2023 season (shared/nfl-2023/season.json, never copied here): the mean lines of the
# players ranked 1-32, 33-64, ... at the position, then the defenders' solo/assisted tackles and
# the starting tight end rescaled so that each team-week's leading lines (QB 1, RB 2, WR 3, TE 1,
# K 1, DL 3, LB 3, DB 4 by points) have 2023's means. The spreads below were tuned the same way
# on those lines' sd, season maxima and counts of big weeks (400-yard passers, 12-catch
# receivers...); tests/demo/test_distributions.py compares them with the file.
# The group's volume is the sum of its slots; each healthy player gets a share of it (see
# `_SHARE_SHARPNESS`).
_DEPTH_CHARTS: dict[str, list[dict[str, float]]] = {
    "QB": [
        {"4": 228, "5": 1.45, "6": 0.75, "8": 3.8, "9": 16, "10": 0.2, "18": 0.4, "16": 0.08},
        {"4": 6, "5": 0.04, "6": 0.03, "8": 0.2, "9": 0.6, "18": 0.02},
    ],
    "RB": [
        {"8": 14, "9": 60, "10": 0.4, "11": 2.5, "12": 18, "13": 0.12, "18": 0.12, "78": 3.2},
        {"8": 7, "9": 29, "10": 0.15, "11": 1.5, "12": 11, "13": 0.05, "18": 0.06, "78": 2.0},
        {"8": 3.5, "9": 14, "10": 0.07, "11": 0.9, "12": 6.5, "13": 0.02, "18": 0.03, "78": 1.1},
    ],
    "WR": [
        {"11": 5.4, "12": 72, "13": 0.42, "9": 1.5, "8": 0.25, "78": 8.3, "18": 0.06, "16": 0.02},
        {"11": 3.6, "12": 46, "13": 0.29, "9": 0.8, "8": 0.16, "78": 5.9, "18": 0.05},
        {"11": 2.3, "12": 29, "13": 0.14, "9": 1.2, "8": 0.18, "78": 3.8, "18": 0.05},
        {"11": 1.5, "12": 17, "13": 0.09, "9": 1.4, "8": 0.2, "78": 2.5, "18": 0.05},
        {"11": 0.6, "12": 7, "13": 0.04, "78": 1, "15": 0.03},
    ],
    "TE": [
        {"11": 3.5, "12": 37, "13": 0.19, "9": 0.8, "8": 0.2, "78": 4.9, "18": 0.05},
        {"11": 1.6, "12": 16, "13": 0.12, "78": 2.3, "18": 0.02},
    ],
    "K": [{"20": 0.46, "21": 0.55, "22": 0.43, "23": 0.3, "29": 2.1}],
    "DEF": [{"32": 2.5, "33": 0.8, "34": 0.6, "35": 0.15, "36": 0.03, "37": 0.05, "49": 0.05}],
    "DL": [
        {"38": 2.3, "39": 1.3, "40": 0.78, "42": 0.12, "43": 0.06, "46": 0.24, "65": 1.0},
        {"38": 1.0, "39": 1.25, "40": 0.5, "42": 0.05, "43": 0.02, "46": 0.17, "65": 0.7},
        {"38": 0.25, "39": 1.1, "40": 0.33, "42": 0.04, "43": 0.04, "46": 0.12, "65": 0.5},
    ],
    "LB": [
        {"38": 4.6, "39": 2.5, "40": 0.4, "41": 0.09, "42": 0.12, "46": 0.32, "65": 0.6},
        {"38": 1.2, "39": 2.15, "40": 0.27, "41": 0.05, "42": 0.1, "46": 0.24, "65": 0.4},
        {"38": 0.1, "39": 1.7, "40": 0.25, "41": 0.03, "42": 0.06, "46": 0.16, "65": 0.3},
    ],
    "DB": [
        {"38": 3.43, "39": 1.57, "41": 0.22, "42": 0.09, "43": 0.06, "46": 0.81, "65": 0.33},
        {"38": 3.1, "39": 1.27, "41": 0.17, "42": 0.06, "43": 0.04, "46": 0.78, "65": 0.19},
        {"38": 2.64, "39": 1.32, "41": 0.13, "42": 0.08, "43": 0.05, "46": 0.54, "65": 0.18},
        {"38": 2.38, "39": 1.03, "41": 0.09, "42": 0.05, "43": 0.04, "46": 0.59, "44": 0.01},
    ],
}
# How sharply a group concentrates its volume on its best healthy player: shares go as
# standing ** sharpness (a backup quarterback plays only when the starter does not).
_SHARE_SHARPNESS = {"QB": 3.0}
# Counts whose realised value sets the yards that follow them, and yards per unit of it.
_YARDS_PER: dict[str, tuple[str, float]] = {"9": ("8", 1.3), "12": ("11", 3.0)}  # gamma shape
_TD_FROM_YARDS = {"5": "4", "10": "9", "13": "12"}  # touchdowns follow realised yards
# Touchdowns are less dispersed than Poisson counts (2023 starters' passing TDs: sd 1.08 at mean
# 1.36, a Poisson's would be 1.17; no one caught or ran in more than 3): a binomial over this
# many scoring chances a game.
_RARE_CHANCES = {"5": 6, "10": 4, "13": 4, "6": 5}  # and interceptions (2023: at most 4)
_FIELD_GOAL_CHANCES = 5  # likewise a kicker's field goals (2023: at most 6, mostly 0-3)
# Likewise a defender's counts, as chances a game (2023's most in a game: 11 solo and 13 assisted
# tackles, 3.5 sacks, 4 tackles for loss, 5 passes defended).
_IDP_CHANCES = {"38": 10, "39": 12, "40": 4, "65": 4, "46": 4}
_PASS_YARDS_SHAPE = 40.0  # gamma shape of a quarterback's yards around their expectation
_USAGE_SPREAD = 0.08  # game-to-game swing of one player's share of his group's volume
_SCRIPT_SPREAD = 0.10  # the realised game script: a team's volume swing that day
_SCRIPT_CEILING = 1.2  # a game has only so many snaps (an NFL team's busiest: ~1.3 times usual)
_RED_ZONE_SPREAD = 0.25  # the team's touchdown luck that day, shared by its scorers
# Game-to-game swing of a defender's chances (overdispersed tackles, sacks): a lineman's days
# are the most uneven (2023's leaders: weekly points' CV 0.83, linebackers' 0.67).
_IDP_SPREAD = {"DL": 0.8, "LB": 0.5, "DB": 0.5}
_IDP_CEILING = 1.5  # a defender's busiest day (2023: 11 solo tackles at most)
_KICK_SPREAD = 0.08
# The most a game's plan (team total, matchup, talent) lifts a role's usual line: 2023's best
# per-game passer (272 yards) and most targeted receiver (10.7) were about 1.2-1.3 times the
# starters' mean.
_PLAN_CEILING = 1.2
# The most of his group's volume one player draws in a game (a receiver whose teammates are out
# still shares the targets with men outside the group).
_SHARE_CEILING = {"WR": 0.45, "RB": 0.75, "TE": 0.85}
# Quarterbacks differ most in their legs (2023 starters' rushing yards: sd 18.9 at mean 16.8).
_QB_LEGS_SPREAD = 0.6
_QB_LEGS_CEILING = 2.2  # 2023's best rushing quarterbacks: about 2-2.5 times the mean
# Position groups whose absent members' volume is not shared among the rest: defences rotate
# more men than the group holds, so a defender's tackles do not grow when a teammate is out.
_DEEP_ROTATIONS = ("DL", "LB", "DB")
_TALENT_SPREAD = 0.08  # player-to-player spread of efficiency within a role
_STANDING_SPREAD = 0.25  # player-to-player spread of usage within a role
_WEEKLY_DRIFT = 0.03  # random walk of a player's usage from week to week
_OFFENCE_SPREAD = 0.12  # how much offences differ in points per game
_DEFENCE_SPREAD = 0.07  # how much defences differ in what they allow
_LEAGUE_TOTAL = 22.0  # points per team per game
_HOME_EDGE = 1.03
_TOTAL_ELASTICITY = 0.5  # volume scales as (implied total / league average) ** this
# Role changes per team position group and season (offence; defenders are steadier).
_BENCHING_RATE = 0.10  # a starter loses his job to the next man
_BREAKOUT_RATE = 0.14  # a backup (often a rookie) whose usage grows week after week
_FADE_RATE = 0.10  # a starter whose usage fades week after week
_STANDING_CEILING = 1.2  # no one grows past this multiple of his group's top initial standing
_BENCHED_STANDING = 0.3  # a benched starter keeps this much of his standing
_BREAKOUT_GROWTH = (0.06, 0.15)  # standing gained per week by a breakout, drawn in this range
_FADE_LOSS = (0.03, 0.08)  # standing lost per week by a fading starter
_INJURY_RATE = 0.035  # chance per game that a player gets hurt
_IN_GAME_INJURY = 0.5  # share of injuries that happen during a game (a short line, then out)
_RETURN_USAGE = (0.6, 0.85)  # usage in the first and second games back from an absence
_STATUS_PLAYS = {"Q": 0.85, "D": 0.3}  # chance a questionable/doubtful player still plays
_QUESTIONABLE_USAGE = 0.9
_FIRST_NAMES = ("Alex", "Blake", "Casey", "Drew", "Eli", "Jordan", "Kai", "Logan", "Micah", "Quinn")
_LAST_NAMES = ("Adams", "Brooks", "Carter", "Davis", "Ellis", "Foster", "Grant", "Hayes", "Irwin")


@dataclass(frozen=True)
class SyntheticPlayer:
    player_id: int
    name: str
    position: str
    nfl_team: str
    bye_week: int
    depth: int  # 1 = the starter in his position group at the start of the season


@dataclass(frozen=True)
class RoleChange:
    """A change of standing in a position group, for tests and demo stories."""

    kind: str  # "takeover" (starter out, backup up), "benched", "breakout", "fade"
    week: int  # first week it shows
    player_id: int  # the player whose usage rose ("takeover", "breakout") or fell
    other_id: int | None = None  # the starter he replaced, or the one who replaced him


@dataclass(frozen=True)
class SyntheticSeason:
    seed: int
    weeks: int
    teams: list[str]
    players: list[SyntheticPlayer]
    lines: dict[int, dict[int, dict[str, float]]]  # player -> week -> line, weeks played only
    statuses: dict[tuple[int, int], str]  # (player, week) -> status known before kickoff
    schedule: dict[tuple[str, int], GameContext]  # (team, week) -> game; absent = bye
    expected: dict[tuple[int, int], dict[str, float]] = field(repr=False)  # the truth
    # (player, week) -> his share of his position group's volume, weeks played only
    usage: dict[tuple[int, int], float] = field(default_factory=dict, repr=False)
    role_changes: list[RoleChange] = field(default_factory=list)

    def histories(self, *, status_week: int | None = None) -> list[PlayerHistory]:
        """Every player with all his lines; status as announced for `status_week`."""
        return [
            PlayerHistory(
                player_id=player.player_id,
                position=player.position,
                nfl_team=player.nfl_team,
                status=self.statuses.get((player.player_id, status_week)) if status_week else None,
                bye_week=player.bye_week,
                weeks=self.lines[player.player_id],
            )
            for player in self.players
        ]


def generate_season(
    seed: int, n_teams: int = 32, weeks: int = CALIBRATION_SEASON_WEEKS
) -> SyntheticSeason:
    if n_teams < 4 or n_teams % 2:
        raise ValueError("n_teams must be an even number of at least 4")
    rng = random.Random(seed)
    teams = [f"T{index:02d}" for index in range(1, n_teams + 1)]
    byes = _bye_weeks(rng, teams, weeks)
    offence = {team: rng.lognormvariate(0, _OFFENCE_SPREAD) for team in teams}
    defence = {team: rng.lognormvariate(0, _DEFENCE_SPREAD) for team in teams}
    schedule = _schedule(rng, teams, byes, weeks, offence, defence)
    season = _SeasonBuilder(rng, weeks, schedule, offence, defence)
    for team in teams:
        days = {
            week: _GameDay(
                script=min(
                    _SCRIPT_CEILING, rng.lognormvariate(-(_SCRIPT_SPREAD**2) / 2, _SCRIPT_SPREAD)
                ),
                red_zone=rng.lognormvariate(-(_RED_ZONE_SPREAD**2) / 2, _RED_ZONE_SPREAD),
            )
            for week in range(1, weeks + 1)
        }
        for position, depth_chart in _DEPTH_CHARTS.items():
            # Each group draws from a stream of its own: retuning one position's spreads leaves
            # every other position's season as it was.
            season.rng = random.Random(f"{seed}:{team}:{position}")
            group = [
                season.add_player(team, position, depth, byes[team])
                for depth in range(1, len(depth_chart) + 1)
            ]
            season.play_group(group, depth_chart, days)
    return SyntheticSeason(
        seed=seed,
        weeks=weeks,
        teams=teams,
        players=season.players,
        lines=season.lines,
        statuses=season.statuses,
        schedule=schedule,
        expected=season.expected,
        usage=season.usage,
        role_changes=season.role_changes,
    )


def _bye_weeks(rng: random.Random, teams: list[str], weeks: int) -> dict[str, int]:
    """Byes in pairs over the middle of the season, so the playing teams stay even."""
    bye_span = list(range(5, max(6, weeks - 3)))
    shuffled = rng.sample(teams, len(teams))
    return {team: bye_span[(index // 2) % len(bye_span)] for index, team in enumerate(shuffled)}


def _schedule(
    rng: random.Random,
    teams: list[str],
    byes: dict[str, int],
    weeks: int,
    offence: dict[str, float],
    defence: dict[str, float],
) -> dict[tuple[str, int], GameContext]:
    """Pairings with each side's implied total (what a betting line would say before kickoff)."""
    schedule: dict[tuple[str, int], GameContext] = {}
    for week in range(1, weeks + 1):
        playing = [team for team in teams if byes[team] != week]
        rng.shuffle(playing)
        for home, away in zip(playing[::2], playing[1::2], strict=True):
            home_total = _LEAGUE_TOTAL * offence[home] * defence[away] * _HOME_EDGE
            away_total = _LEAGUE_TOTAL * offence[away] * defence[home] / _HOME_EDGE
            schedule[(home, week)] = GameContext(
                team=home, week=week, opponent=away, is_home=True, implied_total=_half(home_total)
            )
            schedule[(away, week)] = GameContext(
                team=away, week=week, opponent=home, is_home=False, implied_total=_half(away_total)
            )
    return schedule


def _half(value: float) -> float:
    return round(value * 2) / 2


@dataclass(frozen=True)
class _GameDay:
    script: float  # realised volume swing of the team's offence
    red_zone: float  # realised touchdown luck of the team


@dataclass
class _Member:
    """One player of a position group and how his standing moves over the season."""

    player: SyntheticPlayer
    standing: float  # usage weight: shares of the group's volume go by standing
    efficiency: float  # yards and touchdowns per unit of volume, relative to the role
    legs: float = 1.0  # a quarterback's rushing, relative to the role's
    growth: float = 0.0  # standing change per week (breakouts > 0, fades < 0)
    benched_from: int | None = None
    promoted_from: int | None = None  # the week he takes the benched starter's job
    out_weeks: int = 0
    games_back: int = 99  # games since returning from an absence


class _SeasonBuilder:
    def __init__(self, rng, weeks, schedule, offence, defence) -> None:
        self.rng: random.Random = rng
        self.weeks: int = weeks
        self.schedule: dict[tuple[str, int], GameContext] = schedule
        self.offence: dict[str, float] = offence
        self.defence: dict[str, float] = defence
        self.position_defence = {
            (team, position): rng.lognormvariate(0, _DEFENCE_SPREAD)
            for team in offence
            for position in _DEPTH_CHARTS
        }
        self.players: list[SyntheticPlayer] = []
        self.lines: dict[int, dict[int, dict[str, float]]] = {}
        self.statuses: dict[tuple[int, int], str] = {}
        self.expected: dict[tuple[int, int], dict[str, float]] = {}
        self.usage: dict[tuple[int, int], float] = {}
        self.role_changes: list[RoleChange] = []

    def add_player(self, team: str, position: str, depth: int, bye_week: int) -> _Member:
        rng = self.rng
        player = SyntheticPlayer(
            player_id=len(self.players) + 1,
            name=f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
            position=position,
            nfl_team=team,
            bye_week=bye_week,
            depth=depth,
        )
        self.players.append(player)
        self.lines[player.player_id] = {}
        chart = _DEPTH_CHARTS[position]
        slot_share = _volume(chart[depth - 1]) / sum(_volume(line) for line in chart)
        return _Member(
            player=player,
            standing=slot_share * rng.lognormvariate(0, _STANDING_SPREAD),
            efficiency=rng.lognormvariate(0, _TALENT_SPREAD),
            legs=min(
                _QB_LEGS_CEILING, rng.lognormvariate(-(_QB_LEGS_SPREAD**2) / 2, _QB_LEGS_SPREAD)
            )
            if position == "QB"
            else 1.0,
        )

    def play_group(
        self, group: list[_Member], chart: list[dict[str, float]], days: dict[int, _GameDay]
    ) -> None:
        position = group[0].player.position
        total_line = {
            stat: sum(line.get(stat, 0.0) for line in chart) for line in chart for stat in line
        }
        if len(group) > 1 and position in ("QB", "RB", "WR", "TE"):
            self._plan_role_changes(group)
        starter = group[0]
        ceiling = _STANDING_CEILING * max(member.standing for member in group)
        for week in range(1, self.weeks + 1):
            top = max(member.standing for member in group)
            for member in group:
                member.standing *= self.rng.lognormvariate(0, _WEEKLY_DRIFT) * (1 + member.growth)
                member.standing = min(member.standing, ceiling)
                if member.benched_from == week:
                    member.standing *= _BENCHED_STANDING
                if member.promoted_from == week:  # the new starter inherits the job
                    member.standing = max(member.standing, top)
            game = self.schedule.get((starter.player.nfl_team, week))
            if game is None:
                continue
            playing = {m.player.player_id: u for m in group if (u := self._availability(m, week))}
            # A man hurt during the game (negative usage) claims his full share of the plan;
            # `_in_game_share` below cuts it to the part of the game he played.
            weights = {
                player_id: (m.standing * max(usage, 0.0) or m.standing)
                ** _SHARE_SHARPNESS.get(position, 1.0)
                for m in group
                if (usage := playing.get(player_id := m.player.player_id)) is not None
            }
            if position not in _DEEP_ROTATIONS:
                self._note_takeover(group, playing, week)
            total = sum(weights.values())
            if position in _DEEP_ROTATIONS:  # absent defenders' snaps go to men outside the group
                total = max(total, sum(m.standing for m in group))
            for member in group:
                player_id = member.player.player_id
                if player_id not in weights:
                    continue
                share = weights[player_id] / total * _in_game_share(playing[player_id])
                mean_line = self._mean_line(member, total_line, share, game)
                self.usage[(player_id, week)] = round(share, 4)
                self.expected[(player_id, week)] = mean_line
                self.lines[player_id][week] = self._draw(member, mean_line, days[week])

    def _plan_role_changes(self, group: list[_Member]) -> None:
        rng = self.rng
        starter, backup = group[0], group[1]
        if rng.random() < _BENCHING_RATE:
            week = rng.randint(3, max(3, self.weeks - 5))
            starter.benched_from = backup.promoted_from = week
            backup.growth = 0.02
            self.role_changes.append(
                RoleChange("benched", week, starter.player.player_id, backup.player.player_id)
            )
        elif rng.random() < _BREAKOUT_RATE:
            riser = rng.choice(group[1:])
            riser.growth = rng.uniform(*_BREAKOUT_GROWTH)
            riser.efficiency *= 1.1
            self.role_changes.append(RoleChange("breakout", 2, riser.player.player_id))
        if rng.random() < _FADE_RATE and starter.benched_from is None:
            starter.growth = -rng.uniform(*_FADE_LOSS)
            self.role_changes.append(RoleChange("fade", 2, starter.player.player_id))

    def _availability(self, member: _Member, week: int) -> float:
        """His usage this week (0: he does not play; a negative value: hurt during the game)."""
        rng, player_id = self.rng, member.player.player_id
        if member.out_weeks:
            member.out_weeks -= 1
            self.statuses[(player_id, week)] = "O"
            if not member.out_weeks:
                member.games_back = 0
            return 0.0
        if rng.random() < _INJURY_RATE:
            member.out_weeks = 1 + min(int(rng.expovariate(0.45)), 7)
            if rng.random() >= _IN_GAME_INJURY:
                return self._availability(member, week)  # hurt in practice: out from now
            return -rng.uniform(0.1, 0.7)  # he leaves this game early
        usage = 1.0
        if member.games_back < len(_RETURN_USAGE):
            usage = _RETURN_USAGE[member.games_back]
        member.games_back += 1
        status = _game_status(rng)
        if status:
            self.statuses[(player_id, week)] = status
            if rng.random() > _STATUS_PLAYS[status]:
                return 0.0
            usage *= _QUESTIONABLE_USAGE
        return usage

    def _note_takeover(self, group: list[_Member], playing: dict[int, float], week: int) -> None:
        """A starter out this week after playing last week: the next healthy man takes over."""
        starter = max(group, key=lambda m: m.standing)
        starter_id = starter.player.player_id
        if self.statuses.get((starter_id, week)) != "O" or (
            self.statuses.get((starter_id, week - 1)) == "O"
        ):
            return
        backups = [m for m in group if m.player.player_id in playing and m is not starter]
        if backups:
            heir = max(backups, key=lambda m: m.standing)
            self.role_changes.append(
                RoleChange("takeover", week, heir.player.player_id, starter_id)
            )

    def _mean_line(
        self, member: _Member, total_line: dict[str, float], share: float, game: GameContext
    ) -> dict[str, float]:
        position, team = member.player.position, member.player.nfl_team
        matchup = self.position_defence[(game.opponent, position)]
        if position == "DEF" or position in ("DL", "LB", "DB"):
            # Defenders see more chances against weak offences that must pass and turn it over.
            pace = (self.offence[game.opponent] * self.defence[team]) ** -0.5
            line = {stat: value * share * pace * matchup for stat, value in total_line.items()}
            if position == "DEF":
                opponent_game = self.schedule[(game.opponent, game.week)]
                line["31"] = opponent_game.implied_total
            return line
        volume = (game.implied_total / _LEAGUE_TOTAL) ** _TOTAL_ELASTICITY * matchup
        plan = {
            stat: min(
                _PLAN_CEILING,
                volume * (member.efficiency if stat in ("4", "5", "9", "10", "12", "13") else 1.0),
            )
            for stat in total_line
        }
        share = min(share, _SHARE_CEILING.get(position, 1.0))
        return {
            stat: value * share * plan[stat] * (member.legs if stat in ("8", "9", "10") else 1.0)
            for stat, value in total_line.items()
        }

    def _draw(self, member: _Member, mean_line: dict[str, float], day: _GameDay) -> dict:
        rng, position = self.rng, member.player.position
        line: dict[str, float] = {}
        if position in ("DL", "LB", "DB"):
            spread = _IDP_SPREAD[position]
            chances = min(_IDP_CEILING, rng.lognormvariate(-(spread**2) / 2, spread))
            line = {}
            for stat, mean in mean_line.items():
                trials = _IDP_CHANCES.get(stat)
                count = (
                    _binomial(rng, trials, min(1.0, mean * chances / trials))
                    if trials
                    else _poisson(rng, mean * chances)
                )
                if count:
                    line[stat] = float(count)
            return line
        if position == "K":
            kicks = day.script * rng.lognormvariate(-(_KICK_SPREAD**2) / 2, _KICK_SPREAD)
            line = _counts(rng, {"29": mean_line.get("29", 0.0) * day.red_zone})
            distances = {s: m for s, m in mean_line.items() if s != "29"}
            made = _binomial(
                rng, _FIELD_GOAL_CHANCES, kicks * sum(distances.values()) / _FIELD_GOAL_CHANCES
            )
            for stat in rng.choices(list(distances), weights=list(distances.values()), k=made):
                line[stat] = line.get(stat, 0.0) + 1
            return line
        if position == "DEF":
            line = _counts(rng, {s: m for s, m in mean_line.items() if s != "31"})
            line["31"] = float(max(0, round(rng.gauss(mean_line["31"], 9.0))))
            return line
        usage = day.script * rng.lognormvariate(-(_USAGE_SPREAD**2) / 2, _USAGE_SPREAD)
        for stat in sorted(mean_line, key=_draw_order):
            mean = mean_line[stat]
            if mean <= 0:
                continue
            if stat == "4":
                shape = _PASS_YARDS_SHAPE
                value = float(round(rng.gammavariate(shape, mean * usage / shape)))
            elif stat in _YARDS_PER:
                count_id, shape = _YARDS_PER[stat]
                count_mean = mean_line.get(count_id, 0.0)
                count = line.get(count_id, 0.0)
                per_unit = mean / count_mean if count_mean else 0.0
                value = (
                    float(round(rng.gammavariate(shape * count, per_unit / shape)))
                    if count and per_unit
                    else 0.0
                )
            elif stat in _TD_FROM_YARDS:
                yards_id = _TD_FROM_YARDS[stat]
                yards_mean = mean_line.get(yards_id, 0.0)
                per_yard = mean / yards_mean if yards_mean else 0.0
                mean_tds = per_yard * line.get(yards_id, 0.0)
                if stat != "5":  # a passer's on top of his binomial made 2023's 4-TD games double
                    mean_tds *= day.red_zone
                chances = _RARE_CHANCES[stat]
                value = float(_binomial(rng, chances, min(1.0, mean_tds / chances)))
            elif stat == "11":
                targets_mean = mean_line.get("78", 0.0)
                catch_rate = min(1.0, mean / targets_mean) if targets_mean else 0.0
                targets = int(line.get("78", 0))
                value = float(sum(rng.random() < catch_rate for _ in range(targets)))
            elif stat in ("8", "78"):
                value = float(_poisson(rng, mean * usage))
            else:
                chances = _RARE_CHANCES.get(stat)
                value = float(
                    _binomial(rng, chances, min(1.0, mean / chances))
                    if chances
                    else _poisson(rng, mean)
                )
            if value:
                line[stat] = value
        return line


def _volume(line: dict[str, float]) -> float:
    """A slot's size: its share of its group's fantasy output (yards and tackles alike)."""
    return sum(line.get(stat, 0.0) * weight for stat, weight in _VOLUME_WEIGHTS.items())


_VOLUME_WEIGHTS = {"4": 0.04, "9": 0.1, "12": 0.1, "11": 1.0, "38": 1.0, "39": 0.5, "40": 2.0}
_VOLUME_WEIGHTS |= {"20": 3.0, "21": 3.0, "22": 4.0, "23": 5.0, "29": 1.0, "32": 1.0}


def _draw_order(stat: str) -> int:
    """Volumes first, then yards that follow them, then touchdowns that follow the yards."""
    if stat in ("8", "78"):
        return 0
    if stat == "11":
        return 1
    if stat in _YARDS_PER or stat == "4":
        return 2
    return 3


def _in_game_share(usage: float) -> float:
    """A negative usage marks a player hurt during the game: he played that share of it."""
    return -usage if usage < 0 else 1.0


def _counts(rng: random.Random, means: dict[str, float]) -> dict[str, float]:
    line = {}
    for stat, mean in means.items():
        value = float(_poisson(rng, mean))
        if value:
            line[stat] = value
    return line


def _game_status(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.02:
        return "D"
    if roll < 0.10:
        return "Q"
    return None


def _binomial(rng: random.Random, trials: int, chance: float) -> int:
    return sum(rng.random() < chance for _ in range(trials))


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method for small means; a rounded normal for large ones (tackles, attempts)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count
