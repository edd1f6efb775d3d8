"""Seeding and resetting the demo leagues through the real pipeline (no network).

`demo_league_seed` feeds the simulator's NFL season to `nfl_games_load` and the league-weeks of
both demo leagues (the standard one and a superflex IDP one), through `DemoClient`, to the
sync-then-insights pipeline (`insights.pipeline`), so the demo exercises exactly what a Yahoo
league does. Ids: demo players (offence, kickers and defenders) are Yahoo ids 90001 and up
(beyond Yahoo's real ones), team defences Yahoo's own 1000xx ids; the league keys are
`449.l.90210` and `449.l.90211` (449 = Yahoo's NFL 2024 game); the demo user's Yahoo guid is
`DEMO_MANAGER_GUID`."""

import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from accounts.models import User
from accounts.services import user_ensure
from edge.bulk import WriteCounts
from fantasy.models import League, NflGame, Player, RosterSlot
from fantasy.services.league_week import SyncResult
from fantasy.services.schedule import nfl_games_load
from insights.demo.client import DemoClient
from insights.demo.constants import (
    DEFAULT_CURRENT_WEEK,
    DEFAULT_SEED,
    DEFAULT_TEAMS,
    DEFENCE_IDS,
    DEMO_FORMATS,
    DEMO_MANAGER_GUID,
    DEMO_PLAYER_ID_PATTERN,
    FREE_AGENT_PAGE_SIZE,
    SEASON,
)
from insights.demo.simulator import DemoLeague
from insights.models import StreamerSignal
from insights.pipeline import insights_now, league_week_refresh
from insights.services import InsightsResult


@dataclass
class DemoLeagueSeed:
    league_id: int
    name: str
    syncs: list[SyncResult]
    insights: list[InsightsResult]

    @property
    def changed(self) -> bool:
        return any(sync.changed for sync in self.syncs) or any(
            result.changed for result in self.insights
        )


@dataclass
class DemoSeedResult:
    games: WriteCounts
    leagues: list[DemoLeagueSeed]  # the standard league first, then the superflex IDP one
    user_id: int

    @property
    def league_id(self) -> int:
        """The standard demo league's id (the one the README tour and the report open)."""
        return self.leagues[0].league_id

    @property
    def changed(self) -> bool:
        games = self.games.created or self.games.updated or self.games.deleted
        return bool(games or any(league.changed for league in self.leagues))


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
    """Fill both demo leagues (DEMO_FORMATS: the standard one, then the superflex IDP one, the
    demo user in each) through the real sync-then-insights pipeline (idempotent).

    A first build syncs each played week as it was synced that week (so statuses change and
    log events), then the current week twice: early in the week and by kickoff (claims, lineup
    moves, Thursday locks). Later runs sync every week as of now, which changes nothing.
    `insights_weeks`: "all" also projects each played week from the weeks before it (so
    projections can be compared with what happened); "current" only the current week.
    """
    leagues = [
        DemoLeague(seed, teams=teams, current_week=current_week, league_format=league_format)
        for league_format in DEMO_FORMATS
    ]
    user = demo_user_ensure()  # before the sync, which links the demo teams to him
    games = nfl_games_load(games=leagues[0].schedule_games())  # one NFL season for both
    # Every sync before any insights: a league's first sync stores last season's lines of its
    # players (the projections' prior), which the other league's projections read too.
    syncs = [_league_syncs(league) for league in leagues]
    seeded = []
    for league, league_syncs in zip(leagues, syncs, strict=True):
        stored = League.objects.get(yahoo_league_id=league.league_key)
        weeks = range(1, current_week + 1) if insights_weeks == "all" else [current_week]
        seeded.append(
            DemoLeagueSeed(
                league_id=stored.pk,
                name=stored.name,
                syncs=league_syncs,
                insights=[insights_now(stored.pk, week) for week in weeks],
            )
        )
    return DemoSeedResult(games=games, leagues=seeded, user_id=user.pk)


def _league_syncs(league: DemoLeague) -> list[SyncResult]:
    current_week = league.current_week
    first_build = not RosterSlot.objects.filter(
        league__yahoo_league_id=league.league_key, week=current_week
    ).exists()
    pages = math.ceil(len(league.players) / FREE_AGENT_PAGE_SIZE)
    syncs = []

    def sync(week: int, *, as_of: int, early: bool = False) -> None:
        client = DemoClient(league, as_of=as_of, early=early)
        # Insights run once below, for every week: a played week is projected from the weeks
        # before it, whether or not this sync changed it.
        refresh = league_week_refresh(
            league_key=league.league_key,
            week=week,
            client=client,
            insights=None,
            free_agent_pages=pages,
        )
        syncs.append(refresh.sync)

    for week in range(1, current_week):
        sync(week, as_of=week if first_build else current_week)
    if first_build:
        sync(current_week, as_of=current_week, early=True)
    sync(current_week, as_of=current_week)
    return syncs


def demo_league_reset() -> None:
    """Delete the demo leagues, their players, their signals and the demo season's NFL games.

    The team defences go too (they share Yahoo's ids): a real league's sync recreates them.
    """
    defences = [str(100000 + team_id) for team_id in DEFENCE_IDS.values()]
    with transaction.atomic():
        League.objects.filter(
            yahoo_league_id__in=[league.league_key for league in DEMO_FORMATS]
        ).delete()
        players = Player.objects.filter(
            Q(yahoo_player_id__in=defences) | Q(yahoo_player_id__regex=DEMO_PLAYER_ID_PATTERN)
        )
        player_pks = list(players.values_list("pk", flat=True))
        StreamerSignal.objects.filter(subject_id__in=player_pks).delete()
        Player.objects.filter(pk__in=player_pks).delete()
        NflGame.objects.filter(season=SEASON).delete()
