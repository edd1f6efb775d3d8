"""`manage.py sleeper_sync --user ID | --all [--league ID] [--week N] [--dry-run]`.

The same command as yahoo_sync (progress per league-week, a summary line, insights for what
changed) over the users' linked Sleeper usernames.
"""

from fantasy.services.league_week import SyncResult
from fantasy.services.users import sleeper_user_sync
from fantasy.sleeper.errors import SleeperUnavailable
from insights.management.commands import yahoo_sync


class Command(yahoo_sync.Command):
    help = "Sync users' Sleeper NFL leagues into the same tables as Yahoo's."
    linked_account = "sleeper_account"
    league_example = "1180365827213979648"
    fatal_errors = (SleeperUnavailable,)  # Sleeper down: one clear line, not one per user

    def sync(self, **kwargs) -> list[SyncResult]:
        return sleeper_user_sync(**kwargs)
