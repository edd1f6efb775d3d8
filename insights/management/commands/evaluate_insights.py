"""Backtest projections without peeking: `manage.py evaluate_insights --season 2024 --weeks 1-17`.

Sources (one of): stored actuals (`--season`, PlayerWeekStats and nfl_games in the database,
player_season_stats of the season before as priors), a season.json-shaped file
(`--season-file PATH`, with `--prior-season-file PATH` for the season before), or a generated
season (`--synthetic SEED`). `--compare PATH` scores another source's projections (NFL.com's
nflcom-projections.json) beside the engine on the player-weeks it projected, in three views:
(a) the engine told no status, (b) those it projected above 0, and (c) the headline, like for
like: the engine told Out where that source published 0 before kickoff, as announced statuses
run through production's rule (that source knew who was out; Yahoo's statuses tell production).
Scoring: a league's own (`--league ID`) or a preset (`--scoring ppr|half_ppr|standard`).
"""

from django.core.management.base import BaseCommand, CommandError

from fantasy.management.arguments import weeks_range
from fantasy.models import League, NflGame, Player
from fantasy.selectors import player_week_lines
from insights.evaluation import backtest, load_projections_file, load_season_file
from insights.projections import GameContext, PlayerHistory, schedule_from_games
from insights.scoring import LeagueScoring
from insights.services import player_histories, season_priors
from insights.synthetic import generate_season


class Command(BaseCommand):
    help = (
        "Walk-forward backtest of projections: MAE and rank correlation beside the naive forecast "
        "(last game's points) and the plain season-to-date average."
    )

    def add_arguments(self, parser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--season", type=int, help="stored actuals of this NFL season")
        source.add_argument("--season-file", help="a season.json-shaped file, read in place")
        source.add_argument("--synthetic", type=int, metavar="SEED", help="a generated season")
        parser.add_argument(
            "--prior-season-file",
            help="with --season-file: the season before it (same player ids), for the priors",
        )
        parser.add_argument(
            "--compare",
            metavar="PATH",
            help="another source's projections ({projections: {id: {week: points}}}), e.g. "
            "NFL.com's half-PPR file: its MAE and rank correlation are printed beside the "
            "engine's, the headline with its Outs (0s) as the engine's statuses",
        )
        parser.add_argument("--weeks", default="4-17", help="weeks to project, e.g. 1-17")
        scoring = parser.add_mutually_exclusive_group()
        scoring.add_argument("--league", type=int, help="score with this league's settings")
        scoring.add_argument(
            "--scoring", choices=["standard", "half_ppr", "ppr"], help="a preset (default ppr)"
        )
        parser.add_argument("--csv", help="write every forecast row to this CSV file")

    def handle(self, *args, **options) -> None:
        weeks = weeks_range(options["weeks"])
        scoring = _scoring(options["league"], options["scoring"])
        statuses = None
        if options["prior_season_file"] and not options["season_file"]:
            raise CommandError("--prior-season-file goes with --season-file")
        compare = _read(load_projections_file, options["compare"]) if options["compare"] else None
        if options["season_file"]:
            players, schedule = _read(
                load_season_file, options["season_file"], options["prior_season_file"]
            )
        elif options["synthetic"] is not None:
            season = generate_season(options["synthetic"])
            players, schedule, statuses = season.histories(), season.schedule, season.statuses
        else:
            players, schedule = _stored_season(options["season"])
            if not players:
                raise CommandError(f"no stored player stats for season {options['season']}")
        report = backtest(
            players=players,
            schedule=schedule,
            scoring=scoring,
            weeks=weeks,
            statuses=statuses,
            compare=compare,
            league=True,
        )
        if not report.rows:
            raise CommandError(
                "nothing to evaluate: no stat lines in those weeks, or no player had a game "
                "before them"
            )
        self.stdout.write(report.format())
        if options["csv"]:
            report.write_csv(options["csv"])
            self.stdout.write(f"wrote {len(report.rows)} rows to {options['csv']}")


def _read(load, *paths):
    try:
        return load(*paths)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CommandError(f"cannot read {' or '.join(p for p in paths if p)}: {error}") from error


def _scoring(league_id: int | None, preset: str | None) -> LeagueScoring:
    if league_id is None:
        return LeagueScoring.preset(preset or "ppr")
    league = League.objects.filter(pk=league_id).only("settings").first()
    if league is None:
        raise CommandError(f"league {league_id} does not exist")
    scoring = LeagueScoring.from_league_settings(league.settings)
    if not scoring.modifiers:
        raise CommandError(f"league {league_id} has no stat modifiers synced yet")
    return scoring


def _stored_season(season: int) -> tuple[list[PlayerHistory], dict]:
    """Players with stored lines, their previous season and the season's schedule, in four
    queries."""
    lines = player_week_lines(season=season)
    players = player_histories(
        Player.objects.filter(pk__in=list(lines)).only("position_primary", "nfl_team", "bye_week"),
        lines,
        priors=season_priors(season=season - 1, players=list(lines)),
        today=False,
    )
    schedule = schedule_from_games(NflGame.objects.filter(season=season)) or (
        _schedule_from_lines(players)
    )
    return players, schedule


def _schedule_from_lines(players: list[PlayerHistory]) -> dict[tuple[str, int], GameContext]:
    """Without nfl_games: a team played a week when one of its players has a line in it."""
    return {
        (player.nfl_team, week): GameContext(player.nfl_team, week, None, None)
        for player in players
        if player.nfl_team
        for week in player.weeks
    }
