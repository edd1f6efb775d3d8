"""A whole league-week in the database, in bulk: for statement-count tests and `make bench`.

12 teams with full rosters (QB, RB, WR, TE, K, DEF; standard slots), `available` unrostered
players, stat lines for the weeks before `week`, and an NFL schedule with byes and betting lines.
Project code (not a test module) so the benchmarks can use it; never used to serve.

Not a second builder of Yahoo data: the one builder (fantasy/yahoo/local/builder.py) describes
what Yahoo answers for one league-week, and the sync turns that into rows. This writes the rows a
season of syncs and schedule loads leaves behind (weeks of stat history, hundreds of free players,
the NFL's games with betting lines, none of which one Yahoo league-week holds) straight into the
tables, so that what reads them (insights, the API) can be measured at scale without measuring
the sync too. None of it is Yahoo's JSON, and no test of the sync or the parsers starts here.
"""

import itertools
import random
from dataclasses import dataclass

from accounts.models import User
from fantasy.models import (
    League,
    LeaguePlayer,
    NflGame,
    Player,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from fantasy.selectors import league_week_bounds

# Yahoo's usual roster layout, as `League.roster_positions` holds it (the tests' leagues too).
STANDARD_ROSTER = [
    {"position": "QB", "position_type": "O", "count": 1, "is_starting": True},
    {"position": "WR", "position_type": "O", "count": 2, "is_starting": True},
    {"position": "RB", "position_type": "O", "count": 2, "is_starting": True},
    {"position": "TE", "position_type": "O", "count": 1, "is_starting": True},
    {"position": "W/R/T", "position_type": "O", "count": 1, "is_starting": True},
    {"position": "K", "position_type": "K", "count": 1, "is_starting": True},
    {"position": "DEF", "position_type": "DT", "count": 1, "is_starting": True},
    {"position": "BN", "position_type": None, "count": 6, "is_starting": False},
    {"position": "IR", "position_type": None, "count": 1, "is_starting": False},
]
# Numbers of built leagues and their managers: apart from the factories' ones (10000 + n).
_BUILT = itertools.count(900000)

NFL_TEAMS_COUNT = 32
# Per roster: (position, how many); fills QB, 2 WR, 2 RB, TE, W/R/T, K, DEF and 6 bench spots.
ROSTER_SHAPE = [("QB", 2), ("RB", 5), ("WR", 5), ("TE", 2), ("K", 1), ("DEF", 1)]
AVAILABLE_SHAPE = [("QB", 0.1), ("RB", 0.25), ("WR", 0.3), ("TE", 0.15), ("K", 0.1), ("DEF", 0.1)]
MEAN_LINE = {
    "QB": {"4": 240, "5": 1.6, "6": 0.8, "9": 15, "8": 3},
    "RB": {"8": 12, "9": 50, "10": 0.4, "11": 2.5, "12": 18, "13": 0.1, "78": 3},
    "WR": {"11": 4, "12": 50, "13": 0.35, "78": 6.5},
    "TE": {"11": 3, "12": 32, "13": 0.25, "78": 4.5},
    "K": {"21": 0.8, "22": 0.5, "23": 0.2, "29": 2.3},
    "DEF": {"32": 2.4, "33": 0.8, "34": 0.5, "31": 22},
}
POSITION_TYPE = {"K": "K", "DEF": "DT"}
ELIGIBLE = {"RB": ["RB", "W/R/T"], "WR": ["WR", "W/R/T"], "TE": ["TE", "W/R/T"]}


@dataclass
class BuiltLeague:
    league: League
    linked_teams: list[Team]


def build_league_week(
    *,
    week: int = 6,
    teams: int = 12,
    available: int = 500,
    linked_teams: int = 1,
    seed: int = 1,
) -> BuiltLeague:
    rng = random.Random(seed)
    number = next(_BUILT)
    league = League.objects.create(
        yahoo_league_id=f"461.l.{number}",
        game_key="461",
        season=2025,
        name=f"League {number}",
        scoring_type="head",
        roster_positions=[dict(p) for p in STANDARD_ROSTER],
        num_teams=teams,
        current_week=week,
        start_week=1,
        end_week=17,  # the league's last fantasy week (Yahoo's usual), not the NFL's
        uses_faab=True,
        faab_budget=100,
    )
    # Each build has its own NFL (team codes by seed): one team defence per NFL team.
    nfl_teams = [f"S{seed}T{n:02d}" for n in range(NFL_TEAMS_COUNT)]
    _schedule(league, nfl_teams, rng)
    byes = {team: _bye_week(index) for index, team in enumerate(nfl_teams)}
    players: list[Player] = []
    for index in range(teams * sum(n for _, n in ROSTER_SHAPE) + available):
        position = _position(index, teams, available, rng)
        nfl_team = nfl_teams[index % NFL_TEAMS_COUNT]
        players.append(
            Player(
                yahoo_player_id=f"{league.id}-{index}",
                full_name=f"{position} {index}",
                position_primary=position,
                eligible_positions=ELIGIBLE.get(position, [position]),
                position_type=POSITION_TYPE.get(position, "O"),
                nfl_team=nfl_team,
                bye_week=byes[nfl_team],
                percent_owned=round(rng.uniform(0, 60), 2),
                percent_owned_delta=round(rng.uniform(-5, 8), 2),
            )
        )
    Player.objects.bulk_create(players)
    # As a sync would: every player is on one of the league's rosters or listed free in it.
    LeaguePlayer.objects.bulk_create(LeaguePlayer(league=league, player=p) for p in players)
    rostered_count = teams * sum(n for _, n in ROSTER_SHAPE)
    # Managers roster the better players: rostered 0.9-1.6 of a typical line, the rest 0.3-1.1.
    talent = {
        p.id: rng.uniform(0.9, 1.6) if index < rostered_count else rng.uniform(0.3, 1.1)
        for index, p in enumerate(players)
    }
    PlayerWeekStats.objects.bulk_create(
        PlayerWeekStats(
            player=p,
            season=league.season,
            week=w,
            stats={
                stat: round(max(0.0, rng.gauss(mean * talent[p.id], mean * 0.4)), 1)
                for stat, mean in MEAN_LINE[p.position_primary].items()
            },
        )
        for p in players
        for w in range(1, week)
        if w != p.bye_week
    )
    team_rows = Team.objects.bulk_create(
        Team(league=league, yahoo_team_key=f"{league.yahoo_league_id}.t.{n}", name=f"Team {n}")
        for n in range(1, teams + 1)
    )
    for team in team_rows[:linked_teams]:
        manager = next(_BUILT)
        team.manager_user = User.objects.create(
            yahoo_guid=f"BULK{manager}", email=f"manager{manager}@example.com"
        )
        team.faab_balance = 100 - team.id % 30
        team.save(update_fields=["manager_user", "faab_balance"])
    per_team = sum(n for _, n in ROSTER_SHAPE)
    slots = []
    for number, team in enumerate(team_rows):
        roster = players[number * per_team : (number + 1) * per_team]
        slots += _roster_slots(league, team, week, roster)
    RosterSlot.objects.bulk_create(slots)
    return BuiltLeague(league=league, linked_teams=team_rows[:linked_teams])


def _position(index: int, teams: int, available: int, rng: random.Random) -> str:
    per_team = sum(n for _, n in ROSTER_SHAPE)
    if index < teams * per_team:
        offset = index % per_team
        for position, count in ROSTER_SHAPE:
            if offset < count:
                return position
            offset -= count
    return rng.choices([p for p, _ in AVAILABLE_SHAPE], [w for _, w in AVAILABLE_SHAPE])[0]


def _roster_slots(league: League, team: Team, week: int, roster: list[Player]) -> list[RosterSlot]:
    """Starters in the first slot of their position, the rest on the bench (not optimal)."""
    open_slots = [
        row["position"]
        for row in STANDARD_ROSTER
        if row["is_starting"]
        for _ in range(row["count"])
    ]
    slots, counts, bench = [], {}, 0
    for player in roster:
        position = player.position_primary
        if position in open_slots:
            open_slots.remove(position)
            counts[position] = counts.get(position, 0) + 1
            label, starter = f"{position}{counts[position]}", True
        else:
            bench += 1
            position, label, starter = "BN", f"BN{bench}", False
        slots.append(
            RosterSlot(
                league=league,
                team=team,
                week=week,
                slot=label,
                position=position,
                player=player,
                is_starter=starter,
                is_editable=True,
            )
        )
    return slots


def _bye_week(team_index: int) -> int:
    return 5 + (team_index // 2) % 9


def _schedule(league: League, nfl_teams: list[str], rng: random.Random) -> None:
    """Circle-method pairings for every week the league plays (its bounds, the one season
    length when it has none); teams 2k and 2k+1 share a bye in weeks 5-13."""
    games = []
    first, last = league_week_bounds(league)
    for week in range(first, last + 1):
        playing = [t for i, t in enumerate(nfl_teams) if _bye_week(i) != week]
        rotation = playing[week % len(playing) :] + playing[: week % len(playing)]
        half = len(rotation) // 2
        for home, away in zip(rotation[:half], reversed(rotation[half:]), strict=True):
            games.append(
                NflGame(
                    season=league.season,
                    week=week,
                    home_team=home,
                    away_team=away,
                    home_spread=round(rng.uniform(-9, 9) * 2) / 2,
                    total=round(rng.uniform(38, 52) * 2) / 2,
                    home_score=rng.randint(6, 38),
                    away_score=rng.randint(6, 38),
                )
            )
    NflGame.objects.bulk_create(games)
