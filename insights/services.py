"""Insights writes: projections, waiver pickups and streamers of a league-week; notes; the
cached playoff odds.

`league_week_insights_compute` loads the league-week in a fixed number of queries, lets the pure
modules decide (projections, lineup, waivers, streamers), and writes in bulk in one transaction,
only what changed: a second run with the same data writes nothing.

Projections are stored with `source = "internal:{league_id}"` (the league's own scoring).

Over 400 lines on purpose: one compute's steps (load, project, fit waivers, pick streamers,
write) share the loaded league-week (`_LeagueWeek`); the scoring itself is in the pure modules.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.core.cache import cache
from django.db import transaction

from accounts.models import User
from accounts.services import user_lock
from edge.bulk import WriteCounts, json_value, rows_diff_write
from edge.errors import ApplicationError
from fantasy import selectors as fantasy_selectors
from fantasy.models import League, NflGame, Player, RosterSlot, Team
from fantasy.selectors import (
    league_summary_cache_invalidate,
    league_week_bounds,
    player_season_totals,
    player_week_lines,
)
from fantasy.services.league_week import (
    matchups_projection_set,
    roster_slots_projected_points_set,
)
from fantasy.sleeper.parsers import PROVIDER as SLEEPER
from insights import (
    lineup,
    playoff_odds,
    standings,
    standings_selectors,
    streamers,
    waivers,
)
from insights.models import Note, Projection, StreamerSignal, WaiverCandidate, WaiverTeamFit
from insights.outlook import team_score_sd, win_probability
from insights.projections import (
    GameContext,
    PlayerHistory,
    PlayerProjection,
    SeasonPrior,
    implied_totals,
    normalize_position,
    project_week,
    schedule_from_games,
    stated_absence_weeks,
)
from insights.rest_of_season import expected_games, games_missed, per_game_projections
from insights.scoring import league_scoring
from insights.selectors import projection_source

WAIVER_LIMIT_PER_TEAM = 50
STREAMER_LIMIT_PER_KIND = 40
IDP_SLOTS = frozenset({"DL", "LB", "DB", "D", "IDP", "D/IDP", "DE", "DT", "CB", "S"})
_CENTS = Decimal("0.01")


# --- League-week compute ----------------------------------------------------------------------


@dataclass(frozen=True)
class InsightsResult:
    """What one league-week compute did; `rows_*` count rows written (0 on an identical rerun)."""

    league_id: int
    week: int
    players_projected: int
    waiver_candidates: int
    team_fits: int
    streamers: int
    rows_created: int
    rows_updated: int
    rows_deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.rows_created or self.rows_updated or self.rows_deleted)


@dataclass
class _LeagueWeek:
    """Everything one league-week needs, loaded in a fixed number of queries."""

    league: League
    week: int
    teams: list[Team]
    slots: list[RosterSlot]
    players: dict[int, Player]
    stats: dict[int, dict[int, dict[str, float]]]  # player -> week -> line (weeks before `week`)
    games: list[NflGame]
    priors: dict[int, SeasonPrior]  # player -> his previous season (player_season_stats)
    # player -> the weeks before this one he was announced out (from the injury events stored)
    stated_absences: dict[int, frozenset[int]]
    opponents: dict[int, int | None]  # team -> its opponent in this week's matchup

    @classmethod
    def load(cls, league: League, week: int) -> "_LeagueWeek":
        teams = list(fantasy_selectors.league_teams_all(league=league))
        slots_of_week = fantasy_selectors.league_rostered_slots(league=league, week=week)
        slots = list(slots_of_week)
        in_scope = fantasy_selectors.league_players_in_scope(
            league=league, position_types=_position_types(league), slots=slots_of_week
        )
        players = {p.id: p for p in in_scope}
        # Their ids, not the scope's query again: the stats are read by the league's players.
        ids = list(players)
        stats = player_week_lines(season=league.season, players=ids, before_week=week)
        games = list(
            fantasy_selectors.season_nfl_games(
                season=league.season, teams={p.nfl_team for p in in_scope if p.nfl_team}
            )
        )
        priors = season_priors(season=league.season - 1, players=ids)
        stated_absences = {
            player_id: stated_absence_weeks(changes, before_week=week)
            for player_id, changes in fantasy_selectors.player_status_changes(
                season=league.season, players=ids, through_week=week
            ).items()
        }
        opponents = fantasy_selectors.week_opponents(league=league, week=week)
        return cls(
            league, week, teams, slots, players, stats, games, priors, stated_absences, opponents
        )

    @property
    def end_week(self) -> int:
        return max(self.week, league_week_bounds(self.league)[1])

    def schedule(self) -> dict[tuple[str, int], GameContext]:
        return schedule_from_games(self.games)

    def histories(self) -> list[PlayerHistory]:
        return player_histories(
            self.players.values(),
            self.stats,
            priors=self.priors,
            stated_absences=self.stated_absences,
        )


def season_priors(*, season: int, players) -> dict[int, SeasonPrior]:
    """Each player's prior from his totals of `season` (the one before the projected one)."""
    return {
        player_id: prior
        for player_id, games_played, totals in player_season_totals(season=season, players=players)
        if (prior := SeasonPrior.from_totals(games=games_played, totals=totals))
    }


