"""Reads of the accounts app, always scoped to the requesting user."""

from django.db.models import QuerySet

from accounts.models import ApiKey, User, UserPreferences, YahooAccount
from fantasy.models import Player


def user_yahoo_account(*, user: User) -> YahooAccount | None:
    return YahooAccount.objects.filter(user=user).first()


def user_preferences(*, user: User) -> UserPreferences:
    """The stored preferences, or the defaults (unsaved) for a user who never changed them."""
    stored = UserPreferences.objects.filter(user=user).first()
    return stored or UserPreferences(user=user, updated_at=None)


def user_api_keys(*, user: User) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(user=user).order_by("-created_at", "-id")


def missing_player_ids(*, player_ids: list[int]) -> list[int]:
    """The ids in the list that name no player (for validating pinned players)."""
    found = set(Player.objects.filter(pk__in=player_ids).values_list("pk", flat=True))
    return sorted(set(player_ids) - found)
