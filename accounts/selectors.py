"""Reads of the accounts app, always scoped to the requesting user."""

from django.db.models import QuerySet

from accounts.models import ApiKey, SleeperAccount, User, UserPreferences, YahooAccount


def user_yahoo_account(*, user: User) -> YahooAccount | None:
    return YahooAccount.objects.filter(user=user).first()


def user_sleeper_account(*, user: User) -> SleeperAccount | None:
    return SleeperAccount.objects.filter(user=user).first()


def user_preferences(*, user: User) -> UserPreferences:
    """The stored preferences, or the defaults (unsaved) for a user who never changed them."""
    stored = UserPreferences.objects.filter(user=user).first()
    return stored or UserPreferences(user=user, updated_at=None)


def user_api_keys(*, user: User) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(user=user).order_by("-created_at", "-id")
