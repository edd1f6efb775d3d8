"""Stand-ins for the Yahoo client and the sync/insights services the tasks call.

The tasks are the subject here; the services have their own tests (tests/fantasy, tests/insights).
"""

from dataclasses import dataclass, field

from fantasy.models import League
from fantasy.services import SyncResult
from insights.services import InsightsResult


class FakeYahooClient:
    def __init__(self, account, **kwargs):
        self.account = account
        self.calls = 0


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
        league = League.objects.get(yahoo_league_id=league_key)
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
