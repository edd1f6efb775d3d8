"""The demo league as Yahoo would serve it: parsed league-weeks, settings, teams, players and
matchups, built from the simulator's state (`DemoLeague` inherits this view).

`league_week(week, as_of=…)` is what `YahooClient.league_week` would return when synced during
week `as_of`: rosters, stats and points of `week`, but players' statuses and ownership, and
teams' FAAB, as they stand at `as_of` (Yahoo always answers with today's).
"""

import math
from decimal import Decimal

from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueSettings,
    ParsedLeagueWeek,
    ParsedMatchup,
    ParsedMatchupTeam,
    ParsedPlayer,
    ParsedPlayerSeason,
    ParsedPlayerWeek,
    ParsedRosterEntry,
    ParsedRosterPosition,
    ParsedTeam,
    ParsedTeamRoster,
)
from insights.demo.constants import (
    DEMO_MANAGER_GUID,
    DEMO_PLAYOFF_TEAMS,
    DEMO_TEAM_NUMBER,
    FAAB_BUDGET,
    FANTASY_TEAM_NAMES,
    FLEX_ACCEPTS,
    GAME_KEY,
    LEAGUE_END_WEEK,
    PLAYOFF_START_WEEK,
    POSITION_TYPES,
    SEASON,
)


class YahooView:
    """Yahoo's parsed shapes of a `DemoLeague` (a mixin: the league's state is the simulator's)."""

    def league_week(self, week: int, *, as_of: int, early: bool = False) -> ParsedLeagueWeek:
        """What Yahoo answers for `week` when asked during week `as_of` (see the module doc).

        `early` is the current week before the weekend: last week's news, nothing locked yet.
        """
        if not 1 <= week <= self.current_week or not week <= as_of <= self.current_week:
            raise ValueError(f"week {week} as of {as_of}: outside weeks 1-{self.current_week}")
        news_week = max(1, as_of - 1) if early else as_of
        played = week < self.current_week
        locked = set() if early or played else self.thursday_teams(week)
        player_cache: dict[str, ParsedPlayer] = {}

        def parsed(pid: str) -> ParsedPlayer:
            if pid not in player_cache:
                player_cache[pid] = self._parsed_player(pid, news_week)
            return player_cache[pid]

        rosters = []
        for team in range(1, self.num_teams + 1):
            entries = [
                ParsedRosterEntry(
                    player=parsed(pid),
                    selected_position=position,
                    week=week,
                    is_editable=not played and self.players[pid].nfl_team not in locked,
                    points=self.points(pid, week) if played else None,
                    stats=self._stats(pid, week) if played else {},
                    is_flex=position in FLEX_ACCEPTS,
                )
                for pid, position in self.lineup(team, week, early=early)
            ]
            rosters.append(
                ParsedTeamRoster(
                    team_key=self.team_key(team),
                    week=week,
                    entries=entries,
                    is_editable=not played,
                )
            )
        rostered = {entry.player.player_id for roster in rosters for entry in roster.entries}
        free_agents = [
            ParsedPlayerWeek(
                player=parsed(pid),
                week=week,
                points=self.points(pid, week) if played else None,
                stats=self._stats(pid, week) if played else {},
            )
            for pid in self.players
            if pid not in rostered
        ]
        free_agents.sort(key=lambda fa: (-(fa.player.percent_owned or 0), fa.player.player_id))
        return ParsedLeagueWeek(
            league=self.parsed_league(),
            settings=self.settings(),
            teams=[self._parsed_team(team, as_of) for team in range(1, self.num_teams + 1)],
            week=week,
            rosters=rosters,
            matchups=self._matchups(week, rosters, played),
            free_agents=free_agents,
        )

    def parsed_league(self) -> ParsedLeague:
        return ParsedLeague(
            league_key=self.league_key,
            game_key=GAME_KEY,
            name=self.format.name,
            season=SEASON,
            scoring_type="headpoint",  # head-to-head on points
            num_teams=self.num_teams,
            current_week=self.current_week,
            start_week=1,
            end_week=LEAGUE_END_WEEK,
        )

    def settings(self) -> ParsedLeagueSettings:
        return ParsedLeagueSettings(
            roster_positions=[
                ParsedRosterPosition(
                    position=position,
                    count=count,
                    position_type=position_type,
                    is_starting=position not in ("BN", "IR"),
                )
                for position, count, position_type in self.format.roster_positions
            ],
            stat_modifiers=self.format.stat_modifiers,
            stat_categories={
                stat_id: {"name": name, "display_name": name}
                for stat_id, name in self.format.stat_categories.items()
            },
            uses_faab=True,
            faab_budget=FAAB_BUDGET,
            waiver_type="FR",
            waiver_rule="all",
            waiver_time=2,
            playoff_start_week=PLAYOFF_START_WEEK,
            uses_playoff=True,
            num_playoff_teams=DEMO_PLAYOFF_TEAMS,
        )

    def _parsed_team(self, team: int, as_of: int) -> ParsedTeam:
        manager = DEMO_MANAGER_GUID if team == DEMO_TEAM_NUMBER else f"DEMOMANAGER{team:016d}"
        return ParsedTeam(
            team_key=self.team_key(team),
            name=FANTASY_TEAM_NAMES[team - 1],
            manager_guid=manager,
            manager_nickname="Demo Manager" if team == DEMO_TEAM_NUMBER else f"Manager {team}",
            faab_balance=self._faab[as_of][team - 1],
            waiver_priority=self._priority[as_of][team - 1],
            is_owned_by_current_login=team == DEMO_TEAM_NUMBER,
        )

    def _parsed_player(self, player_id: str, week: int) -> ParsedPlayer:
        player = self.players[player_id]
        owned = self.percent_owned(player_id, week)
        before = self.percent_owned(player_id, week - 1) if week > 1 else owned
        return ParsedPlayer(
            player_key=f"{GAME_KEY}.p.{player_id}",
            player_id=player_id,
            full_name=player.name,
            primary_position=player.position,
            eligible_positions=self.format.eligible_positions(player.position),
            position_type=POSITION_TYPES[player.position],
            nfl_team=player.nfl_team,
            bye_week=player.bye_week,
            status=self.status(player_id, week),
            injury_note=self.injury_note(player_id, week),
            percent_owned=Decimal(owned),
            percent_owned_delta=Decimal(owned - before),
            display_position=player.position,
            is_team_defense=player.is_defence,
        )

    def player_last_season(self, player_id: str, *, as_of: int) -> ParsedPlayerSeason | None:
        """His previous season's totals as Yahoo serves them (`stats;type=season`), or None for
        a player with no line that season (a rookie)."""
        line = self.last_season(player_id)
        if line is None:
            return None
        games, totals = line
        return ParsedPlayerSeason(
            player=self._parsed_player(player_id, as_of),
            season=SEASON - 1,
            stats={"0": Decimal(games)} | {s: Decimal(int(v)) for s, v in totals.items() if v},
            games_played=games,
        )

    def _stats(self, player_id: str, week: int) -> dict[str, Decimal]:
        line = self._lines.get((player_id, week)) or {}
        return {stat: Decimal(str(int(value))) for stat, value in line.items()}

    def _matchups(
        self, week: int, rosters: list[ParsedTeamRoster], played: bool
    ) -> list[ParsedMatchup]:
        actual: dict[str, Decimal] = {}
        projected: dict[str, Decimal] = {}
        for roster in rosters:
            starters = [e for e in roster.entries if e.selected_position not in ("BN", "IR")]
            actual[roster.team_key] = sum(
                (e.points or Decimal(0) for e in starters), Decimal("0.00")
            )
            projected[roster.team_key] = Decimal(
                str(round(sum(self.projected(e.player.player_id, week) for e in starters), 2))
            )
        matchups = []
        for home, away in self.pairs(week):
            keys = (self.team_key(home), self.team_key(away))
            margin = float(projected[keys[0]] - projected[keys[1]])
            home_chance = 0.5 * (1 + math.erf(margin / (25 * math.sqrt(2))))
            chances = (home_chance, 1 - home_chance)
            winner = None
            if played and actual[keys[0]] != actual[keys[1]]:
                winner = max(keys, key=lambda key: actual[key])
            matchups.append(
                ParsedMatchup(
                    week=week,
                    status="postevent" if played else "preevent",
                    teams=tuple(
                        ParsedMatchupTeam(
                            team_key=key,
                            points=actual[key] if played else Decimal("0.00"),
                            projected_points=projected[key],
                            win_probability=Decimal(str(round(chance, 4)))
                            if not played
                            else Decimal(1 if key == winner else 0),
                        )
                        for key, chance in zip(keys, chances, strict=True)
                    ),
                    is_tied=played and winner is None,
                    winner_team_key=winner,
                )
            )
        return matchups
