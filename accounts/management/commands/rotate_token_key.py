from django.core.management.base import BaseCommand

from accounts.yahoo_tokens import yahoo_tokens_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored Yahoo token with the first key of TOKEN_CRYPTO_KEY. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args, **options):
        result = yahoo_tokens_rotate()
        self.stdout.write(
            f"Re-encrypted {result.rotated} account(s); "
            f"{result.needs_relink} flagged for relinking (tokens no key could decrypt)."
        )
