from django.db import models

from edge.db import created_at_field, json_default, updated_at_field
from fantasy.sleeper import keys as sleeper_keys


class League(models.Model):
    # Yahoo's league key, e.g. "406.l.12345"; NULL for a league of another provider (the seed's
    # NOT NULL holds for Yahoo's leagues: `ck_league_provider_id`).
    yahoo_league_id = models.TextField(unique=True, null=True, blank=True)
    season = models.SmallIntegerField()
    name = models.TextField()
    scoring_type = models.TextField()  # "point", "head"...
    # [{"position": "WR", "position_type": "O", "count": 2, "is_starting": true}, ...]
    roster_positions = models.JSONField(db_default=json_default([]), default=list)
    created_at = created_at_field()
    updated_at = updated_at_field()
    # Beyond the seed: what insights need to score and decide by the league's own rules.
    game_key = models.TextField(null=True, blank=True)  # "461" (NFL 2025)
    num_teams = models.SmallIntegerField(null=True, blank=True)
    current_week = models.SmallIntegerField(null=True, blank=True)
    start_week = models.SmallIntegerField(null=True, blank=True)
    end_week = models.SmallIntegerField(null=True, blank=True)
    is_finished = models.BooleanField(db_default=False, default=False)
    uses_faab = models.BooleanField(db_default=False, default=False)
    faab_budget = models.IntegerField(null=True, blank=True)
    # Scoring and waiver settings, normalised by the parsers:
    # {"stat_modifiers": {"4": 0.04, ...}, "bonuses": {...}, "stat_categories": {...},
    #  "waiver_type": ..., "waiver_rule": ..., "trade_end_date": ..., ...}
    settings = models.JSONField(db_default=json_default({}), default=dict)
    synced_at = models.DateTimeField(null=True, blank=True)
    # When the sync last stored the season's schedule (every regular-season matchup).
    schedule_synced_at = models.DateTimeField(null=True, blank=True)
    # Where the league lives: "yahoo" or "sleeper"; its id there is in that provider's column.
    provider = models.TextField(db_default="yahoo", default="yahoo")
    sleeper_league_id = models.TextField(unique=True, null=True, blank=True)

    class Meta:
        db_table = "leagues"
        constraints = [
            models.CheckConstraint(
                name="ck_league_provider_id",
                condition=models.Q(
                    provider="yahoo", yahoo_league_id__isnull=False, sleeper_league_id__isnull=True
                )
                | models.Q(
                    provider="sleeper",
                    sleeper_league_id__isnull=False,
                    yahoo_league_id__isnull=True,
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.season})"

    @property
    def league_key(self) -> str:
        """The key the syncs and the source protocol speak: Yahoo's league key, or
        "sleeper.l.{id}" (fantasy.sleeper.keys)."""
        if self.sleeper_league_id is not None:
            return sleeper_keys.league_key(self.sleeper_league_id)
        return self.yahoo_league_id

    @staticmethod
    def key_columns(league_key: str) -> dict[str, str | None]:
        """The id columns of the league a protocol key names (the other provider's are NULL)."""
        if sleeper_keys.is_sleeper_key(league_key):
            return {
                "yahoo_league_id": None,
                "sleeper_league_id": sleeper_keys.league_id(league_key),
            }
        return {"yahoo_league_id": league_key, "sleeper_league_id": None}


class Team(models.Model):
    league = models.ForeignKey(
        League, on_delete=models.CASCADE, related_name="teams", db_index=False
    )
    # Yahoo's team key; NULL for a Sleeper team, which has its roster id instead.
    yahoo_team_key = models.TextField(null=True, blank=True)
    name = models.TextField()
    logo_url = models.TextField(null=True, blank=True)
    manager_user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_teams",
    )
    created_at = created_at_field()
    updated_at = updated_at_field()
    manager_guid = models.TextField(null=True, blank=True)  # Yahoo guid of the manager
    manager_nickname = models.TextField(null=True, blank=True)
    faab_balance = models.IntegerField(null=True, blank=True)
    waiver_priority = models.SmallIntegerField(null=True, blank=True)
    # Yahoo's own standings line as of the last sync, when Yahoo sent one: {"rank": 1,
    # "playoff_seed": 1, "wins": 9, "losses": 3, "ties": 0, "points_for": 1646.56, ...}
    yahoo_standings = models.JSONField(null=True, blank=True)
    sleeper_roster_id = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "teams"
        unique_together = [("league", "yahoo_team_key")]
        constraints = [
            models.UniqueConstraint(
                fields=["league", "sleeper_roster_id"], name="uq_team_sleeper_roster"
            ),
            models.CheckConstraint(
                name="ck_team_provider_id",
                condition=models.Q(yahoo_team_key__isnull=False, sleeper_roster_id__isnull=True)
                | models.Q(yahoo_team_key__isnull=True, sleeper_roster_id__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["league"], name="idx_teams_league"),
            # Scoping: a user sees the leagues where their Yahoo guid manages a team.
            models.Index(fields=["manager_guid"], name="idx_teams_manager_guid"),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def key_columns(team_key: str) -> dict[str, str | int | None]:
        """The id columns of the team a protocol key names (the other provider's are NULL)."""
        if sleeper_keys.is_sleeper_key(team_key):
            return {"yahoo_team_key": None, "sleeper_roster_id": sleeper_keys.roster_id(team_key)}
        return {"yahoo_team_key": team_key, "sleeper_roster_id": None}

    def key_in(self, league: League) -> str:
        """The protocol key of this team of `league` (no query: the league is given)."""
        if self.sleeper_roster_id is not None:
            return sleeper_keys.team_key(league.sleeper_league_id, self.sleeper_roster_id)
        return self.yahoo_team_key


class Player(models.Model):
    yahoo_player_id = models.TextField(unique=True, null=True, blank=True)
    full_name = models.TextField()
    position_primary = models.TextField(null=True, blank=True)
    nfl_team = models.TextField(null=True, blank=True)
    bye_week = models.SmallIntegerField(null=True, blank=True)
    status = models.TextField(null=True, blank=True)
    meta = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()
    updated_at = updated_at_field()
    # Yahoo's eligible_positions, e.g. ["WR", "W/R/T"]; the lineup optimiser reads them.
    eligible_positions = models.JSONField(db_default=json_default([]), default=list)
    position_type = models.TextField(null=True, blank=True)  # O, K, DT (team defence), DP (IDP)
    injury_note = models.TextField(null=True, blank=True)
    percent_owned = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    percent_owned_delta = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    # Sleeper's id of the same person (one row per player whatever the provider).
    sleeper_player_id = models.TextField(unique=True, null=True, blank=True)
    # Adds across Sleeper over the last day as of the latest Sleeper sync (its trending list,
    # 0 off the list; NULL for a player no Sleeper sync has seen): demand for waiver odds.
    sleeper_trending_adds = models.IntegerField(null=True, blank=True)

    class Meta:
        db_table = "players"
        indexes = [models.Index(fields=["position_primary"], name="idx_players_pos")]

    def __str__(self) -> str:
        return self.full_name


class LeaguePlayer(models.Model):
    """A player a league's syncs have seen: on one of its rosters or listed by Yahoo as available
    in it. Insights project these players for the league, not every player the database holds
    (migration 0009 gave the leagues that existed before it every player then stored)."""

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="+", db_index=False)
    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        db_table = "league_players"
        constraints = [
            models.UniqueConstraint(fields=["league", "player"], name="uq_league_player")
        ]

    def __str__(self) -> str:
        return f"{self.league_id} {self.player_id}"


class RosterSlot(models.Model):
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="roster_slots", db_index=False
    )
    week = models.SmallIntegerField()
    slot = models.TextField()
    player = models.ForeignKey(
        Player, on_delete=models.SET_NULL, null=True, blank=True, related_name="roster_slots"
    )
    projected_pts = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    actual_pts = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    is_starter = models.BooleanField(db_default=True, default=True)
    created_at = created_at_field()
    updated_at = updated_at_field()
    # Yahoo's selected_position ("WR", "BN"); `slot` numbers repeats ("WR1", "WR2", "BN3").
    position = models.TextField(null=True, blank=True)
    is_editable = models.BooleanField(null=True, blank=True)  # False once the game started

    class Meta:
        db_table = "roster_slots"
        constraints = [
            models.UniqueConstraint(fields=["team", "week", "slot"], name="uq_team_week_slot")
        ]
        indexes = [
            models.Index(fields=["team", "week"], name="idx_roster_slots_team_week"),
            # "Is this player free in the league this week?" (streamers, waivers).
            models.Index(fields=["league", "week", "player"], name="idx_roster_league_week_player"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} w{self.week} {self.slot}"


class Matchup(models.Model):
    """One team's view of its matchup in a week (two rows per game)."""

    league = models.ForeignKey(
        League, on_delete=models.CASCADE, related_name="matchups", db_index=False
    )
    week = models.SmallIntegerField()
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="matchups")
    opponent_team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    projected_pts = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    actual_pts = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    created_at = created_at_field()
    updated_at = updated_at_field()
    status = models.TextField(null=True, blank=True)  # preevent | midevent | postevent
    is_playoffs = models.BooleanField(db_default=False, default=False)
    win_probability = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        db_table = "matchups"
        unique_together = [("league", "week", "team")]
        indexes = [models.Index(fields=["league", "week"], name="idx_matchups_league_week")]

    def __str__(self) -> str:
        return f"{self.team_id} w{self.week}"