def player_histories(
    players: Iterable[Player],
    lines: dict[int, dict[int, dict[str, float]]],
    *,
    priors: dict[int, SeasonPrior],
    stated_absences: dict[int, frozenset[int]] | None = None,
    today: bool = True,
) -> list[PlayerHistory]:
    """What the projections read of each player: his facts, stat lines by week, prior and the
    weeks he was announced out. `today=False` leaves today's status and ownership out (a
    backtest must not peek)."""
    return [
        PlayerHistory(
            player_id=p.id,
            position=p.position_primary or "",
            nfl_team=p.nfl_team,
            status=p.status if today else None,
            bye_week=p.bye_week,
            weeks=lines.get(p.id, {}),
            prior=priors.get(p.id),
            percent_owned=_float_or_none(p.percent_owned) if today else None,
            stated_absences=(stated_absences or {}).get(p.id, frozenset()),
        )
        for p in players
    ]


def _position_types(league: League) -> set[str]:
    types = {row.get("position_type") for row in league.roster_positions}
    return {t for t in types if t} or {"O", "K", "DT"}


def league_week_insights_compute(*, league: League, week: int) -> InsightsResult:
    """Recompute projections, waiver candidates and streamers of a league-week (idempotent)."""
    data = _LeagueWeek.load(league, week)
    scoring = league_scoring(league)
    schedule = data.schedule()
    histories = data.histories()
    projections = project_week(players=histories, week=week, scoring=scoring, schedule=schedule)
    per_game = per_game_projections(histories, week, scoring, schedule)
    specs = lineup.slot_specs(league.roster_positions)
    started = _started_teams(data)
    fits = _waiver_fits(data, projections, per_game, specs, started)
    picks = _streamer_picks(data, specs, started)
    with transaction.atomic():
        counts = WriteCounts()
        _write_projections(league, week, projections, counts)
        _write_waivers(data, fits, projections, per_game, counts)
        _write_streamers(data, picks, started, counts)
        counts.updated += roster_slots_projected_points_set(
            league=league,
            week=week,
            points={pid: _money(p.points) for pid, p in projections.items()},
        )
        counts.updated += matchups_projection_set(
            league=league, week=week, outlooks=_matchup_outlooks(data, projections, specs)
        )
        if counts.changed:
            transaction.on_commit(
                partial(league_summary_cache_invalidate, league_id=league.id, week=week)
            )
            # The odds after last week play the rest of the season from this week's projections.
            first_week = league_week_bounds(league)[0]
            transaction.on_commit(
                partial(league_playoff_odds_refresh, league=league, week=max(week - 1, first_week))
            )
    return InsightsResult(
        league_id=league.id,
        week=week,
        players_projected=len(projections),
        waiver_candidates=len({f.player_id for f in fits}),
        team_fits=len(fits),
        streamers=sum(len(p) for p in picks.values()),
        rows_created=counts.created,
        rows_updated=counts.updated,
        rows_deleted=counts.deleted,
    )


