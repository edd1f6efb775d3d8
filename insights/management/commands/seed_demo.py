"""`manage.py seed_demo [--seed N] [--reset] [--if-empty] [--teams N] [--week N] [--insights …]`.

Fills the demo leagues (insights/demo/: a standard PPR league and a superflex IDP one, the demo
user in both) through the real sync-then-insights pipeline: the NFL season in `nfl_games`,
weeks 1-8 played, week 9 about to kick off, projections, waiver candidates, streamers and
events. Deterministic for a seed and idempotent: a second run writes
nothing. `make run` calls it with `--if-empty` so a database holding any league is left alone.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from insights.demo.constants import DEFAULT_CURRENT_WEEK, DEFAULT_SEED, DEFAULT_TEAMS
from insights.demo.seeding import (
    DemoLeagueSeed,
    database_has_leagues,
    demo_league_reset,
    demo_league_seed,
)


class Command(BaseCommand):
    help = "Create (or refresh) the demo leagues through the real sync and insights services."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the demo leagues, their players and the demo season's games first",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database has a league"
        )
        parser.add_argument("--teams", type=int, default=DEFAULT_TEAMS, help="even, 4-16")
        parser.add_argument(
            "--week",
            type=int,
            default=DEFAULT_CURRENT_WEEK,
            help="the current week (the weeks before it are played)",
        )
        parser.add_argument(
            "--insights",
            choices=["current", "all"],
            default="all",
            help="compute insights for every week (default) or for the current week only",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and database_has_leagues():
            self.stdout.write("The database already has a league: seed_demo skipped.")
            return
        if options["reset"]:
            demo_league_reset()
            self.stdout.write("Demo leagues, their players and the demo season's games deleted.")
        started = time.monotonic()
        try:
            result = demo_league_seed(
                seed=options["seed"],
                teams=options["teams"],
                current_week=options["week"],
                insights_weeks=options["insights"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        games = result.games
        self.stdout.write(
            f"nfl_games: {games.created} created, {games.updated} updated, "
            f"{games.unchanged} unchanged"
        )
        for league in result.leagues:
            self._league_lines(league)
        outcome = "seeded" if result.changed else "already up to date, nothing written"
        ids = ", ".join(str(league.league_id) for league in result.leagues)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo leagues (ids {ids}) {outcome} in {time.monotonic() - started:.1f}s."
            )
        )

    def _league_lines(self, league: DemoLeagueSeed) -> None:
        syncs, insights = league.syncs, league.insights
        rows = sum(i.rows_created + i.rows_updated + i.rows_deleted for i in insights)
        self.stdout.write(
            f"{league.name} (league id {league.league_id}): league-week syncs of weeks "
            f"{syncs[0].week}-{syncs[-1].week}: {sum(s.created for s in syncs)} rows created, "
            f"{sum(s.updated for s in syncs)} updated, {sum(s.deleted for s in syncs)} deleted, "
            f"{sum(s.events for s in syncs)} events; insights of weeks {insights[0].week}-"
            f"{insights[-1].week}: {insights[-1].players_projected} players projected, "
            f"{insights[-1].waiver_candidates} waiver candidates and {insights[-1].streamers} "
            f"streamers this week, {rows} rows changed"
        )
