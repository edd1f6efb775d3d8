"""`manage.py league_report --league ID --week N --out FILE.html`: the weekly report as one file.

The same page as `GET /leagues/{id}/report`, self-contained (inline CSS and SVG charts, no
links back to the server), for sharing in a league chat. No team is highlighted.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fantasy.models import League
from fantasy.selectors import league_week_bounds
from insights.report import league_report, report_render


class Command(BaseCommand):
    help = "Write a league's weekly report page to one self-contained HTML file."

    def add_arguments(self, parser):
        parser.add_argument("--league", type=int, required=True, help="the league's id")
        parser.add_argument("--week", type=int, required=True, help="standings after this week")
        parser.add_argument("--out", required=True, help="the HTML file to write")

    def handle(self, *args, **options):
        league = League.objects.filter(pk=options["league"]).first()
        if league is None:
            raise CommandError(f"League {options['league']} does not exist.")
        first, last = league_week_bounds(league)
        if not first <= options["week"] <= last:
            raise CommandError(f"--week must be between {first} and {last}.")
        report = league_report(league=league, week=options["week"], my_team_id=None)
        out = Path(options["out"])
        out.write_text(report_render(report, standalone=True), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {out} ({out.stat().st_size:,} bytes)."))
