"""Reads of insights data for the API, each a fixed number of SQL statements.

The callers pass objects (or querysets) already scoped by `edge.scoping`.
"""

from dataclasses import dataclass, field

from django.db.models import (
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Concat

from edge.scoping import visible_league_ids
from fantasy import selectors as fantasy_selectors
from fantasy.models import League, Matchup, Player, RosterSlot, Team
from fantasy.selectors import league_week_bounds
from insights import standings
from insights.models import EventLog, Note, Projection, WaiverCandidate, WaiverTeamFit

INTERNAL_SOURCE_PREFIX = "internal:"  # our own projections: "internal:{league_id}"

STREAMER_KINDS = ("def", "idp")


def projection_source(league: League) -> str:
    """Our projections in a league's scoring: one row per player-week-league."""
    return f"{INTERNAL_SOURCE_PREFIX}{league.id}"


def user_default_week(*, user) -> int | None:
    """The latest current week among the user's leagues (one statement); None without leagues."""
    leagues = League.objects.filter(id__in=visible_league_ids(user))
    return leagues.aggregate(week=Max("current_week"))["week"]


def player_search(
    *, search: str = "", position: str = "", nfl_team: str = "", free_in: League | None = None
) -> QuerySet:
    """Players matching the filters, annotated `projection_week` and `projected_points`.

    With `free_in`, only the players on no roster of that league this week, with this week's
    projection in its scoring, best first; without, by name and no projection.
    """
    players = fantasy_selectors.players_matching(
        search=search, position=position, nfl_team=nfl_team
    )
    if free_in is None:
        return players.annotate(
            projection_week=Value(None, output_field=IntegerField()),
            projected_points=Value(None, output_field=DecimalField()),
        ).order_by("full_name", "id")
    week = fantasy_selectors.league_default_week(free_in)
    projected = Projection.objects.filter(
        player_id=OuterRef("pk"), week=week, source=projection_source(free_in)
    ).values("points")[:1]
    return (
        fantasy_selectors.players_free_in(players=players, league=free_in, week=week)
        .annotate(projection_week=Value(week), projected_points=Subquery(projected))
        .order_by(F("projected_points").desc(nulls_last=True), "full_name", "id")
    )


def league_waiver_candidates(*, league: League, week: int) -> QuerySet:
    """Best first. Uses the unique (league_id, week, player_id) index."""
    return (
        WaiverCandidate.objects.filter(league=league, week=week)
        .select_related("player")
        .order_by(F("delta_xfp").desc(nulls_last=True), F("fit_score").desc(nulls_last=True), "id")
    )


def team_waiver_fits(*, team: Team, week: int) -> QuerySet:
    """The team's own view of its league's candidates, best first.

    Uses idx_waiver_team_fits_team_week (team_id, week).
    """
    return (
        WaiverTeamFit.objects.filter(team=team, week=week)
        .select_related("candidate__player", "drop_player")
        .order_by("-delta_xfp", "-fit_score", "id")
    )


def player_projections(*, player: Player, week: int, user) -> QuerySet:
    """Every source's projection of a player-week, by source name.

    Our own projections (`internal:{league_id}`) show only for the user's leagues; the other
    sources are public. Uses the unique (player_id, week, source).
    """
    own_sources = League.objects.filter(id__in=visible_league_ids(user)).values(
        source=Concat(
            Value(INTERNAL_SOURCE_PREFIX), Cast("id", TextField()), output_field=TextField()
        )
    )
    return (
        Projection.objects.filter(player=player, week=week)
        .filter(~Q(source__startswith=INTERNAL_SOURCE_PREFIX) | Q(source__in=own_sources))
        .order_by("source")
    )


def streamer_signals(*, signals: QuerySet, kind: str, week: int, user) -> QuerySet:
    """Best first; only subjects free in at least one of the user's leagues that week.

    Signals are league-neutral (one per subject and week, in the seasons of the user's
    leagues); whether a subject is free is read from roster_slots (player_id index). Uses the
    unique (week, kind, subject_id) index.
    """
    leagues = League.objects.filter(id__in=visible_league_ids(user))
    rostered_there = RosterSlot.objects.filter(
        league_id=OuterRef("pk"),
        week=OuterRef(OuterRef("week")),
        player_id=OuterRef(OuterRef("subject_id")),
    )
    return (
        signals.filter(kind=kind, week=week)
        .filter(Q(season__isnull=True) | Q(season__in=leagues.values("season")))
        .filter(Exists(leagues.exclude(Exists(rostered_there))))
        .order_by(F("fit_score").desc(nulls_last=True), "id")
    )


@dataclass
class StreamerSubjects:
    players: dict[int, Player]
    free_in: dict[int, list[int]]  # subject id -> the user's leagues where he is free


def streamer_subjects(*, signals: list, week: int, user) -> StreamerSubjects:
    """The subjects' player rows and where each is free, in three statements for any page."""
    subject_ids = {signal.subject_id for signal in signals}
    league_ids = sorted(
        League.objects.filter(id__in=visible_league_ids(user)).values_list("id", flat=True)
    )
    rostered = set(
        RosterSlot.objects.filter(
            league_id__in=league_ids, week=week, player_id__in=subject_ids
        ).values_list("league_id", "player_id")
    )
    return StreamerSubjects(
        players=Player.objects.in_bulk(subject_ids),
        free_in={
            subject: [league for league in league_ids if (league, subject) not in rostered]
            for subject in subject_ids
        },
    )


def events_filtered(
    *,
    events: QuerySet,
    since_id: int | None = None,
    event_type: str | None = None,
    league: League | None = None,
    team: Team | None = None,
) -> QuerySet:
    """A feed (already scoped to the user) narrowed: added after an event id, of a type, of a
    league, about a team (its roster moves and locks, injuries of its players this week).

    The feed walks idx_event_log_ts (ts DESC); the id filter uses the primary key.
    """
    if since_id is not None:
        events = events.filter(id__gt=since_id)
    if event_type is not None:
        events = events.filter(type=event_type)
    if league is not None:
        events = events.filter(league=league)
    if team is not None:
        on_roster = RosterSlot.objects.filter(
            team=team, week=fantasy_selectors.league_default_week(team.league)
        ).values("player_id")
        events = events.filter(
            Q(league_id=team.league_id)
            & (Q(payload__team_id=team.pk) | Q(type="injury", player_id__in=on_roster))
        )
    return events


def league_recent_events(*, league: League) -> QuerySet:
    """Newest first. Uses the league_id foreign-key index."""
    return EventLog.objects.filter(league=league).order_by("-ts", "-id")


def player_notes(*, user, player: Player) -> QuerySet:
    """The user's own notes on a player, newest first. Uses idx_notes_user_player."""
    return Note.objects.filter(user_id=user.pk, player=player).order_by("-created_at", "-id")


# --- standings --------------------------------------------------------------------------------

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
