"""`manage.py demo_credentials [--rotate] [--new-admin-password] [--base-url URL] [--key-file
PATH]` (never in production).

Prints what a newcomer needs after `seed_demo`: the URLs, an API key of the demo user (who
manages one team of the demo league), a one-time sign-in link that opens the demo league's
weekly report in a browser (single use, 10 minutes) and an operator login for /admin/.

- The database keeps only a key's digest, so the demo key's plaintext is written once to a
  local, gitignored file (`.demo-api-key`, owner-only) and shown again from it on every run:
  `make run` can be rerun without breaking the scripts that use the key. A new key (the
  previous one revoked; the demo user keeps exactly one, named "demo") is issued only with
  `--rotate`, or when the file's key no longer works (a fresh database, a deleted file).
- The operator is a Django superuser `admin`, created with a generated password on the first
  run; later runs leave the password alone unless `--new-admin-password` asks for a new one.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.api_keys import api_key_authenticate, api_key_create, api_key_revoke
from accounts.models import User
from accounts.selectors import user_api_keys
from accounts.services import ONE_TIME_SIGN_IN_TTL_SECONDS, one_time_sign_in_create
from fantasy.scoping import managed_teams
from insights.demo.seeding import demo_user_ensure

DEMO_KEY_NAME = "demo"
OPERATOR_USERNAME = "admin"
DEMO_KEY_FILE = Path(settings.BASE_DIR) / ".demo-api-key"


class Command(BaseCommand):
    help = "Print the demo user's API key and an operator login for /admin/ (not in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-admin-password",
            action="store_true",
            help=f"give the existing '{OPERATOR_USERNAME}' operator a new generated password",
        )
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="revoke the demo key and issue a new one (scripts using the old key stop working)",
        )
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument(
            "--key-file",
            type=Path,
            default=DEMO_KEY_FILE,
            help="where the demo key's plaintext is kept between runs (default: %(default)s)",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "demo_credentials refuses to run with DJANGO_ENV=production: create operators "
                "with `manage.py createsuperuser` and API keys through POST /user/api-keys."
            )
        base = options["base_url"].rstrip("/")
        user = demo_user_ensure()
        key_file = options["key_file"]
        raw_key = None if options["rotate"] else _kept_demo_key(user=user, key_file=key_file)
        issued = raw_key is None
        if issued:
            raw_key = _demo_key_issue(user=user, key_file=key_file)
        password, created = self._operator_password(renew=options["new_admin_password"])
        team = managed_teams(user).select_related("league").order_by("id").first()

        out = self.stdout.write
        out(self.style.SUCCESS(f"Fantasy Edge is at {base}"))
        out(f"  API docs    {base}/api/docs   (OpenAPI: {base}/api/schema)")
        if password:
            state = "created" if created else "new password"
            out(f"  Admin       {base}/admin/   user {OPERATOR_USERNAME}, password {password}")
            out(f"              ({state}: shown once; --new-admin-password sets another)")
        else:
            out(
                f"  Admin       {base}/admin/   user {OPERATOR_USERNAME} "
                "(password unchanged; `manage.py demo_credentials --new-admin-password`)"
            )
        if team is None:
            out(self.style.WARNING("  No demo league yet: run `manage.py seed_demo` first."))
        else:
            out(
                f'  Demo user   "{user.display_name}" (user {user.pk}) manages "{team.name}" '
                f"(team {team.pk}) in {team.league.name} (league {team.league_id})"
            )
        report = f"/leagues/{team.league_id}/report" if team else "/me"
        token = one_time_sign_in_create(user=user, next_path=report)
        out(f"  Sign in     {base}/auth/once/{token}")
        out(
            f"              (opens {report} in a browser: single use, expires in "
            f"{ONE_TIME_SIGN_IN_TTL_SECONDS // 60} minutes; run again for another)"
        )
        out(f"  API key     {raw_key}")
        if issued:
            out(f"              (new: kept in {key_file}; the previous demo key stops working)")
        else:
            out(
                f"              (the same key as before, from {key_file}; "
                "--rotate issues a new one)"
            )
        out(f'  Try         curl -H "Authorization: Bearer {raw_key}" {base}/leagues')

    def _operator_password(self, *, renew: bool) -> tuple[str | None, bool]:
        """(the new password or None when unchanged, whether the operator was created)."""
        operators = get_user_model()
        password = secrets.token_urlsafe(12)
        operator = operators.objects.filter(username=OPERATOR_USERNAME).first()
        if operator is None:
            operators.objects.create_superuser(
                username=OPERATOR_USERNAME, email="", password=password
            )
            return password, True
        if not renew:
            return None, False
        operator.set_password(password)
        operator.is_staff = operator.is_superuser = operator.is_active = True
        operator.save()
        return password, False


def _kept_demo_key(*, user: User, key_file: Path) -> str | None:
    """The key in the file when it is still the demo user's live demo key, else None."""
    try:
        raw_key = key_file.read_text().strip()
    except FileNotFoundError:
        return None
    api_key = api_key_authenticate(raw_key=raw_key)
    if api_key is None or api_key.user_id != user.pk or api_key.name != DEMO_KEY_NAME:
        return None
    return raw_key


def _demo_key_issue(*, user: User, key_file: Path) -> str:
    """Revokes the demo user's demo keys, issues a new one and writes it to the file (0600)."""
    for key in user_api_keys(user=user).filter(name=DEMO_KEY_NAME):
        api_key_revoke(user=user, api_key_id=key.pk)
    _, raw_key = api_key_create(user=user, name=DEMO_KEY_NAME)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as kept:
        kept.write(raw_key + "\n")
    return raw_key
