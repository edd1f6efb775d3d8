"""`manage.py compute_insights --league ID | --all --week N`: recompute a league-week's insights."""

import time

from django.core.management.base import BaseCommand, CommandError

from fantasy.management.arguments import league_week_check, week_check
from fantasy.models import League
from insights.services import league_week_insights_compute


class Command(BaseCommand):
    help = (
        "Recompute projections, waiver candidates and streamers of a league-week in one "
        "transaction (idempotent: a rerun with the same data writes nothing)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--league", type=int, help="the league's id (leagues.id)")
        which.add_argument("--all", action="store_true", help="every league not finished")
        parser.add_argument(
            "--week", type=int, help="NFL week; defaults to each league's current week"
        )

    def handle(self, *args, **options):
        week_check(options["week"])
        if options["league"] is not None:
            leagues = list(League.objects.filter(pk=options["league"]))
            if not leagues:
                raise CommandError(f"League {options['league']} does not exist.")
        else:
            leagues = list(League.objects.filter(is_finished=False).order_by("id"))
        if options["week"] is not None:  # every league's season, before anything is written
            for league in leagues:
                league_week_check(league, options["week"])
        totals = {"leagues": 0, "created": 0, "updated": 0, "deleted": 0}
        for index, league in enumerate(leagues, start=1):
            week = league.current_week if options["week"] is None else options["week"]
            if week is None:
                self.stderr.write(
                    f"[{index}/{len(leagues)}] {league}: no --week and no current week"
                )
                continue
            started = time.perf_counter()
            result = league_week_insights_compute(league=league, week=week)
            self.stdout.write(
                f"[{index}/{len(leagues)}] league {league.id} week {week}: "
                f"{result.players_projected} projected, {result.waiver_candidates} waiver "
                f"candidates ({result.team_fits} team fits), {result.streamers} streamers; "
                f"rows +{result.rows_created} ~{result.rows_updated} -{result.rows_deleted} "
                f"in {time.perf_counter() - started:.2f}s"
            )
            totals["leagues"] += 1
            totals["created"] += result.rows_created
            totals["updated"] += result.rows_updated
            totals["deleted"] += result.rows_deleted
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {totals['leagues']} league-weeks; rows created {totals['created']}, "
                f"updated {totals['updated']}, deleted {totals['deleted']}."
            )
        )
