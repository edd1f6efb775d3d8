"""A user's leagues of the current season, synced one by one."""

from collections.abc import Callable

from accounts import selectors as accounts_selectors
from accounts import services as accounts_services
from accounts.models import User
from accounts.yahoo_errors import YahooNotLinked, YahooRelinkRequired
from fantasy.selectors import current_season_leagues
from fantasy.services.league_week import SyncResult, league_week_sync
from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.types import (
    YahooSource,
)


def user_sync(
    *,
    user: User,
    league_key: str | None = None,
    week: int | None = None,
    dry_run: bool = False,
    client: YahooSource | None = None,
    on_result: Callable[[SyncResult], None] | None = None,
) -> list[SyncResult]:
    """Sync the user's NFL leagues of the current season (or just `league_key`), one by one.

    No usable account, or a revoked token, is reported as a result with `error` set (earlier
    leagues stay synced) and a revoked account is flagged for relinking; other Yahoo errors
    propagate. The calls that list the user's leagues are counted in the first league's
    result. `on_result` sees each result as soon as its league is done.
    """
    try:
        account = accounts_selectors.user_sync_account(user_id=user.pk)
    except (YahooNotLinked, YahooRelinkRequired) as exc:
        return [_skipped(on_result, exc.message)]
    if client is None:
        client = YahooClient(account)

    results: list[SyncResult] = []
    listing_calls = client.calls
    try:
        if league_key:
            league_keys = [league_key]
        else:
            leagues = current_season_leagues(client.user_leagues(game_code="nfl"))
            league_keys = [league.league_key for league in leagues]
        listing_calls = client.calls - listing_calls
        for key in league_keys:
            result = league_week_sync(league_key=key, week=week, client=client, dry_run=dry_run)
            if not results:
                result.calls += listing_calls
            results.append(result)
            if on_result:
                on_result(result)
    except YahooRelinkRequired as exc:
        accounts_services.yahoo_account_relink_flag(account=account, reason=exc.message)
        results.append(_skipped(on_result, YahooRelinkRequired.message))
    return results


def _skipped(on_result: Callable[[SyncResult], None] | None, reason: str) -> SyncResult:
    result = SyncResult(league_id=None, week=None, error=reason)
    if on_result:
        on_result(result)
    return result
