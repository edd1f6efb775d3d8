import json

from rest_framework import serializers

from accounts.models import ApiKey, SleeperAccount, User, UserPreferences, YahooAccount
from fantasy.selectors import missing_player_ids

THEMES = ["system", "light", "dark"]
SAVED_VIEWS_MAX_BYTES = 16 * 1024
SAVED_VIEWS_MAX_DEPTH = 16
MAX_PINNED_PLAYERS = 50


class YahooLinkSerializer(serializers.ModelSerializer):
    """Link status only: tokens never leave the server."""

    linked = serializers.SerializerMethodField()

    class Meta:
        model = YahooAccount
        fields = ["linked", "yahoo_guid", "needs_relink", "relink_reason", "access_expires_at"]

    def get_linked(self, account: YahooAccount) -> bool:
        return True


class SleeperLinkSerializer(serializers.ModelSerializer):
    linked = serializers.SerializerMethodField()

    class Meta:
        model = SleeperAccount
        fields = ["linked", "username", "sleeper_user_id", "display_name"]

    def get_linked(self, account: SleeperAccount) -> bool:
        return True


class MeSerializer(serializers.ModelSerializer):
    yahoo = serializers.SerializerMethodField()
    sleeper = serializers.SerializerMethodField()
    csrf_token = serializers.SerializerMethodField(
        help_text="Send it back as X-CSRFToken on cookie-authenticated PUT/POST/DELETE."
    )

    class Meta:
        model = User
        fields = [
            "id",
            "display_name",
            "email",
            "avatar_url",
            "created_at",
            "yahoo",
            "sleeper",
            "csrf_token",
        ]

    def get_yahoo(self, user: User) -> dict:
        account = self.context["yahoo_account"]
        if account is None:
            return {"linked": False, "needs_relink": True, "relink_reason": "not_linked"}
        return YahooLinkSerializer(account).data

    def get_sleeper(self, user: User) -> dict:
        account = self.context.get("sleeper_account")
        return SleeperLinkSerializer(account).data if account else {"linked": False}

    def get_csrf_token(self, user: User) -> str:
        return self.context["csrf_token"]


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


class ApiKeySerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiKey
        fields = ["id", "name", "prefix", "created_at", "last_used_at"]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at"]
        extra_kwargs = {"name": {"max_length": 100, "allow_blank": False}}


class ApiKeyCreatedSerializer(ApiKeySerializer):
    key = serializers.CharField(
        read_only=True, help_text="The whole key. Shown only in this response; store it now."
    )

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]
