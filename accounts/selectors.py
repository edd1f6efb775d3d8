"""Reads of the accounts app, always scoped to the requesting user."""

from django.db.models import QuerySet

from accounts.models import ApiKey, SleeperAccount, User, UserPreferences, YahooAccount
from accounts.yahoo_errors import YahooNotLinked, YahooRelinkRequired


def user_yahoo_account(*, user: User) -> YahooAccount | None:
    return YahooAccount.objects.filter(user=user).first()


def user_sync_account(*, user_id: int) -> YahooAccount:
    """The user's Yahoo account, usable for a sync: `YahooNotLinked` without one,
    `YahooRelinkRequired` when it must be linked again."""
    account = YahooAccount.objects.filter(user_id=user_id).first()
    if account is None:
        raise YahooNotLinked(f"User {user_id} has no linked Yahoo account.")
    if account.needs_relink:
        raise YahooRelinkRequired()
    return account


def user_sleeper_account(*, user: User) -> SleeperAccount | None:
    return SleeperAccount.objects.filter(user=user).first()


def user_preferences(*, user: User) -> UserPreferences:
    """The stored preferences, or the defaults (unsaved) for a user who never changed them."""
    stored = UserPreferences.objects.filter(user=user).first()
    return stored or UserPreferences(user=user, updated_at=None)


def user_api_keys(*, user: User) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(user=user).order_by("-created_at", "-id")