def _matchup_outlooks(
    data: _LeagueWeek, projections: dict[int, PlayerProjection], specs: list[lineup.SlotSpec]
) -> dict[int, tuple[Decimal, Decimal | None]]:
    """Each team's projected total (its current starters, exactly the lineup's current points:
    the same stored projections) and its win probability (insights.outlook)."""
    stored = {pid: (float(_money(p.points)), p.breakdown) for pid, p in projections.items()}
    rosters: dict[int, list[RosterSlot]] = defaultdict(list)
    for slot in data.slots:
        if slot.week == data.week and slot.player_id in data.players:
            rosters[slot.team_id].append(slot)
    starters = {
        team_id: lineup.current_lineup(
            lineup.roster_lineup_players(slots, data.players, stored), specs
        ).starters
        for team_id, slots in rosters.items()
    }
    totals = {
        team_id: (
            round(sum(p.player.points for p in placements), 2),
            team_score_sd(p.player.points for p in placements),
        )
        for team_id, placements in starters.items()
    }
    outlooks = {}
    for team_id, (points, sd) in totals.items():
        opponent = totals.get(data.opponents.get(team_id))
        probability = (
            Decimal(
                str(
                    round(
                        win_probability(
                            points=points,
                            sd=sd,
                            opponent_points=opponent[0],
                            opponent_sd=opponent[1],
                        ),
                        4,
                    )
                )
            )
            if opponent
            else None
        )
        outlooks[team_id] = (_money(points), probability)
    return outlooks


def _games_left(
    player: Player, data: _LeagueWeek, team_weeks: dict[str, set[int]], *, from_week: int
) -> float:
    """Games from `from_week` to the end of the season he is expected to play (bye excluded;
    an injured player by his expected return: insights.rest_of_season)."""
    played = team_weeks.get(player.nfl_team or "")
    return expected_games(
        player.status,
        week=from_week,
        end_week=data.end_week,
        team_weeks=played,
        bye_week=player.bye_week,
        games_missed=games_missed(data.stats.get(player.id, {}), played or (), data.week),
    )


def _started_teams(data: _LeagueWeek) -> set[str]:
    """NFL teams whose game of the league's current week has started: Yahoo locks a rostered
    player at kickoff (`is_editable` false); the schedule's status says it for teams nobody
    rosters. None for another week: a past week's recompute says what was said before its games.
    """
    if data.week != data.league.current_week:
        return set()
    started = {
        team
        for game in data.games
        if game.week == data.week and game.status in ("in_progress", "final")
        for team in (game.home_team, game.away_team)
    }
    started |= {
        data.players[slot.player_id].nfl_team
        for slot in data.slots
        if _locked(slot, data.week) and slot.player_id in data.players
    }
    return {team for team in started if team}


def _locked(slot: RosterSlot, week: int) -> bool:
    """His game of `week` has started (a roster carried over from an earlier week says nothing)."""
    return slot.week == week and slot.is_editable is False


