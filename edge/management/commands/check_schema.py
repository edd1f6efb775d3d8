"""`manage.py check_schema`: the operators' look at the schema (seed 000 §6.4), and a gate.

Prints the tables and the `uq_team_week_slot` definition, then every way the database differs
from the models; exits non-zero when there is any difference.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from edge.legacy_db import constraint_definition, public_tables, schema_problems


class Command(BaseCommand):
    help = "Print the tables and uq_team_week_slot; fail naming what differs from the models."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias")

    def handle(self, *args, database: str, **options):
        tables = public_tables(using=database)
        self.stdout.write(f"Tables ({len(tables)}):")
        for table in tables:
            self.stdout.write(f"  {table}")
        definition = constraint_definition("roster_slots", "uq_team_week_slot", using=database)
        self.stdout.write(f"uq_team_week_slot: {definition or 'MISSING'}")

        problems = schema_problems(using=database)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
            raise CommandError(
                f"The schema differs from the models ({count}, listed above). "
                "`manage.py migrate` adds what is missing.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("The schema matches the models."))
