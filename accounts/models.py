import uuid

from django.db import models

from edge.db import (
    BigIntArrayField,
    CITextField,
    EmptyBigIntArray,
    created_at_field,
    json_default,
    updated_at_field,
)


class User(models.Model):
    """A product user (table `users`). They sign in only through Yahoo and have no password.

    Operators are Django's own staff users in `auth_user`, a different table.
    """

    yahoo_guid = models.TextField(unique=True, null=True, blank=True)
    email = CITextField(unique=True, null=True, blank=True)
    display_name = models.TextField(null=True, blank=True)
    avatar_url = models.TextField(null=True, blank=True)
    created_at = created_at_field()
    updated_at = updated_at_field()

    # DRF and Django treat any object with these as a signed-in principal.
    is_authenticated = True
    is_anonymous = False

    class Meta:
        db_table = "users"
        verbose_name = "product user"  # not an operator: operators are Django's staff users

    def __str__(self) -> str:
        return self.display_name or self.email or f"user {self.pk}"


class WebSession(models.Model):
    """A server-side web session (table `sessions`, cookie `fe_session`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    created_at = created_at_field()
    last_seen_at = models.DateTimeField(db_default=models.functions.Now())
    expires_at = models.DateTimeField()
    user_agent = models.TextField(null=True, blank=True)
    ip_addr = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        db_table = "sessions"
        indexes = [models.Index(fields=["user", "expires_at"], name="idx_sessions_user_expires")]

    def __str__(self) -> str:
        return str(self.id)


class YahooAccount(models.Model):
    """A user's Yahoo OAuth linkage; both tokens are Fernet-encrypted at rest."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="yahoo_account")
    yahoo_guid = models.TextField(unique=True)
    scope = models.TextField(null=True, blank=True)
    access_token_enc = models.TextField()
    refresh_token_enc = models.TextField()
    access_expires_at = models.DateTimeField()
    # Set when Yahoo answers invalid_grant or a stored token no longer decrypts: the user must
    # sign in with Yahoo again before anything can be synced.
    needs_relink = models.BooleanField(db_default=False, default=False)
    relink_reason = models.TextField(db_default="", default="", blank=True)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "yahoo_accounts"

    def __str__(self) -> str:
        return self.yahoo_guid


class SleeperAccount(models.Model):
    """A linked Sleeper username (public API, no tokens): the leagues `sleeper_sync` reads."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="sleeper_account")
    # Sleeper's user_id: usernames can change, ids cannot. One product user per Sleeper user.
    sleeper_user_id = models.TextField(unique=True)
    username = models.TextField()
    display_name = models.TextField(null=True, blank=True)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "sleeper_accounts"

    def __str__(self) -> str:
        return self.username


class UserPreferences(models.Model):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="preferences"
    )
    theme = models.TextField(db_default="system", default="system")
    saved_views = models.JSONField(db_default=json_default({}), default=dict)
    pinned_players = BigIntArrayField(db_default=EmptyBigIntArray(), default=list)
    updated_at = updated_at_field()

    class Meta:
        db_table = "user_preferences"
        verbose_name_plural = "user preferences"

    def __str__(self) -> str:
        return f"preferences of user {self.user_id}"


class ApiKey(models.Model):
    """A key for REST clients (`Authorization: Bearer fe_<prefix>_<secret>`).

    Only a SHA-256 digest of the whole key is stored; the key itself is shown once, at creation.
    The prefix is public and finds the row without scanning.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    name = models.TextField()
    prefix = models.TextField(unique=True)
    key_hash = models.TextField()
    created_at = created_at_field()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "api_keys"
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class OneTimeSignIn(models.Model):
    """A development sign-in link (`demo_credentials`): single use, short-lived.

    In the database rather than Redis so that the link printed by one process (a management
    command) works in the server's, even with the embedded local-memory cache. Only a SHA-256
    digest of the token is stored.
    """

    token_hash = models.TextField(unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    next_url = models.TextField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = created_at_field()

    class Meta:
        db_table = "one_time_sign_ins"

    def __str__(self) -> str:
        return f"{self.user_id} until {self.expires_at:%Y-%m-%d %H:%M}"