def _waiver_fits(
    data: _LeagueWeek,
    projections: dict[int, PlayerProjection],
    per_game: dict[int, PlayerProjection],
    specs: list[lineup.SlotSpec],
    started: set[str],
) -> list[waivers.TeamWaiverFit]:
    linked = [team for team in data.teams if team.manager_user_id is not None]
    if not linked:
        return []
    team_weeks: dict[str, set[int]] = defaultdict(set)
    for game in data.games:
        team_weeks[game.home_team].add(game.week)
        team_weeks[game.away_team].add(game.week)

    in_progress = data.week == data.league.current_week  # another week's locks mean nothing
    sleeper = data.league.provider == SLEEPER

    def valued(player: Player, slot: RosterSlot | None = None) -> waivers.WaiverPlayer:
        projection = projections[player.id]
        # the stored (rounded) projection, as the lineup and the matchup read it
        points = float(_money(projection.points))
        note = lineup.player_note(player, projection.breakdown)
        from_week = data.week
        if slot is None and player.nfl_team in started:  # he cannot play for you this week
            points, note, from_week = 0.0, "his game has started", data.week + 1
        games_left = _games_left(player, data, team_weeks, from_week=from_week)
        return waivers.WaiverPlayer(
            player=lineup.roster_player(
                player,
                points=points,
                note=note,
                slot=(slot.position or lineup.slotlineup.slot_label(slot.slot)) if slot else None,
                locked=in_progress and slot is not None and _locked(slot, data.week),
            ),
            per_game=per_game[player.id].points,
            games_left=games_left,
            percent_owned=float(player.percent_owned) if player.percent_owned is not None else None,
            percent_owned_delta=float(player.percent_owned_delta)
            if player.percent_owned_delta is not None
            else None,
            # Sleeper's own market: its trending adds (0 off the list), not Yahoo's ownership.
            trending_adds=(player.sleeper_trending_adds or 0) if sleeper else None,
        )

    rosters: dict[int, list[waivers.WaiverPlayer]] = defaultdict(list)
    for slot in data.slots:
        if slot.player_id in data.players:
            rosters[slot.team_id].append(valued(data.players[slot.player_id], slot))
    rostered = {slot.player_id for slot in data.slots}
    candidates = [valued(p) for p in data.players.values() if p.id not in rostered]
    league = data.league
    rules = waivers.WaiverRules(
        num_teams=league.num_teams or len(data.teams),
        weeks_left=data.end_week - data.week + 1,
        season_weeks=data.end_week - (league.start_week or 1) + 1,
        uses_faab=league.uses_faab,
        faab_budget=league.faab_budget,
    )
    teams = {
        team.id: waivers.WaiverTeam(
            team_id=team.id,
            roster=rosters.get(team.id, []),
            faab_balance=team.faab_balance,
            waiver_priority=team.waiver_priority,
        )
        for team in data.teams
    }
    return waivers.evaluate_waivers(
        teams=[teams[team.id] for team in linked],
        candidates=candidates,
        specs=specs,
        rules=rules,
        limit=WAIVER_LIMIT_PER_TEAM,
        league_teams=list(teams.values()),
    )


def _streamer_picks(
    data: _LeagueWeek, specs: list[lineup.SlotSpec], started: set[str]
) -> dict[str, list[streamers.StreamerPick]]:
    """League-neutral signals for every DEF / IDP player in scope (the API filters who is free);
    none for a team whose game has started (he can no longer be picked up for this week)."""
    labels = {spec.position for spec in specs if spec.is_starting}
    matchups: dict[str, streamers.Matchup] = {}
    past: list[streamers.PastGame] = []
    opponents: dict[tuple[str, int], str] = {}
    for game in data.games:
        home, away = implied_totals(total=game.total, home_spread=game.home_spread)
        sides = (
            (game.home_team, game.away_team, True, game.home_score, away),
            (game.away_team, game.home_team, False, game.away_score, home),
        )
        for team, opponent, is_home, scored, opponent_implied in sides:
            opponents[(team, game.week)] = opponent
            if game.week == data.week and team not in started:
                matchups[team] = streamers.Matchup(
                    team, opponent, is_home, opponent_implied, weather_bucket=game.weather_bucket
                )
            elif game.week < data.week:
                points = float(scored) if scored is not None else None
                past.append(streamers.PastGame(game.week, team, opponent, points))
    # A team with no schedule loaded plays someone unknown unless Yahoo lists this as its bye.
    scheduled = {team for team, _ in opponents}
    on_bye = {p.nfl_team for p in data.players.values() if p.bye_week == data.week}
    for team in {p.nfl_team for p in data.players.values() if p.nfl_team}:
        if team not in scheduled and team not in on_bye and team not in started:
            matchups[team] = streamers.Matchup(team, None, None)
    picks: dict[str, list[streamers.StreamerPick]] = {}
    defences = [p for p in data.players.values() if p.position_primary == "DEF" and p.nfl_team]
    if "DEF" in labels:
        defense_lines = {
            (p.nfl_team, w): line for p in defences for w, line in data.stats.get(p.id, {}).items()
        }
        picks["def"] = streamers.rank_defenses(
            defenses=[streamers.DefenseCandidate(p.id, p.full_name, p.nfl_team) for p in defences],
            matchups=matchups,
            offenses=streamers.offense_histories(games=past, defense_lines=defense_lines),
            forms=streamers.defense_forms(defense_lines=defense_lines),
        )[:STREAMER_LIMIT_PER_KIND]
    if labels & IDP_SLOTS:
        idp = [
            streamers.IdpCandidate(
                p.id,
                p.full_name,
                normalize_position(p.position_primary),
                p.nfl_team,
                p.status,
                data.stats.get(p.id, {}),
                prior=data.priors.get(p.id),
            )
            for p in data.players.values()
            if p.position_type == "DP" and p.nfl_team
        ]
        picks["idp"] = streamers.rank_idp(
            players=idp,
            matchups=matchups,
            opponent_factors=streamers.idp_opponent_factors(players=idp, opponents=opponents),
            week=data.week,
        )[:STREAMER_LIMIT_PER_KIND]
    return picks


