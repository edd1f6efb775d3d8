"""`manage.py yahoo_sync --user ID | --all [--league KEY] [--week N] [--dry-run]`.

Parses, runs `insights.pipeline.user_refresh` (sync, then the season's NFL schedule when none
is stored and insights for what changed) for each user, and reports.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.yahoo_errors import YahooAppNotApproved
from edge.errors import DomainError
from edge.redis import RedisUnavailable
from fantasy.management.arguments import league_key_check, week_check
from fantasy.services.league_week import SyncResult
from fantasy.services.users import user_sync
from insights.pipeline import Refresh, insights_now, user_refresh


class Command(BaseCommand):
    help = "Sync users' Yahoo NFL leagues (settings, teams, rosters, players, matchups)."
    linked_account = "yahoo_account"  # --all: the users with this relation
    league_example = "461.l.1234"
    fatal_errors: tuple[type[DomainError], ...] = (YahooAppNotApproved,)  # stop every user

    def sync(self, **kwargs) -> list[SyncResult]:
        return user_sync(**kwargs)

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", type=int, metavar="ID", help="one user (users.id)")
        who.add_argument("--all", action="store_true", help="every user with a linked account")
        parser.add_argument(
            "--league", metavar="KEY", help=f'only this league, e.g. "{self.league_example}"'
        )
        parser.add_argument("--week", type=int, metavar="N", help="default: the current week")
        parser.add_argument("--dry-run", action="store_true", help="compare, write nothing")
        parser.add_argument(
            "--skip-insights",
            action="store_true",
            help="don't recompute insights for the league-weeks the sync changed",
        )

    def handle(self, *args, **options):
        week_check(options["week"])
        league_key_check(options["league"])
        if options["all"]:
            linked = {f"{self.linked_account}__isnull": False}
            users = list(User.objects.filter(**linked).order_by("id"))
        else:
            users = list(User.objects.filter(pk=options["user"]))
            if not users:
                raise CommandError(f"No user with id {options['user']}.")

        insights = None if options["skip_insights"] else insights_now
        results: list[SyncResult] = []
        skipped: list[str] = []
        failed: list[str] = []
        for user in users:
            self.stdout.write(f"user {user.pk} ({user}):")

            def report(refresh: Refresh, user=user) -> None:
                result = refresh.sync
                results.append(result)
                if result.error:
                    skipped.append(f"user {user.pk}: {result.error}")
                    self.stdout.write(self.style.WARNING(f"  skipped: {result.error}"))
                    return
                self.stdout.write(f"  {result.league_key} week {result.week}: {_counts(result)}")
                if result.prior:
                    self.stdout.write(f"    last season's {result.prior.summary()}")
                if refresh.schedule:
                    self.stdout.write(f"    {refresh.schedule}")
                if refresh.insights:
                    self.stdout.write(
                        f"    insights: {refresh.insights.players_projected} players projected, "
                        f"{refresh.insights.waiver_candidates} waiver candidates, "
                        f"{refresh.insights.streamers} streamers"
                    )

            try:
                user_refresh(
                    user=user,
                    sync=self.sync,
                    league_key=options["league"],
                    week=options["week"],
                    dry_run=options["dry_run"],
                    insights=insights,
                    on_refresh=report,
                )
            except RedisUnavailable as exc:  # the shared Yahoo pace: every user needs it
                raise CommandError(exc.message) from exc
            except DomainError as exc:  # the provider's typed errors, token-endpoint failures
                # One user's failure must not starve the others; an unapproved app fails them all.
                if not options["all"] or isinstance(exc, self.fatal_errors):
                    raise CommandError(exc.message) from exc
                failed.append(f"user {user.pk}: {exc.message}")
                self.stdout.write(self.style.ERROR(f"  failed: {exc.message}"))

        synced = [r for r in results if not r.error]
        total = SyncResult(
            league_id=None,
            week=None,
            calls=sum(r.calls for r in results),
            created=sum(r.created for r in synced),
            updated=sum(r.updated for r in synced),
            deleted=sum(r.deleted for r in synced),
            unchanged=sum(r.unchanged for r in synced),
            events=sum(r.events for r in synced),
        )
        dry = " (dry run: nothing written)" if options["dry_run"] else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Synced {len(synced)} league-week(s) for {len(users) - len(skipped)} user(s): "
                f"{_counts(total)}{dry}"
            )
        )
        if skipped:
            self.stdout.write(self.style.WARNING(f"Skipped {len(skipped)} user(s):"))
            for line in skipped:
                self.stdout.write(self.style.WARNING(f"  {line}"))
        if failed:
            raise CommandError(f"{len(failed)} user(s) failed: " + "; ".join(failed))


def _counts(result: SyncResult) -> str:
    return (
        f"{result.calls} calls, {result.created} created, {result.updated} updated, "
        f"{result.deleted} deleted, {result.unchanged} unchanged, {result.events} events"
    )
