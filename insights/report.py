"""The weekly report: the week's games, standings, power rankings, playoff odds and charts.

`league_report` gathers everything the page (`insights/report.html`) shows for a league after
`week`, in a bounded number of statements whatever the league's size: the league's games and
teams (3), the week's matchups (1), playoff odds (cached, else 4 plus the simulation) and, for
the signed-in user's team, its best-lineup gain and top waiver pick for the next week (3).
`report_render` turns it into one self-contained HTML page (inline CSS and SVG, no script).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string

from fantasy.models import League, Matchup, Team
from fantasy.selectors import league_week_bounds
from insights import report_charts, selectors, services, standings, standings_selectors
from insights.models import WaiverTeamFit
from insights.playoff_odds import TeamOdds


@dataclass(frozen=True)
class GameLine:
    home: Team
    away: Team | None
    home_points: Decimal | None
    away_points: Decimal | None
    home_projected: Decimal | None
    away_projected: Decimal | None

    @property
    def margin(self) -> Decimal | None:
        if self.home_points is None or self.away_points is None:
            return None
        return abs(self.home_points - self.away_points)


@dataclass(frozen=True)
class TableRow:
    team: Team
    row: standings.StandingRow
    power_move: int | None  # places gained in the power ranking since last week (+ is up)
    odds: TeamOdds | None
    is_mine: bool


@dataclass(frozen=True)
class MyTeam:
    team: Team
    row: standings.StandingRow
    advice_week: int
    lineup_gain: float
    top_waiver: WaiverTeamFit | None


@dataclass
class LeagueReport:
    league: League
    week: int
    first_week: int
    last_week: int
    games: list[GameLine]
    table: list[TableRow]
    power: list[TableRow]
    odds: services.LeaguePlayoffOdds
    my_team: MyTeam | None
    weeks_played: list[int]
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def points_table(self) -> list[tuple[TableRow, list[Decimal | None]]]:
        """Each team's points in each week played (the line chart as a table)."""
        return [
            (r, [r.row.weekly_points.get(week) for week in self.weeks_played]) for r in self.table
        ]

    @property
    def previous_week(self) -> int | None:
        return self.week - 1 if self.week > self.first_week else None

    @property
    def next_week(self) -> int | None:
        return self.week + 1 if self.week < self.last_week else None

    @property
    def scored_games(self) -> list[GameLine]:
        return [g for g in self.games if g.margin is not None]

    @property
    def blowout(self) -> GameLine | None:
        return max(self.scored_games, key=lambda g: g.margin, default=None)

    @property
    def closest(self) -> GameLine | None:
        return min(self.scored_games, key=lambda g: g.margin, default=None)

    def _scores(self) -> list[tuple[Team, Decimal]]:
        return [
            (team, points)
            for g in self.games
            for team, points in ((g.home, g.home_points), (g.away, g.away_points))
            if team is not None and points is not None
        ]

    @property
    def highest(self) -> tuple[Team, Decimal] | None:
        return max(self._scores(), key=lambda s: s[1], default=None)

    @property
    def lowest(self) -> tuple[Team, Decimal] | None:
        return min(self._scores(), key=lambda s: s[1], default=None)


def _games_of_week(league: League, week: int, teams: dict[int, Team]) -> list[GameLine]:
    sides = {
        m.team_id: m
        for m in Matchup.objects.filter(league=league, week=week).only(
            "team_id", "opponent_team_id", "actual_pts", "projected_pts"
        )
    }
    games, seen = [], set()
    for team_id in sorted(sides):
        side = sides[team_id]
        if team_id in seen or team_id not in teams:
            continue
        other = sides.get(side.opponent_team_id)
        seen.update({team_id, side.opponent_team_id})
        games.append(
            GameLine(
                home=teams[team_id],
                away=teams.get(side.opponent_team_id),
                home_points=side.actual_pts,
                away_points=other.actual_pts if other else None,
                home_projected=side.projected_pts,
                away_projected=other.projected_pts if other else None,
            )
        )
    return games


def _my_team(
    team: Team | None, row: standings.StandingRow | None, week: int, last: int
) -> MyTeam | None:
    if team is None or row is None:
        return None
    advice_week = min(week + 1, last)
    lineup = selectors.lineup_recommendation(team=team, week=advice_week)
    return MyTeam(
        team=team,
        row=row,
        advice_week=advice_week,
        lineup_gain=lineup.projected_gain,
        top_waiver=selectors.team_waiver_fits(team=team, week=advice_week).first(),
    )


def league_report(*, league: League, week: int, my_team_id: int | None) -> LeagueReport:
    first, last = league_week_bounds(league)
    teams = {team.pk: team for team in league.teams.order_by("id")}
    games = standings_selectors.league_games(league=league, through_week=week)
    playoff_teams = standings_selectors.league_playoff_teams(league)
    now = standings.standings_compute(
        team_ids=list(teams), games=games, num_playoff_teams=playoff_teams
    )
    before = standings.standings_compute(
        team_ids=list(teams),
        games=[g for g in games if g.week < week],
        num_playoff_teams=playoff_teams,
    )
    power_before = {row.team_id: row.power_rank for row in before}
    odds = services.league_playoff_odds(league=league, week=week)
    odds_by_team = {o.team_id: o for o in odds.teams}
    played_before = any(g.week < week for g in games)
    table = [
        TableRow(
            team=teams[row.team_id],
            row=row,
            power_move=power_before[row.team_id] - row.power_rank if played_before else None,
            odds=odds_by_team.get(row.team_id),
            is_mine=row.team_id == my_team_id,
        )
        for row in now
    ]
    mine = next((r for r in now if r.team_id == my_team_id), None)
    report = LeagueReport(
        league=league,
        week=week,
        first_week=first,
        last_week=last,
        games=_games_of_week(league, week, teams),
        table=table,
        power=sorted(table, key=lambda r: r.row.power_rank),
        odds=odds,
        my_team=_my_team(teams.get(my_team_id), mine, week, last),
        weeks_played=sorted({g.week for g in games}),
    )
    report.charts = _charts(report)
    return report


def _charts(report: LeagueReport) -> dict[str, str]:
    points = report_charts.line_chart(
        [
            report_charts.Series(
                label=r.team.name,
                points=[(w, float(p)) for w, p in sorted(r.row.weekly_points.items())],
                highlight=r.is_mine,
            )
            for r in report.table
        ],
        title="Points by week, per team",
        chart_id="chart-points",
    )
    by_odds = sorted(report.table, key=lambda r: -(r.odds.playoff_prob if r.odds else 0))
    odds = report_charts.bar_chart(
        [(r.team.name, r.odds.playoff_prob if r.odds else 0.0, r.is_mine) for r in by_odds],
        title="Playoff odds",
        chart_id="chart-odds",
    )
    luck = report_charts.scatter_chart(
        [
            (r.team.name, float(r.row.points_for), r.row.wins + 0.5 * r.row.ties, r.is_mine)
            for r in report.table
        ],
        title="Luck: points for against wins",
        chart_id="chart-luck",
        x_label="points for",
        y_label="wins",
    )
    return {"points": points, "odds": odds, "luck": luck}


def report_render(report: LeagueReport, *, standalone: bool = False) -> str:
    """The page; `standalone` (a file for a league chat) leaves out the links to other weeks."""
    return render_to_string("insights/report.html", {"report": report, "standalone": standalone})