class PlayerWeekStats(models.Model):
    """A player's real stat line for one NFL week, keyed by Yahoo stat id ({"4": 226, ...}).

    Scoring-neutral: each league's points come from its own stat modifiers (insights).
    """

    player = models.ForeignKey(
        Player, on_delete=models.CASCADE, related_name="week_stats", db_index=False
    )
    season = models.SmallIntegerField()
    week = models.SmallIntegerField()
    stats = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "player_week_stats"
        verbose_name_plural = "player week stats"
        constraints = [
            models.UniqueConstraint(
                fields=["player", "season", "week"], name="uq_player_week_stats"
            )
        ]
        indexes = [models.Index(fields=["season", "week"], name="idx_player_week_stats_week")]

    def __str__(self) -> str:
        return f"{self.player_id} {self.season} w{self.week}"


class NflGame(models.Model):
    """One NFL game: opponents, byes, kickoffs, lines for insights (nflverse's file or the
    operator's, see load_nfl_schedule)."""

    season = models.SmallIntegerField()
    week = models.SmallIntegerField()
    kickoff = models.DateTimeField(null=True, blank=True)
    home_team = models.TextField()  # Yahoo's team codes ("KC", "LAR")
    away_team = models.TextField()
    status = models.TextField(db_default="scheduled", default="scheduled")
    home_spread = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    total = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    home_score = models.SmallIntegerField(null=True, blank=True)
    away_score = models.SmallIntegerField(null=True, blank=True)
    # 0 calm/dome .. 4 severe (wind, cold; see nfl_schedule.weather_bucket), None when unknown.
    weather_bucket = models.SmallIntegerField(null=True, blank=True)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "nfl_games"
        constraints = [
            models.UniqueConstraint(
                fields=["season", "week", "home_team"], name="uq_nfl_game_home"
            ),
            models.UniqueConstraint(
                fields=["season", "week", "away_team"], name="uq_nfl_game_away"
            ),
        ]
        indexes = [models.Index(fields=["season", "week"], name="idx_nfl_games_week")]

    def __str__(self) -> str:
        return f"{self.season} w{self.week} {self.away_team}@{self.home_team}"


