"""Refit the chance-to-play model: `manage.py fit_play_chance ../shared/nfl-2022/season.json`.

Prints the logistic coefficients fitted walk-forward on a season file (each week's features
from the weeks before it, QB/RB/WR/TE with a game before the week) to paste into
insights.availability.PLAY_CHANCE_COEFFICIENTS, and their log-loss beside a flat rate's.
"""

import math

from django.core.management.base import BaseCommand, CommandError

from fantasy.management.arguments import weeks_range
from insights.availability import fit_play_chance, play_chance
from insights.evaluation import load_season_file, play_examples


class Command(BaseCommand):
    help = "Fit the chance-to-play model (insights.availability) on a season file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("season_file", help="a season.json-shaped file, read in place")
        parser.add_argument("--weeks", default="2-18", help="weeks to fit on, e.g. 2-15")

    def handle(self, *args, **options) -> None:
        try:
            players, schedule = load_season_file(options["season_file"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read {options['season_file']}: {error}") from error
        examples = play_examples(
            players=players, schedule=schedule, weeks=weeks_range(options["weeks"])
        )
        if not examples:
            raise CommandError("no player-weeks to fit on in those weeks")
        coefficients = fit_play_chance(examples)
        rate = sum(played for _, played in examples) / len(examples)
        fitted = _log_loss([(play_chance(f, coefficients), p) for f, p in examples])
        flat = _log_loss([(rate, p) for _, p in examples])
        self.stdout.write(f"{len(examples)} player-weeks, {rate:.1%} played")
        for name, value in coefficients.items():
            self.stdout.write(f'    "{name}": {value},')
        self.stdout.write(f"log-loss {fitted:.4f} (a flat rate: {flat:.4f})")


def _log_loss(chances: list[tuple[float, bool]]) -> float:
    return -sum(math.log(c if played else 1.0 - c) for c, played in chances) / len(chances)
