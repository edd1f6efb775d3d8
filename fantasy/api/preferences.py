"""`GET, PUT /user/preferences`: theme, saved views and pinned players.

Served by fantasy, not accounts: pinned players are fantasy's players, and accounts (below
fantasy) cannot check that they exist. The preferences row itself is accounts' (read and
written through its selectors and services).
"""

import json

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors as accounts_selectors
from accounts import services as accounts_services
from accounts.models import UserPreferences
from edge.openapi import error_responses
from fantasy.selectors import missing_player_ids

THEMES = ["system", "light", "dark"]
SAVED_VIEWS_MAX_BYTES = 16 * 1024
SAVED_VIEWS_MAX_DEPTH = 16
MAX_PINNED_PLAYERS = 50


def _json_depth(node) -> int:
    """How deeply objects and arrays nest (iterative: the input may nest very deep)."""
    deepest, pending = 0, [(node, 0)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            pending.extend((child, depth) for child in _children(node))
    return deepest


def _children(node: dict | list):
    return node.values() if isinstance(node, dict) else node


def _json_strings(node):
    """Every key and string value in parsed JSON."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, child in node.items():
            yield key
            yield from _json_strings(child)
    elif isinstance(node, list):
        for child in node:
            yield from _json_strings(child)


def _storable_text(text: str) -> bool:
    """JSON allows NUL and unpaired surrogates (as escapes); Postgres' jsonb does not."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


class UserPreferencesSerializer(serializers.ModelSerializer):
    """Fields left out of a PUT keep their stored value."""

    theme = serializers.ChoiceField(choices=THEMES, required=False)
    saved_views = serializers.DictField(required=False, help_text="A JSON object.")
    updated_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="null until the preferences are first saved"
    )
    pinned_players = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        max_length=MAX_PINNED_PLAYERS,
        required=False,
    )

    class Meta:
        model = UserPreferences
        fields = ["theme", "saved_views", "pinned_players", "updated_at"]

    def validate_saved_views(self, value):
        # Checked first: encoding JSON nested close to Python's recursion limit crashes.
        if _json_depth(value) > SAVED_VIEWS_MAX_DEPTH:
            raise serializers.ValidationError(
                f"Must nest at most {SAVED_VIEWS_MAX_DEPTH} levels deep."
            )
        if len(json.dumps(value).encode()) > SAVED_VIEWS_MAX_BYTES:
            raise serializers.ValidationError(
                f"Must be at most {SAVED_VIEWS_MAX_BYTES} bytes as JSON."
            )
        if not all(_storable_text(text) for text in _json_strings(value)):
            raise serializers.ValidationError("Text must not contain NUL or unpaired surrogates.")
        return value

    def validate_pinned_players(self, value: list[int]) -> list[int]:
        unique = list(dict.fromkeys(value))
        missing = missing_player_ids(player_ids=unique)
        if missing:
            raise serializers.ValidationError(
                f"Unknown player ids: {', '.join(map(str, missing))}."
            )
        return unique


class UserPreferencesView(APIView):
    @extend_schema(
        tags=["account"],
        summary="The user's preferences",
        description="Theme, saved views and pinned players, as last saved.",
        responses={200: UserPreferencesSerializer, **error_responses(401)},
    )
    def get(self, request):
        preferences = accounts_selectors.user_preferences(user=request.user)
        return Response(UserPreferencesSerializer(preferences).data)

    @extend_schema(
        tags=["account"],
        summary="Save the user's preferences",
        request=UserPreferencesSerializer,
        responses={200: UserPreferencesSerializer, **error_responses(400, 401, 403)},
    )
    def put(self, request):
        """Theme, saved views and pinned players; fields left out keep their value."""
        serializer = UserPreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        preferences = accounts_services.user_preferences_update(
            user=request.user, **serializer.validated_data
        )
        return Response(UserPreferencesSerializer(preferences).data)
