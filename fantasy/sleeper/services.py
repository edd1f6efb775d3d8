"""Writes that need Sleeper's API: linking a username (the sync lives in fantasy.services)."""

from accounts.models import SleeperAccount, User
from accounts.services import sleeper_account_link
from fantasy.sleeper.client import SleeperClient


def sleeper_username_link(
    *, user: User, username: str, client: SleeperClient | None = None
) -> SleeperAccount:
    """Find `username` on Sleeper (1 call; unknown is SleeperUserNotFound naming it) and link
    its user id to `user`."""
    found = (client or SleeperClient()).user(username)
    return sleeper_account_link(
        user=user,
        sleeper_user_id=str(found["user_id"]),
        username=str(found.get("username") or username),
        display_name=found.get("display_name"),
    )
