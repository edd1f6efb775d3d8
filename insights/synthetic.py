"""A generated NFL season whose truth is known (pure code, deterministic for a seed).

Every player has an expected stat line per game (his talent and role, drifting a little week to
week); a game's line is that expectation scaled by the opponent's defence and drawn with noise
(Poisson for counts such as touchdowns, a normal spread for yards). Teams have byes; players get
hurt (status "O" for the weeks out), are listed questionable or doubtful and sometimes sit.
Used to check projections (`insights.evaluation`) and to fill demo data.
"""

import math
import random
from dataclasses import dataclass, field

from insights.projections import GameContext, PlayerHistory

# Roster of each generated team: position -> expected lines of its depth chart, best first.
# Numbers are per-game means in Yahoo stat ids, close to 2023 NFL averages for such roles.
_DEPTH_CHARTS: dict[str, list[dict[str, float]]] = {
    "QB": [
        {"4": 245, "5": 1.6, "6": 0.8, "8": 4, "9": 18, "10": 0.15, "18": 0.2, "16": 0.05},
        {"4": 40, "5": 0.2, "6": 0.15, "8": 1, "9": 3, "10": 0.02, "18": 0.05},
    ],
    "RB": [
        {"8": 16, "9": 70, "10": 0.5, "11": 3, "12": 22, "13": 0.12, "18": 0.1, "78": 4},
        {"8": 8, "9": 33, "10": 0.25, "11": 2, "12": 14, "13": 0.06, "18": 0.05, "78": 2.5},
        {"8": 3, "9": 12, "10": 0.08, "11": 0.8, "12": 6, "13": 0.02, "78": 1},
    ],
    "WR": [
        {"11": 6, "12": 80, "13": 0.5, "9": 2, "8": 0.3, "78": 9, "18": 0.05, "16": 0.05},
        {"11": 4.5, "12": 55, "13": 0.35, "9": 1, "8": 0.2, "78": 6.5, "18": 0.04},
        {"11": 3, "12": 35, "13": 0.2, "78": 4.5, "18": 0.03},
        {"11": 1.2, "12": 14, "13": 0.08, "78": 2},
        {"11": 0.6, "12": 7, "13": 0.04, "78": 1, "15": 0.03},
    ],
    "TE": [
        {"11": 4, "12": 42, "13": 0.35, "78": 5.5, "18": 0.03},
        {"11": 1.3, "12": 13, "13": 0.1, "78": 1.8},
    ],
    "K": [{"19": 0.03, "20": 0.45, "21": 0.5, "22": 0.45, "23": 0.25, "29": 2.3}],
    "DEF": [{"32": 2.5, "33": 0.8, "34": 0.6, "35": 0.15, "36": 0.03, "37": 0.05, "49": 0.05}],
    "DL": [
        {"38": 2.2, "39": 1.4, "40": 0.55, "42": 0.1, "43": 0.05, "46": 0.2, "65": 0.7},
        {"38": 1.6, "39": 1.2, "40": 0.3, "42": 0.05, "43": 0.04, "46": 0.15, "65": 0.45},
        {"38": 1.1, "39": 0.9, "40": 0.2, "42": 0.03, "43": 0.03, "46": 0.1, "65": 0.3},
    ],
    "LB": [
        {
            "38": 5.5,
            "39": 3.2,
            "40": 0.2,
            "41": 0.05,
            "42": 0.06,
            "43": 0.04,
            "46": 0.35,
            "65": 0.6,
        },
        {
            "38": 3.6,
            "39": 2.4,
            "40": 0.15,
            "41": 0.04,
            "42": 0.04,
            "43": 0.03,
            "46": 0.25,
            "65": 0.4,
        },
        {"38": 1.2, "39": 0.8, "40": 0.05, "46": 0.08, "65": 0.1},
    ],
    "DB": [
        {
            "38": 4.4,
            "39": 1.5,
            "41": 0.15,
            "42": 0.05,
            "43": 0.04,
            "46": 0.8,
            "65": 0.2,
            "40": 0.05,
        },
        {"38": 3.6, "39": 1.2, "41": 0.12, "42": 0.04, "43": 0.03, "46": 0.65, "65": 0.15},
        {"38": 2.5, "39": 1.0, "41": 0.08, "42": 0.03, "43": 0.03, "46": 0.45, "65": 0.1},
        {"38": 1.2, "39": 0.6, "41": 0.04, "46": 0.2, "44": 0.01},
    ],
}
_YARD_STATS = {"4", "9", "12"}  # drawn from a normal spread; everything else from a Poisson
_YARD_SPREAD = 0.45  # coefficient of variation of a game's yards around their expectation
_TALENT_SPREAD = 0.22  # player-to-player spread of expected lines within a role
_WEEKLY_DRIFT = 0.04  # random walk of a player's expected line from week to week
_DEFENCE_SPREAD = 0.12  # how much defences differ in what they allow
_INJURY_RATE = 0.035  # chance per healthy week that a player gets hurt
_STATUS_PLAYS = {"Q": 0.85, "D": 0.3}  # chance a questionable/doubtful player still plays
_FIRST_NAMES = ("Alex", "Blake", "Casey", "Drew", "Eli", "Jordan", "Kai", "Logan", "Micah", "Quinn")
_LAST_NAMES = ("Adams", "Brooks", "Carter", "Davis", "Ellis", "Foster", "Grant", "Hayes", "Irwin")