class PlayerSeasonStats(models.Model):
    """A player's totals for a whole NFL season, keyed by Yahoo stat id, with games played.

    The prior for the next season's early weeks: filled from Yahoo's season stats (a past
    season's game) or by summing stored `player_week_stats` of that season.
    """

    player = models.ForeignKey(
        Player, on_delete=models.CASCADE, related_name="season_stats", db_index=False
    )
    season = models.SmallIntegerField()
    games_played = models.SmallIntegerField(db_default=0, default=0)
    stats = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "player_season_stats"
        verbose_name_plural = "player season stats"
        constraints = [
            models.UniqueConstraint(fields=["player", "season"], name="uq_player_season_stats")
        ]
        indexes = [models.Index(fields=["season"], name="idx_player_season_stats_season")]

    def __str__(self) -> str:
        return f"{self.player_id} {self.season}"


class EventLog(models.Model):
    ts = models.DateTimeField(db_default=models.functions.Now())
    type = models.TextField()  # 'injury'|'weather'|'role'|'lock'|'refresh'
    payload = models.JSONField()
    # Who may see it (null league and player: a global event, visible to everyone).
    league = models.ForeignKey(
        "fantasy.League", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    player = models.ForeignKey(
        "fantasy.Player", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    week = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "event_log"
        indexes = [models.Index(fields=["-ts"], name="idx_event_log_ts")]

    def __str__(self) -> str:
        return f"{self.type} {self.ts:%Y-%m-%d %H:%M}"
