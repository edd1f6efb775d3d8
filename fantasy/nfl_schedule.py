"""Reading an NFL schedule, with data-quality checks (fantasy.services.schedule downloads it).

Three shapes are read (`schedule_read` picks by content):

1. Game rows, as CSV (header line) or JSON (`[{…}, …]` or `{"games": [{…}], "byes": {…}}`):

   | column   | required | meaning                                                          |
   |----------|----------|------------------------------------------------------------------|
   | season   | yes      | 2025                                                             |
   | week     | yes      | 1-18 regular season, later weeks for playoffs                    |
   | home     | yes      | home team code, Yahoo's (`KC`, `LAR`, `JAX`, `WAS`), any case    |
   | away     | yes      | away team code                                                   |
   | kickoff  | no       | ISO 8601 with offset (`2025-09-07T20:20:00-04:00`); naive = UTC  |
   | status   | no       | `scheduled` (default), `in_progress`, `final`, `postponed`       |
   | spread   | no       | the home team's spread: -3.5 = home favoured by 3.5              |
   | total    | no       | the over/under                                                   |
   | home_score, away_score | no | final or live score                                   |
   | weather_bucket | no | 0 calm or dome .. 4 severe (wind, snow, heavy rain)              |

   JSON may add `"byes": {"KC": [10], …}`; without byes, a team may go gameless in at most
   one week of the file.

2. Team weeks, the shape of `shared/nfl-2023/season.json`:
   `{"season": 2023, "schedule": {"KC": {"1": "DET", "2": "@JAX", …, "10": "Bye"}}}` where
   `"OPP"` is a home game, `"@OPP"` an away game. Both teams' lines make one game.

3. nflverse's games file (Lee Sharpe's `games.csv`, every game since 1999, one row per game; a
   CSV whose header has nflverse's columns, see `NFLVERSE_COLUMNS`). Read by
   `schedule_from_nflverse`: one season (the newest in the file unless asked), regular season
   only (`game_type` REG), and converted to our conventions:
   - `spread_line` is positive when the HOME team is favoured (nflverse's data dictionary:
     "a positive number means the home team was favored by that many points"); our
     `home_spread` is the home team's betting spread, negative when it is favoured, so
     `home_spread = -spread_line`. `total_line` is our `total`.
   - `gameday` + `gametime` are the date and 24-hour kickoff time on US Eastern time whatever
     the venue (London and Munich games included), converted to UTC with daylight saving.
   - `away_score`/`home_score` are empty until the game is played: both set means `final`.
   - `weather_bucket` from `roof`, `temp` (°F) and `wind` (mph), see `weather_bucket`.
   - nflverse's team codes are NFL.com's: `LA` is the Rams (Yahoo's `LAR`).

Team codes are normalised to Yahoo's: upper case, NFL.com's `LA` → `LAR`, `JAC` → `JAX`,
`WSH` → `WAS`. Checks: unparsable rows, unknown team codes and a team playing twice in a week
are errors (the load refuses the file); a team with neither a game nor a bye in a week is a
warning.
"""

import csv
import datetime as dt
import json
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

NFL_TEAMS = frozenset(
    {
        *("ARI", "ATL", "BAL", "BUF", "CAR", "CHI", "CIN", "CLE", "DAL", "DEN", "DET"),
        *("GB", "HOU", "IND", "JAX", "KC", "LAC", "LAR", "LV", "MIA", "MIN", "NE"),
        *("NO", "NYG", "NYJ", "PHI", "PIT", "SEA", "SF", "TB", "TEN", "WAS"),
    }
)
TEAM_ALIASES = {"LA": "LAR", "JAC": "JAX", "WSH": "WAS"}
BYE = "BYE"
# The clock of the NFL schedule: nflverse's kickoff times and NFL game days are US Eastern.
NFL_TIMEZONE = zoneinfo.ZoneInfo("America/New_York")