# --- Writes: only the difference, in bulk -----------------------------------------------------


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(_CENTS)


def _write_projections(
    league: League, week: int, projections: dict[int, PlayerProjection], counts: WriteCounts
) -> None:
    source = projection_source(league)
    stored = {p.player_id: p for p in Projection.objects.filter(week=week, source=source)}
    desired = {
        player_id: {
            "player_id": player_id,
            "week": week,
            "source": source,
            "points": _money(projection.points),
            "breakdown": json_value(projection.breakdown),
        }
        for player_id, projection in projections.items()
    }
    rows_diff_write(
        Projection,
        stored=stored,
        desired=desired,
        unique_fields=["player_id", "week", "source"],
        counts=counts,
        delete_missing=True,
    )


def _fit_values(fit: waivers.TeamWaiverFit) -> dict:
    return {
        "delta_xfp": _money(fit.delta_xfp),
        "delta_xfp_ros": _money(fit.delta_xfp_ros),
        "fit_score": _money(fit.fit_score),
        "faab_suggestion": fit.faab_suggestion,
        "acquisition_prob": _money(fit.acquisition_prob),
        "drop_player_id": fit.drop_player_id,
        "reasons": list(fit.reasons),
    }


def _write_waivers(
    data: _LeagueWeek,
    fits: list[waivers.TeamWaiverFit],
    projections: dict[int, PlayerProjection],
    per_game: dict[int, PlayerProjection],
    counts: WriteCounts,
) -> None:
    """One candidate row per player (the view of the team he helps most) and one fit per team."""
    league, week = data.league, data.week
    best: dict[int, waivers.TeamWaiverFit] = {}
    for fit in fits:  # each team's list is best first; keep the best team per player
        current = best.get(fit.player_id)
        if current is None or (fit.fit_score, fit.delta_xfp) > (
            current.fit_score,
            current.delta_xfp,
        ):
            best[fit.player_id] = fit
    wanted = {}
    for player_id, fit in best.items():
        player = data.players[player_id]
        values = _fit_values(fit)
        del values["drop_player_id"]
        values["meta"] = json_value(
            {
                "best_team_id": fit.team_id,
                "points": projections[player_id].points,
                "per_game": per_game[player_id].points,
                "percent_owned": _float_or_none(player.percent_owned),
                "percent_owned_delta": _float_or_none(player.percent_owned_delta),
            }
        )
        wanted[player_id] = {"league_id": league.id, "week": week, "player_id": player_id, **values}
    existing = {c.player_id: c for c in WaiverCandidate.objects.filter(league=league, week=week)}
    candidates = rows_diff_write(
        WaiverCandidate,
        stored=existing,
        desired=wanted,
        unique_fields=["league_id", "week", "player_id"],
        counts=counts,
        delete_missing=True,
    )
    candidate_ids = {player_id: row.id for player_id, row in candidates.items()}
    # By the candidates' ids (uq_waiver_team_fit): not a scan of every league's fits.
    existing_fits = {
        (f.candidate_id, f.team_id): f
        for f in WaiverTeamFit.objects.filter(candidate_id__in=list(candidate_ids.values()))
    }
    wanted_fits = {}
    for fit in fits:
        key = (candidate_ids[fit.player_id], fit.team_id)
        wanted_fits[key] = {
            "candidate_id": key[0],
            "team_id": fit.team_id,
            "week": week,
            **_fit_values(fit),
        }
    rows_diff_write(
        WaiverTeamFit,
        stored=existing_fits,
        desired=wanted_fits,
        unique_fields=["candidate_id", "team_id"],
        counts=counts,
        delete_missing=True,
    )


