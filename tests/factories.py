"""factory_boy factories, one per model. Extend freely; keep defaults valid and unique."""

import datetime as dt
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.crypto import token_cipher
from accounts.models import User, UserPreferences, WebSession, YahooAccount
from edge.models import Job, JobRun
from fantasy.bulk_league import STANDARD_ROSTER
from fantasy.models import (
    EventLog,
    League,
    LeaguePlayer,
    Matchup,
    NflGame,
    Player,
    PlayerSeasonStats,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from insights.models import Note, Projection, StreamerSignal, WaiverCandidate, WaiverTeamFit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    yahoo_guid = factory.Sequence(lambda n: f"GUID{n:08d}")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Manager {n}")


class WebSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebSession

    id = factory.LazyFunction(uuid.uuid4)
    user = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    user_agent = "pytest"
    ip_addr = "127.0.0.1"


class YahooAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YahooAccount

    user = factory.SubFactory(UserFactory)
    yahoo_guid = factory.LazyAttribute(lambda o: o.user.yahoo_guid)
    scope = "fspt-r"
    # Real ciphertexts under settings.TOKEN_CRYPTO_KEY: plaintexts access-token-N / refresh-token-N.
    access_token_enc = factory.Sequence(lambda n: token_cipher().encrypt(f"access-token-{n}"))
    refresh_token_enc = factory.Sequence(lambda n: token_cipher().encrypt(f"refresh-token-{n}"))
    access_expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=1))


class UserPreferencesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserPreferences

    user = factory.SubFactory(UserFactory)


class LeagueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = League

    yahoo_league_id = factory.Sequence(lambda n: f"461.l.{10000 + n}")
    game_key = "461"
    season = 2025
    name = factory.Sequence(lambda n: f"League {n}")
    scoring_type = "head"
    roster_positions = factory.LazyFunction(lambda: [dict(p) for p in STANDARD_ROSTER])
    num_teams = 12
    current_week = 5
    start_week = 1
    end_week = 17
    uses_faab = True
    faab_budget = 100


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    league = factory.SubFactory(LeagueFactory)
    yahoo_team_key = factory.Sequence(lambda n: f"461.l.1.t.{n}")
    name = factory.Sequence(lambda n: f"Team {n}")


class PlayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Player

    yahoo_player_id = factory.Sequence(lambda n: str(30000 + n))
    full_name = factory.Sequence(lambda n: f"Player {n}")
    position_primary = "WR"
    eligible_positions = factory.LazyAttribute(lambda o: [o.position_primary])
    position_type = "O"
    nfl_team = "KC"
    bye_week = 10


class LeaguePlayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaguePlayer

    league = factory.SubFactory(LeagueFactory)
    player = factory.SubFactory(PlayerFactory)


class PlayerWeekStatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlayerWeekStats

    player = factory.SubFactory(PlayerFactory)
    season = 2025
    week = 1
    stats = factory.LazyFunction(lambda: {"11": 5, "12": 60})


class PlayerSeasonStatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlayerSeasonStats

    player = factory.SubFactory(PlayerFactory)
    season = 2024
    games_played = 17
    stats = factory.LazyFunction(lambda: {"0": 17, "11": 85, "12": 1020, "13": 6})


class RosterSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterSlot

    team = factory.SubFactory(TeamFactory)
    league = factory.SelfAttribute("team.league")
    week = 5
    slot = factory.Sequence(lambda n: f"BN{n}")
    position = "BN"
    player = factory.SubFactory(PlayerFactory)
    is_starter = False


class MatchupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matchup

    team = factory.SubFactory(TeamFactory)
    league = factory.SelfAttribute("team.league")
    week = 5
    opponent_team = factory.SubFactory(TeamFactory, league=factory.SelfAttribute("..league"))
    projected_pts = Decimal("110.50")
    actual_pts = Decimal("98.20")


class NflGameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NflGame

    season = 2025
    week = 5
    home_team = "KC"
    away_team = "BUF"
    kickoff = factory.LazyFunction(lambda: dt.datetime(2025, 10, 5, 17, 0, tzinfo=dt.UTC))


class ProjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Projection

    player = factory.SubFactory(PlayerFactory)
    week = 5
    source = "internal"
    points = Decimal("12.30")


class WaiverCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WaiverCandidate

    league = factory.SubFactory(LeagueFactory)
    week = 5
    player = factory.SubFactory(PlayerFactory)
    delta_xfp = Decimal("3.20")
    fit_score = Decimal("61.00")
    faab_suggestion = 7
    acquisition_prob = Decimal("0.55")


class WaiverTeamFitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WaiverTeamFit

    team = factory.SubFactory(TeamFactory)
    candidate = factory.SubFactory(
        WaiverCandidateFactory, league=factory.SelfAttribute("..team.league")
    )
    week = factory.SelfAttribute("candidate.week")
    delta_xfp = Decimal("3.20")
    delta_xfp_ros = Decimal("18.00")
    fit_score = Decimal("61.00")
    faab_suggestion = 7
    acquisition_prob = Decimal("0.55")
    reasons = factory.LazyFunction(lambda: ["+3.2 projected vs your worst starter"])


class StreamerSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StreamerSignal

    week = 5
    kind = "def"
    subject_id = factory.Sequence(lambda n: 1000 + n)
    fit_score = Decimal("70.00")


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    user = factory.SubFactory(UserFactory)
    player = factory.SubFactory(PlayerFactory)
    note = "Target in PPR."


class EventLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventLog

    type = "injury"
    payload = factory.LazyFunction(lambda: {"status": "Q"})


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    id = factory.LazyFunction(uuid.uuid4)
    kind = "fantasy.tasks.sync_user"
    payload = factory.LazyFunction(lambda: {"user_id": 1})


class JobRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRun

    job = factory.SubFactory(JobFactory)