# nflverse's games file: the columns we read (it has ~45; see the module docstring).
NFLVERSE_COLUMNS = (
    *("season", "game_type", "week", "gameday", "gametime", "away_team", "home_team"),
    *("away_score", "home_score", "spread_line", "total_line", "roof", "temp", "wind"),
)
NFLVERSE_REGULAR_SEASON = "REG"
# Roofs that shut the weather out ("dome", "closed"); "outdoors" and "open" let it in.
INDOOR_ROOFS = frozenset({"dome", "closed"})
# Weather bucket steps: (threshold, points); wind in mph from WINDY, cold in °F up to COLD.
WINDY_MPH = ((20, 2), (12, 1))
COLD_F = ((20, 2), (32, 1))


@dataclass(frozen=True)
class ScheduleGame:
    season: int
    week: int
    home_team: str
    away_team: str
    kickoff: dt.datetime | None = None
    status: str = "scheduled"
    home_spread: Decimal | None = None
    total: Decimal | None = None
    home_score: int | None = None
    away_score: int | None = None
    weather_bucket: int | None = None


@dataclass(frozen=True)
class ScheduleIssue:
    kind: str  # bad_row | unknown_team | team_twice | no_game_no_bye
    message: str
    is_error: bool = True


@dataclass
class Schedule:
    games: list[ScheduleGame] = field(default_factory=list)
    issues: list[ScheduleIssue] = field(default_factory=list)

    @property
    def errors(self) -> list[ScheduleIssue]:
        return [issue for issue in self.issues if issue.is_error]


class ScheduleFileError(ValueError):
    """The file cannot be read as any schedule shape."""


def team_code(raw: str) -> str:
    code = raw.strip().upper()
    return TEAM_ALIASES.get(code, code)


NFLVERSE_FIRST_SEASON = 1999  # the games file's first season (see above)


def current_nfl_season(now: dt.datetime) -> int:
    """The NFL season of a moment (aware): January and February games close the previous one."""
    today = now.astimezone(NFL_TIMEZONE).date()
    return today.year if today.month >= 3 else today.year - 1


def weather_bucket(*, roof: str | None, temp: float | None, wind: float | None) -> int | None:
    """0 calm or indoors .. 4 severe, from the roof, temperature (°F) and wind (mph).

    Indoors is 0 whatever the numbers. Outdoors, wind of 12+ mph adds 1 (20+ adds 2) and cold
    of 32 °F or less adds 1 (20 °F or less adds 2). Outdoors with neither number known (a game
    not played yet: nflverse fills them afterwards) is None, unknown.
    """
    if roof and roof.strip().lower() in INDOOR_ROOFS:
        return 0
    if temp is None and wind is None:
        return None
    bucket = 0
    if wind is not None:
        bucket += next((points for mph, points in WINDY_MPH if wind >= mph), 0)
    if temp is not None:
        bucket += next((points for degrees, points in COLD_F if temp <= degrees), 0)
    return min(bucket, 4)


def is_nflverse_header(columns: Iterable[str] | None) -> bool:
    return columns is not None and set(NFLVERSE_COLUMNS) <= {c.strip() for c in columns}


