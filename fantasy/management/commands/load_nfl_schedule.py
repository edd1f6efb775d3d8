"""`manage.py load_nfl_schedule [PATH] [--season N] [--dry-run]`: fill `nfl_games`.

Without PATH it downloads nflverse's games file from `NFL_SCHEDULE_URL` (the season of
`--season`, default the current one). PATH is a file: nflverse's games.csv (downloaded once, for
an operator offline), our CSV/JSON game rows or season.json's team weeks; fantasy/nfl_schedule.py
describes them.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fantasy.management.arguments import season_check
from fantasy.nfl_schedule import ScheduleFileError, current_nfl_season, schedule_read
from fantasy.services.schedule import NflScheduleUnavailable, nfl_games_load, nfl_schedule_download


class Command(BaseCommand):
    help = (
        "Load NFL games (kickoff, home, away, status, spread, total, weather, scores) from "
        "nflverse's games file, downloaded or given as PATH, or from another schedule file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", type=Path, help="a .csv or .json schedule file (default: download)"
        )
        parser.add_argument(
            "--season",
            type=int,
            metavar="YEAR",
            help="the season to load from nflverse's file (default: the current one to download, "
            "the newest in a file)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")

    def handle(self, *args, **options):
        path: Path | None = options["path"]
        season: int | None = options["season"]
        newest = current_nfl_season(timezone.now())
        season_check(season, newest=newest)
        if path is None:
            season = season or newest
            try:
                schedule = nfl_schedule_download(season=season)
            except NflScheduleUnavailable as exc:
                raise CommandError(exc.message) from exc
            source = f"nflverse's {season} season"
        else:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            try:
                schedule = schedule_read(path, season=season)
            except ScheduleFileError as exc:
                raise CommandError(str(exc)) from exc
            source = path.name

        for issue in schedule.issues:
            label = "error" if issue.is_error else "warning"
            style = self.style.ERROR if issue.is_error else self.style.WARNING
            self.stdout.write(style(f"{label}: {issue.message}"))
        self.stdout.write(f"{len(schedule.games)} games read from {source}")
        if schedule.errors:
            raise CommandError(f"{len(schedule.errors)} data-quality error(s); nothing loaded.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing loaded.")
            return

        result = nfl_games_load(games=schedule.games)
        self.stdout.write(
            self.style.SUCCESS(
                f"nfl_games: {result.created} created, {result.updated} updated, "
                f"{result.deleted} deleted, {result.unchanged} unchanged"
            )
        )
