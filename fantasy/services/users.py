"""A user's leagues of the current season, synced one by one: Yahoo's and Sleeper's."""

from collections.abc import Callable

from accounts import selectors as accounts_selectors
from accounts import yahoo_tokens
from accounts.models import SleeperAccount, User
from accounts.yahoo_errors import YahooNotLinked, YahooRelinkRequired
from fantasy.selectors import current_season_leagues
from fantasy.services.league_week import SyncResult, league_week_sync
from fantasy.sleeper import keys as sleeper_keys
from fantasy.sleeper.client import SleeperClient
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
        yahoo_tokens.yahoo_account_relink_flag(account=account, reason=exc.message)
        results.append(_skipped(on_result, YahooRelinkRequired.message))
    return results


def sleeper_user_sync(
    *,
    user: User,
    league_key: str | None = None,
    week: int | None = None,
    dry_run: bool = False,
    client: SleeperClient | None = None,
    on_result: Callable[[SyncResult], None] | None = None,
) -> list[SyncResult]:
    """Sync the user's Sleeper NFL leagues of the current season (or just `league_key`, a
    Sleeper league id or "sleeper.l.{id}") through the same league-week sync as Yahoo's.

    Calls: /state/nfl and the league list once (counted in the first result), then 4 per
    league-week, the week's stats once and the players dump at most once a day.
    """
    account = SleeperAccount.objects.filter(user=user).first()
    if account is None:
        return [_skipped(on_result, "no linked Sleeper account")]
    client = client or SleeperClient()
    listing_calls = client.calls
    season, current_week = client.state()
    if league_key:
        league_ids = [sleeper_keys.league_id(league_key)]
    else:
        leagues = client.user_leagues(account.sleeper_user_id, season)
        league_ids = [str(league["league_id"]) for league in leagues]
    listing_calls = client.calls - listing_calls
    results: list[SyncResult] = []
    for league_id in league_ids:
        result = league_week_sync(
            league_key=sleeper_keys.league_key(league_id),
            week=week or current_week,
            client=client,
            dry_run=dry_run,
        )
        if not results:
            result.calls += listing_calls
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _skipped(on_result: Callable[[SyncResult], None] | None, reason: str) -> SyncResult:
    result = SyncResult(league_id=None, week=None, error=reason)
    if on_result:
        on_result(result)
    return result