@dataclass(frozen=True)
class SyntheticPlayer:
    player_id: int
    name: str
    position: str
    nfl_team: str
    bye_week: int
    depth: int  # 1 = the starter in his position group


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


def generate_season(seed: int, n_teams: int = 32, weeks: int = 17) -> SyntheticSeason:
    if n_teams < 4 or n_teams % 2:
        raise ValueError("n_teams must be an even number of at least 4")
    rng = random.Random(seed)
    teams = [f"T{index:02d}" for index in range(1, n_teams + 1)]
    byes = _bye_weeks(rng, teams, weeks)
    schedule = _schedule(rng, teams, byes, weeks)
    offence = {team: rng.lognormvariate(0, 0.1) for team in teams}
    defence = {
        (team, position): rng.lognormvariate(0, _DEFENCE_SPREAD)
        for team in teams
        for position in _DEPTH_CHARTS
    }
    players: list[SyntheticPlayer] = []
    lines: dict[int, dict[int, dict[str, float]]] = {}
    statuses: dict[tuple[int, int], str] = {}
    expected: dict[tuple[int, int], dict[str, float]] = {}
    for team in teams:
        for position, depth_chart in _DEPTH_CHARTS.items():
            for depth, role in enumerate(depth_chart, start=1):
                player = SyntheticPlayer(
                    player_id=len(players) + 1,
                    name=f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
                    position=position,
                    nfl_team=team,
                    bye_week=byes[team],
                    depth=depth,
                )
                players.append(player)
                talent = rng.lognormvariate(0, _TALENT_SPREAD)
                if position in ("QB", "RB", "WR", "TE", "K"):
                    talent *= offence[team]
                lines[player.player_id] = _play_season(
                    rng, player, role, talent, schedule, defence, offence, weeks, statuses, expected
                )
    return SyntheticSeason(
        seed=seed,
        weeks=weeks,
        teams=teams,
        players=players,
        lines=lines,
        statuses=statuses,
        schedule=schedule,
        expected=expected,
    )


def _bye_weeks(rng: random.Random, teams: list[str], weeks: int) -> dict[str, int]:
    """Byes in pairs over the middle of the season, so the playing teams stay even."""
    bye_span = list(range(5, max(6, weeks - 3)))
    shuffled = rng.sample(teams, len(teams))
    return {team: bye_span[(index // 2) % len(bye_span)] for index, team in enumerate(shuffled)}


def _schedule(
    rng: random.Random, teams: list[str], byes: dict[str, int], weeks: int
) -> dict[tuple[str, int], GameContext]:
    schedule: dict[tuple[str, int], GameContext] = {}
    for week in range(1, weeks + 1):
        playing = [team for team in teams if byes[team] != week]
        rng.shuffle(playing)
        for home, away in zip(playing[::2], playing[1::2], strict=True):
            schedule[(home, week)] = GameContext(team=home, week=week, opponent=away, is_home=True)
            schedule[(away, week)] = GameContext(team=away, week=week, opponent=home, is_home=False)
    return schedule


def _play_season(
    rng: random.Random,
    player: SyntheticPlayer,
    role: dict[str, float],
    talent: float,
    schedule: dict[tuple[str, int], GameContext],
    defence: dict[tuple[str, str], float],
    offence: dict[str, float],
    weeks: int,
    statuses: dict[tuple[int, int], str],
    expected: dict[tuple[int, int], dict[str, float]],
) -> dict[int, dict[str, float]]:
    played: dict[int, dict[str, float]] = {}
    weeks_out = 0
    for week in range(1, weeks + 1):
        talent *= rng.lognormvariate(0, _WEEKLY_DRIFT)
        game = schedule.get((player.nfl_team, week))
        if game is None:
            continue
        if weeks_out == 0 and rng.random() < _INJURY_RATE:
            weeks_out = 1 + min(int(rng.expovariate(0.5)), 6)
        if weeks_out:
            weeks_out -= 1
            statuses[(player.player_id, week)] = "O"
            continue
        status = _game_status(rng)
        if status:
            statuses[(player.player_id, week)] = status
            if rng.random() > _STATUS_PLAYS[status]:
                continue
        matchup = defence[(game.opponent, player.position)]
        mean_line = {stat: value * talent * matchup for stat, value in role.items()}
        if player.position == "DEF":
            mean_line["31"] = 21.5 * offence[game.opponent] / matchup
        expected[(player.player_id, week)] = mean_line
        played[week] = _draw_line(rng, mean_line)
    return played


def _game_status(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.02:
        return "D"
    if roll < 0.10:
        return "Q"
    return None


def _draw_line(rng: random.Random, mean_line: dict[str, float]) -> dict[str, float]:
    line: dict[str, float] = {}
    for stat, mean in mean_line.items():
        if stat in _YARD_STATS:
            value = float(max(0, round(rng.gauss(mean, _YARD_SPREAD * mean))))
        elif stat == "31":
            value = float(max(0, round(rng.gauss(mean, 9.0))))
        else:
            value = float(_poisson(rng, mean))
        if value:
            line[stat] = value
    return line


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means of per-game counts."""
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count
