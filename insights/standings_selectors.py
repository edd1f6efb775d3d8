"""Reads for the standings: the playoff bracket's size, the regular season's end, the last
completed week, the games played, the table and the games left (each a fixed number of SQL
statements). The callers pass leagues already scoped by `fantasy.scoping`.
"""

from dataclasses import dataclass, field

from django.db.models import F, Max, Q, QuerySet

from fantasy.models import League, Matchup, Team
from fantasy.selectors import league_week_bounds
from insights import standings

DEFAULT_PLAYOFF_TEAMS = 4  # our fallback for a league synced before its bracket size was stored


def league_playoff_teams(league: League) -> int:
    """Seeds in the league's playoff bracket (none when the league has no playoffs)."""
    settings = league.settings or {}
    if settings.get("uses_playoff") is False:
        return 0
    teams = settings.get("num_playoff_teams") or DEFAULT_PLAYOFF_TEAMS
    return min(teams, league.num_teams or teams)


def league_regular_season_end(league: League) -> int | None:
    """The last regular-season week: the week before the playoffs (None when unknown)."""
    playoff_start = (league.settings or {}).get("playoff_start_week")
    if playoff_start and league_playoff_teams(league):
        return playoff_start - 1
    return league.end_week


def _regular_season_matchups(league: League) -> QuerySet:
    matchups = Matchup.objects.filter(league=league, is_playoffs=False)
    last = league_regular_season_end(league)
    return matchups.filter(week__lte=last) if last else matchups


FINISHED = Q(status="postevent") | Q(status__isnull=True, actual_pts__isnull=False)


def league_completed_week(league: League) -> int | None:
    """The last regular-season week with a finished game (one statement)."""
    finished = _regular_season_matchups(league).filter(FINISHED)
    return finished.aggregate(week=Max("week"))["week"]


@dataclass(frozen=True)
class LeagueStandings:
    week: int
    num_playoff_teams: int
    rows: list[standings.StandingRow]
    teams: dict[int, Team]
    # Yahoo's rank and seed by team id, when comparable (the last finished week), else {}.
    yahoo: dict[int, dict] = field(default_factory=dict)

    @property
    def agrees_with_yahoo(self) -> bool | None:
        if not self.yahoo:
            return None
        return all(self.yahoo[row.team_id].get("rank") == row.rank for row in self.rows)


def league_games(*, league: League, through_week: int) -> list[standings.GameResult]:
    """Finished regular-season games up to `through_week`, one per team side (one statement)."""
    sides = list(
        _regular_season_matchups(league)
        .filter(FINISHED, week__lte=through_week)
        .values_list("week", "team_id", "opponent_team_id", "actual_pts")
    )
    points = {(week, team_id): pts for week, team_id, _, pts in sides}
    return [
        standings.GameResult(
            week=week,
            team_id=team_id,
            opponent_id=opponent_id,
            points=pts,
            opponent_points=points.get((week, opponent_id)),
        )
        for week, team_id, opponent_id, pts in sides
        if pts is not None
    ]


def league_standings(*, league: League, week: int | None) -> LeagueStandings:
    """Standings after `week` (default: the last finished week, else the first) from the
    stored matchups (three statements), with Yahoo's own ranks beside them for the last
    finished week."""
    completed = league_completed_week(league)
    if week is None:
        week = completed or league_week_bounds(league)[0]
    teams = {team.pk: team for team in league.teams.order_by("id")}
    playoff_teams = league_playoff_teams(league)
    rows = standings.standings_compute(
        team_ids=list(teams),
        games=league_games(league=league, through_week=week),
        num_playoff_teams=playoff_teams,
    )
    yahoo = {}
    if week == completed and all(t.yahoo_standings for t in teams.values()):
        yahoo = {pk: team.yahoo_standings for pk, team in teams.items()}
    return LeagueStandings(
        week=week, num_playoff_teams=playoff_teams, rows=rows, teams=teams, yahoo=yahoo
    )


def league_remaining_games(*, league: League, after_week: int) -> list[tuple[int, int, int]]:
    """(week, team id, opponent id) of each regular-season game the standings after
    `after_week` do not count (later or unfinished), once per game (one statement)."""
    return list(
        _regular_season_matchups(league)
        .filter(Q(week__gt=after_week) | ~FINISHED)
        .filter(opponent_team__isnull=False, team_id__lt=F("opponent_team_id"))
        .order_by("week", "team_id")
        .values_list("week", "team_id", "opponent_team_id")
    )
