from rest_framework import serializers

from accounts.models import ApiKey, SleeperAccount, User, YahooAccount


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
