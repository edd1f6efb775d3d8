"""Operators' views of users, sessions, Yahoo links, preferences and API keys.

No secret is ever displayed: token columns and key hashes are left out of every form and list.
A session is shown by a fingerprint of its stored digest (nothing an operator sees signs in);
revoking or deleting one ends it at once (the row and its Redis key).
"""

from django.contrib import admin, messages

from accounts import sessions
from accounts.models import ApiKey, User, UserPreferences, WebSession, YahooAccount


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["id", "display_name", "email", "yahoo_guid", "created_at"]
    search_fields = ["display_name", "email", "yahoo_guid"]
    readonly_fields = ["yahoo_guid", "created_at", "updated_at"]
    ordering = ["-id"]


@admin.register(WebSession)
class WebSessionAdmin(admin.ModelAdmin):
    list_display = ["fingerprint", "user", "created_at", "last_seen_at", "expires_at", "ip_addr"]
    list_filter = ["expires_at"]
    search_fields = ["user__display_name", "user__email", "ip_addr"]
    list_select_related = ["user"]
    actions = ["revoke"]
    fields = readonly_fields = [
        "fingerprint",
        "user",
        "created_at",
        "last_seen_at",
        "expires_at",
        "user_agent",
        "ip_addr",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Session")
    def fingerprint(self, obj: WebSession) -> str:
        return sessions.session_fingerprint(obj.id)

    @admin.action(description="Revoke selected sessions (sign them out now)")
    def revoke(self, request, queryset) -> None:
        self.delete_queryset(request, queryset)
        messages.success(request, "Sessions revoked.")

    def delete_model(self, request, obj: WebSession) -> None:
        sessions.session_revoke(session_id=obj.id)

    def delete_queryset(self, request, queryset) -> None:  # the "delete selected" action
        for session_id in queryset.values_list("id", flat=True):
            sessions.session_revoke(session_id=session_id)


@admin.register(YahooAccount)
class YahooAccountAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "yahoo_guid", "access_expires_at", "needs_relink"]
    list_filter = ["needs_relink"]
    search_fields = ["yahoo_guid", "user__display_name", "user__email"]
    list_select_related = ["user"]
    # The encrypted columns are not even shown as ciphertext.
    exclude = ["access_token_enc", "refresh_token_enc"]
    readonly_fields = [
        "user",
        "yahoo_guid",
        "scope",
        "access_expires_at",
        "tokens",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="Tokens")
    def tokens(self, obj: YahooAccount) -> str:
        return "stored encrypted (never displayed)"


@admin.register(UserPreferences)
class UserPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "theme", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__display_name", "user__email"]
    readonly_fields = ["user", "updated_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "prefix", "user", "created_at", "last_used_at"]
    search_fields = ["name", "prefix", "user__display_name", "user__email"]
    list_select_related = ["user"]
    exclude = ["key_hash"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False