def _float_or_none(value) -> float | None:
    return float(value) if value is not None else None


def _write_streamers(
    data: _LeagueWeek,
    picks: dict[str, list[streamers.StreamerPick]],
    started: set[str],
    counts: WriteCounts,
) -> None:
    """Upserts: signals are league-neutral, so rows this league did not pick stay, except those
    of players whose game has started (a fact for every league)."""
    wanted = {
        (kind, pick.subject_id): {
            "week": data.week,
            "kind": kind,
            "subject_id": pick.subject_id,
            "fit_score": _money(pick.fit_score),
            "weather_bucket": pick.weather_bucket,
            "meta": json_value(pick.meta),
            "season": data.league.season,
        }
        for kind, kind_picks in picks.items()
        for pick in kind_picks
    }
    existing = {
        (s.kind, s.subject_id): s
        for s in StreamerSignal.objects.filter(
            week=data.week,
            kind__in=list(picks),
            subject_id__in=[subject for _, subject in wanted],
        )
    }
    rows_diff_write(
        StreamerSignal,
        stored=existing,
        desired=wanted,
        unique_fields=["week", "kind", "subject_id"],
        counts=counts,
    )
    if started and picks:
        deleted, _ = StreamerSignal.objects.filter(
            season=data.league.season,
            week=data.week,
            kind__in=list(picks),
            subject_id__in=[p.id for p in data.players.values() if p.nfl_team in started],
        ).delete()
        counts.deleted += deleted


# --- Personal notes ---------------------------------------------------------------------------


MAX_NOTES_PER_USER = 1000


class TooManyNotes(ApplicationError):
    code = "too_many_notes"
    message = f"A user can keep at most {MAX_NOTES_PER_USER:,} notes; delete some first."


@transaction.atomic
def note_create(*, user: User, player: Player, note: str) -> Note:
    user_lock(user=user)
    if Note.objects.filter(user=user).count() >= MAX_NOTES_PER_USER:
        raise TooManyNotes()
    return Note.objects.create(user=user, player=player, note=note)


def note_update(*, note: Note, text: str | None) -> Note:
    """A partial edit: `None` leaves the text as it is."""
    if text is not None and text != note.note:
        note.note = text
        note.save(update_fields=["note"])
    return note


def note_delete(*, note: Note) -> None:
    note.delete()


# --- playoff odds -----------------------------------------------------------------------------

PLAYOFF_ODDS_CACHE_TTL = 3600
NEUTRAL_WEEKLY_POINTS = 100.0  # any equal value: no team has a projection or a game yet


def league_best_lineups(*, league: League, week: int) -> dict[int, lineup.Lineup]:
    """Each team's best lineup for `week` from the stored projections (two statements); teams
    without a projected player are left out."""
    source = projection_source(league)
    slots = list(
        RosterSlot.objects.filter(league=league, week=week, player__isnull=False).select_related(
            "player"
        )
    )
    points = dict(
        Projection.objects.filter(
            week=week, source=source, player_id__in=[s.player_id for s in slots]
        ).values_list("player_id", "points")
    )
    by_team: dict[int, list[lineup.LineupPlayer]] = defaultdict(list)
    for slot in slots:
        if slot.player_id in points:
            by_team[slot.team_id].append(
                lineup.roster_player(slot.player, points=float(points[slot.player_id]), note=None)
            )
    specs = lineup.slot_specs(league.roster_positions)
    return {team: lineup.best_lineup(players, specs) for team, players in by_team.items()}


