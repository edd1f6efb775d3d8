"""Sessions are stored by the digest of their cookie's secret (accounts.sessions).

Existing sessions are kept, not ended (an adopted database loses no row): each stored id, which
was the cookie's value, is replaced by the digest of that value, so a browser signed in before
stays signed in and the table no longer holds anything that signs in. Their Redis entries,
keyed by the old ids, are deleted (best effort: validation ignores them anyway, since the row
is gone under that id). The function is copied here, frozen, as migrations require.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import migrations

BATCH = 1000


def _digest_id(cookie_value: str) -> uuid.UUID:
    return uuid.UUID(bytes=hashlib.sha256(cookie_value.encode()).digest()[:16])


def hash_stored_session_ids(apps, schema_editor):
    web_session = apps.get_model("accounts", "WebSession")
    sessions = web_session.objects.using(schema_editor.connection.alias)
    old_ids = list(sessions.values_list("id", flat=True))
    for old_id in old_ids:
        sessions.filter(id=old_id).update(id=_digest_id(str(old_id)))
    for start in range(0, len(old_ids), BATCH):
        cache.delete_many([f"session:{old_id}" for old_id in old_ids[start : start + BATCH]])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_yahoo_relink_and_api_keys"),
    ]

    # Reversing leaves the digests: the cookie values they came from are not stored anywhere.
    operations = [migrations.RunPython(hash_stored_session_ids, migrations.RunPython.noop)]