def schedule_read(path: Path, *, season: int | None = None) -> Schedule:
    """Read and check a schedule file (nflverse's games.csv, our CSV, game-rows JSON or
    team-weeks JSON). `season` picks one season of nflverse's file (default: its newest)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv" or text.lstrip().startswith("game_id,"):
        reader = csv.DictReader(text.splitlines())
        if is_nflverse_header(reader.fieldnames):
            return schedule_from_nflverse(text, season=season)
        return schedule_from_rows(list(reader))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleFileError(f"{path.name} is neither CSV nor valid JSON: {exc}") from exc
    if isinstance(data, list):
        return schedule_from_rows(data)
    if isinstance(data, dict) and "schedule" in data:
        return schedule_from_team_weeks(data)
    if isinstance(data, dict) and "games" in data:
        return schedule_from_rows(data["games"], byes=data.get("byes"))
    raise ScheduleFileError(f"{path.name}: expected a list of games, 'games' or 'schedule'")


def _optional(row: dict, name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _kickoff(raw: str | None) -> dt.datetime | None:
    if raw is None:
        return None
    kickoff = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return kickoff if kickoff.tzinfo else kickoff.replace(tzinfo=dt.UTC)


def _game_from_row(row: dict) -> ScheduleGame:
    """One game from a row; ValueError (or InvalidOperation) names what is wrong."""
    missing = [name for name in ("season", "week", "home", "away") if not _optional(row, name)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    spread, total = _optional(row, "spread"), _optional(row, "total")
    home_score, away_score = _optional(row, "home_score"), _optional(row, "away_score")
    weather = _optional(row, "weather_bucket")
    if weather is not None and weather not in {"0", "1", "2", "3", "4"}:
        raise ValueError(f"weather_bucket must be 0-4, not {weather!r}")
    return ScheduleGame(
        season=int(row["season"]),
        week=int(row["week"]),
        home_team=team_code(str(row["home"])),
        away_team=team_code(str(row["away"])),
        kickoff=_kickoff(_optional(row, "kickoff")),
        status=_optional(row, "status") or "scheduled",
        home_spread=Decimal(spread) if spread else None,
        total=Decimal(total) if total else None,
        home_score=int(home_score) if home_score else None,
        away_score=int(away_score) if away_score else None,
        weather_bucket=int(weather) if weather is not None else None,
    )


def _nflverse_value(row: dict, name: str) -> str | None:
    """A cell of nflverse's file; R's missing value is an empty cell (or "NA")."""
    value = _optional(row, name)
    return None if value in (None, "NA") else value


def _nflverse_number(row: dict, name: str) -> Decimal | None:
    value = _nflverse_value(row, name)
    return Decimal(value) if value is not None else None


def _nflverse_kickoff(gameday: str | None, gametime: str | None) -> dt.datetime | None:
    """US Eastern date and "HH:MM" (daylight saving applies) → UTC; no time, no kickoff."""
    if gameday is None or gametime is None:
        return None
    local = dt.datetime.combine(
        dt.date.fromisoformat(gameday), dt.time.fromisoformat(gametime), tzinfo=NFL_TIMEZONE
    )
    return local.astimezone(dt.UTC)


def _game_from_nflverse_row(row: dict) -> ScheduleGame:
    """One regular-season game of nflverse's file in our conventions (module docstring)."""
    missing = [n for n in ("season", "week", "home_team", "away_team") if not row.get(n)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    home_score, away_score = _nflverse_value(row, "home_score"), _nflverse_value(row, "away_score")
    spread = _nflverse_number(row, "spread_line")
    temp, wind = _nflverse_number(row, "temp"), _nflverse_number(row, "wind")
    return ScheduleGame(
        season=int(row["season"]),
        week=int(row["week"]),
        home_team=team_code(row["home_team"]),
        away_team=team_code(row["away_team"]),
        kickoff=_nflverse_kickoff(
            _nflverse_value(row, "gameday"), _nflverse_value(row, "gametime")
        ),
        status="final" if home_score is not None and away_score is not None else "scheduled",
        home_spread=-spread if spread is not None else None,
        total=_nflverse_number(row, "total_line"),
        home_score=int(home_score) if home_score is not None else None,
        away_score=int(away_score) if away_score is not None else None,
        weather_bucket=weather_bucket(
            roof=_nflverse_value(row, "roof"),
            temp=float(temp) if temp is not None else None,
            wind=float(wind) if wind is not None else None,
        ),
    )


def schedule_from_nflverse(text: str, *, season: int | None = None) -> Schedule:
    """One season's regular-season games from nflverse's games file (the newest by default).

    A row that cannot be read is an error naming its line in the file and its game_id.
    """
    reader = csv.DictReader(text.splitlines())
    if not is_nflverse_header(reader.fieldnames):
        missing = sorted(set(NFLVERSE_COLUMNS) - set(reader.fieldnames or []))
        raise ScheduleFileError(f"not nflverse's games file: no column {', '.join(missing)}")
    rows = list(reader)
    if season is None:
        seasons = [int(r["season"]) for r in rows if (r.get("season") or "").isdigit()]
        season = max(seasons, default=None)
    schedule = Schedule()
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        if row.get("season") != str(season) or row.get("game_type") != NFLVERSE_REGULAR_SEASON:
            continue
        try:
            schedule.games.append(_game_from_nflverse_row(row))
        except (ValueError, InvalidOperation, TypeError, AttributeError) as exc:
            game = row.get("game_id") or "?"
            schedule.issues.append(ScheduleIssue("bad_row", f"line {line} ({game}): {exc}"))
    schedule.issues += schedule_check(schedule.games)
    return schedule


def schedule_from_rows(rows: Iterable[dict], *, byes: dict | None = None) -> Schedule:
    schedule = Schedule()
    for number, row in enumerate(rows, start=1):
        try:
            schedule.games.append(_game_from_row(row))
        except (ValueError, InvalidOperation, TypeError, AttributeError) as exc:
            schedule.issues.append(ScheduleIssue("bad_row", f"row {number}: {exc}"))
    bye_weeks = None
    if byes is not None:
        bye_weeks = {team_code(team): {int(w) for w in weeks} for team, weeks in byes.items()}
    schedule.issues += schedule_check(schedule.games, byes=bye_weeks)
    return schedule


def schedule_from_team_weeks(data: dict) -> Schedule:
    """The season.json shape: each team's opponent per week, `@` for away, `Bye`."""
    schedule = Schedule()
    season = int(data["season"])
    games: dict[tuple[int, str, str], ScheduleGame] = {}
    byes: dict[str, set[int]] = defaultdict(set)
    for raw_team, weeks in data["schedule"].items():
        team = team_code(raw_team)
        for raw_week, raw_opponent in weeks.items():
            week, opponent = int(raw_week), str(raw_opponent).strip()
            if opponent.upper() == BYE:
                byes[team].add(week)
            elif opponent.startswith("@"):
                home, away = team_code(opponent[1:]), team
                games.setdefault((week, home, away), ScheduleGame(season, week, home, away))
            else:
                home, away = team, team_code(opponent)
                games.setdefault((week, home, away), ScheduleGame(season, week, home, away))
    schedule.games = sorted(games.values(), key=lambda g: (g.week, g.home_team))
    teams = {team_code(team) for team in data["schedule"]}
    for team in teams:
        byes.setdefault(team, set())
    schedule.issues += schedule_check(schedule.games, byes=dict(byes))
    return schedule


def schedule_check(
    games: list[ScheduleGame], *, byes: dict[str, set[int]] | None = None
) -> list[ScheduleIssue]:
    """Unknown codes and double bookings (errors); weeks with neither game nor bye (warnings).

    With `byes`, every team named there must have a game or a bye in each week of the file.
    Without, each team may go gameless in at most one of the file's weeks (its bye).
    """
    issues: list[ScheduleIssue] = []
    unknown = sorted({t for g in games for t in (g.home_team, g.away_team)} - NFL_TEAMS)
    for code in unknown:
        issues.append(ScheduleIssue("unknown_team", f"unknown team code {code}"))

    played: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for game in games:
        if game.home_team == game.away_team:
            issues.append(
                ScheduleIssue(
                    "team_twice", f"{game.season} week {game.week}: {game.home_team} plays itself"
                )
            )
        for team in (game.home_team, game.away_team):
            played[(game.season, game.week)][team] += 1
    for (season, week), teams in sorted(played.items()):
        for team, count in sorted(teams.items()):
            if count > 1:
                issues.append(
                    ScheduleIssue("team_twice", f"{season} week {week}: {team} plays {count} games")
                )

    for season in sorted({g.season for g in games}):
        weeks = sorted(w for s, w in played if s == season)
        for team in sorted(set(byes) if byes is not None else NFL_TEAMS):
            gameless = [w for w in weeks if team not in played[(season, w)]]
            if byes is not None:
                missing = [w for w in gameless if w not in byes[team]]
            else:
                missing = gameless if len(gameless) > 1 else []
            if missing:
                listed = ", ".join(str(w) for w in missing)
                issues.append(
                    ScheduleIssue(
                        "no_game_no_bye",
                        f"{season}: {team} has no game and no bye in week(s) {listed}",
                        is_error=False,
                    )
                )
    return issues