@dataclass(frozen=True)
class LeaguePlayoffOdds:
    week: int  # odds after this week's games
    simulations: int
    num_playoff_teams: int
    byes: int
    score_sd: float  # the teams' spreads (insights.outlook's variance model), averaged
    remaining_games: int
    teams: list[playoff_odds.TeamOdds]


def playoff_odds_cache_key(*, league_id: int, week: int) -> str:
    return f"cache:league:{league_id}:week:{week}:playoff_odds"


def league_playoff_odds(*, league: League, week: int | None) -> LeaguePlayoffOdds:
    """Playoff odds after `week` (default: the last finished week), from the cache that the
    insights run fills, else computed and cached."""
    if week is None:
        week = standings_selectors.league_completed_week(league) or league_week_bounds(league)[0]
    key = playoff_odds_cache_key(league_id=league.pk, week=week)
    odds = cache.get(key)
    if odds is None:
        odds = league_playoff_odds_refresh(league=league, week=week)
    return odds


def league_playoff_odds_refresh(*, league: League, week: int) -> LeaguePlayoffOdds:
    """Simulate the rest of the regular season after `week` and cache the odds.

    The games left are those the standings after `week` do not count (later weeks and any
    unfinished one). Expected weekly points: each team's best-lineup projection for the first
    week left; a team without one uses its points per game so far, else the league's average.
    Spread: the win probability's variance model (`insights.outlook.team_score_sd`) of the
    best lineup's starters; of the expected points over the league's starting slots for a team
    without a lineup (`playoff_odds.spread_without_lineup`).
    """
    table = standings_selectors.league_standings(league=league, week=week)
    rows = {row.team_id: row for row in table.rows}
    remaining = standings_selectors.league_remaining_games(league=league, after_week=week)
    next_week = remaining[0][0] if remaining else week + 1
    best = {
        team: best_lineup
        for team, best_lineup in league_best_lineups(league=league, week=next_week).items()
        if best_lineup.points > 0
    }
    per_game = {
        team_id: float(row.points_for) / len(row.weekly_points)
        for team_id, row in rows.items()
        if row.weekly_points
    }
    known = {**per_game, **{t: best_lineup.points for t, best_lineup in best.items()}}
    average = sum(known.values()) / len(known) if known else NEUTRAL_WEEKLY_POINTS
    expected = {t: known.get(t, average) for t in rows}
    starters = sum(s.count for s in lineup.slot_specs(league.roster_positions) if s.is_starting)
    spreads = {
        t: team_score_sd(p.player.points for p in best[t].starters)
        if t in best
        else playoff_odds.spread_without_lineup(points=expected[t], starters=starters)
        for t in rows
    }
    games = [
        playoff_odds.RemainingGame(week=w, home=home, away=away)
        for w, home, away in remaining
        if home in rows and away in rows
    ]
    byes = standings.playoff_byes(table.num_playoff_teams)
    teams = playoff_odds.simulate(
        team_ids=[row.team_id for row in table.rows],
        wins={t: row.wins + 0.5 * row.ties for t, row in rows.items()},
        points_for={t: float(row.points_for) for t, row in rows.items()},
        games=games,
        expected_points=expected,
        score_sd=spreads,
        num_playoff_teams=table.num_playoff_teams,
        byes=byes,
        seed=(league.pk, week),
    )
    odds = LeaguePlayoffOdds(
        week=week,
        simulations=playoff_odds.DEFAULT_SIMULATIONS,
        num_playoff_teams=table.num_playoff_teams,
        byes=byes,
        score_sd=round(sum(spreads.values()) / len(spreads), 2) if spreads else 0.0,
        remaining_games=len(games),
        teams=teams,
    )
    cache.set(playoff_odds_cache_key(league_id=league.pk, week=week), odds, PLAYOFF_ODDS_CACHE_TTL)
    return odds
