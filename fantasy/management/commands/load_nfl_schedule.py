"""`manage.py load_nfl_schedule PATH [--dry-run]`: fill `nfl_games` from an operator's file.

The formats (CSV/JSON game rows, or season.json's team weeks) are in fantasy/nfl_schedule.py.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fantasy.nfl_schedule import ScheduleFileError, schedule_read
from fantasy.services import nfl_games_load


class Command(BaseCommand):
    help = "Load NFL games (season, week, kickoff, home, away, status, spread, total) from a file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a .csv or .json schedule file")
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")

    def handle(self, *args, **options):
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            schedule = schedule_read(path)
        except ScheduleFileError as exc:
            raise CommandError(str(exc)) from exc

        for issue in schedule.issues:
            label = "error" if issue.is_error else "warning"
            style = self.style.ERROR if issue.is_error else self.style.WARNING
            self.stdout.write(style(f"{label}: {issue.message}"))
        self.stdout.write(f"{len(schedule.games)} games read from {path.name}")
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
