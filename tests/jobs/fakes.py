"""Stand-ins for the Yahoo client (the tests' one fake, fed from the database) and the
sync/insights services the tasks call.

The tasks are the subject here; the services have their own tests (tests/fantasy, tests/insights).
"""

from dataclasses import dataclass, field

from fantasy.models import League
from fantasy.services.league_week import SyncResult
from fantasy.yahoo.local.prepared import PreparedYahooClient
from fantasy.yahoo.types import ParsedLeague
from insights.services import InsightsResult
from tests.factories import LeagueFactory

# Leagues on Yahoo the app does not have yet, listed beside the ones it stores.
NEW_LEAGUES: tuple[ParsedLeague, ...] = ()


def yahoo_client_for(account, **kwargs) -> PreparedYahooClient:
    """What `YahooClient(account)` gives the tasks here: the tests' one fake client, listing the
    leagues the account's user manages in the database, plus `NEW_LEAGUES`."""
    managed = League.objects.filter(teams__manager_user=account.user).order_by("id")
    client = PreparedYahooClient(
        leagues=[
            ParsedLeague(
                league_key=league.yahoo_league_id,
                game_key=league.game_key,
                name=league.name,
                season=league.season,
                scoring_type=league.scoring_type,
                current_week=league.current_week,
                is_finished=league.is_finished,
            )
            for league in managed
        ]
        + list(NEW_LEAGUES)
    )
    client.account = account
    return client


@dataclass
class FakeSync:
    """`league_week_sync` that records its calls and answers from a script of outcomes.

    Each outcome is an exception to raise or `changed` (bool) for a result; the last one repeats.
    """

    outcomes: list = field(default_factory=lambda: [False])
    calls: list[tuple[str, int | None, int]] = field(default_factory=list)

    def __call__(self, *, league_key, week, client, dry_run=False, free_agent_pages=1):
        self.calls.append((league_key, week, client.account.pk))
        outcome = self.outcomes[min(len(self.calls), len(self.outcomes)) - 1]
        if isinstance(outcome, Exception):
            raise outcome
        # A league new to the app is created by its first sync.
        league = League.objects.filter(yahoo_league_id=league_key).first() or LeagueFactory(
            yahoo_league_id=league_key
        )
        return SyncResult(
            league_id=league.pk,
            week=week or league.current_week,
            calls=4,
            created=2 if outcome else 0,
            updated=1 if outcome else 0,
            unchanged=0 if outcome else 3,
            changed=outcome,
            league_key=league_key,
        )


@dataclass
class FakeInsights:
    calls: list[tuple[int, int]] = field(default_factory=list)

    def __call__(self, *, league, week):
        self.calls.append((league.pk, week))
        return InsightsResult(
            league_id=league.pk,
            week=week,
            players_projected=30,
            waiver_candidates=5,
            team_fits=5,
            streamers=2,
            rows_created=40,
            rows_updated=0,
            rows_deleted=1,
        )
