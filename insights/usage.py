"""Usage model for quarterbacks, running backs, receivers and tight ends (pure code: no ORM).

A skill player's week is his team's volume times his share of it times what he does with each
opportunity:
1. team volume: the recency-weighted targets (Yahoo stat 78), carries (8) and pass yards (4)
   of the team's recent games, shrunk toward the league's average team, then moved by the game
   script when the betting line is known (a favourite runs more and throws less);
2. his share: his recency-weighted part of the team's volume in the games he played, shrunk
   toward his previous season or his position's typical share;
3. teammates' absences: the shares of the players expected to play are rescaled so the team's
   volume is handed out in full: a starter out gives his share to those who play, and takes
   it back when he returns (a backup's share measured while the starter was out shrinks
   again); a quarterback change moves the pass volume to the one who plays, and the team's
   pass yards and its receivers' yards by the passers' yards per target (PASSER_PRIOR_TARGETS);
   a quarterback who has not started this season shares the passing only when none who has
   plays;
4. efficiency: catches, receiving yards per target and rushing yards per carry, his own
   recency-weighted rates shrunk toward his position's with pseudo-opportunities.
Touchdowns, interceptions and fumbles then follow the projected yards in `projections`, the
stats no usage covers (2-pt, returns) keep their per-game rates, and kickers, IDP and team
defences keep per-stat rates entirely.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

USAGE_POSITIONS = frozenset({"QB", "RB", "WR", "TE"})
TARGETS, CARRIES, PASS_YARDS = "78", "8", "4"
# Opportunities a team creates and its players share, and who shares each: quarterbacks the
# pass yards (the season files carry no pass attempts), everyone the targets and carries.
OPPORTUNITY_POSITIONS: dict[str, frozenset[str]] = {
    TARGETS: frozenset({"RB", "WR", "TE"}),
    CARRIES: USAGE_POSITIONS,
    PASS_YARDS: frozenset({"QB"}),
}
# Per-opportunity stats: stat -> (the opportunity it follows, pseudo-opportunities of the
# positional rate mixed into his own). Checked on 2022 (halving or doubling them all moves the
# MAE by under 0.2 %).
EFFICIENCY: dict[str, tuple[str, float]] = {
    "11": (TARGETS, 40.0),  # catch rate
    "12": (TARGETS, 60.0),  # receiving yards per target
    "9": (CARRIES, 80.0),  # yards per carry
}
# Fitted on 2022 weeks 4-15 (QB/RB/WR/TE half-PPR MAE of every player with a game before the
# week, each week from the weeks before it; 2023 never tuned on). The surface is flat: a share
# measured over all his games (little recency) and no pseudo-games beat shorter memories.
TEAM_DECAY = 0.95  # weight of a team game k games back: TEAM_DECAY ** k
TEAM_PRIOR_GAMES = 1.0  # pseudo-games of the league's average team in a team's volume
# Weight of his game k weeks back in his share and per-opportunity rates. One for all four
# positions: per position (backs 0.5, quarterbacks 0.6, receivers 1.0) gained only 0.25 % on
# 2022, too little to call a real difference (and it did worse on 2023).
SHARE_DECAY = 0.95
SHARE_PRIOR_GAMES = 0.0  # pseudo-games of his prior share (last season's, else his position's)
# How far the shares of the players expected to play are rescaled to hand out the whole team
# volume (1: fully; 2022 preferred it to 0.5 or none), and the bounds of that rescaling (a
# backup's garbage-time share is not blown up into a whole game).
REDISTRIBUTION = 1.0
REDISTRIBUTION_BOUNDS = (0.5, 5.0)
# A quarterback change: each passer's team pass yards per team target in the games he threw
# most of them, with PASSER_PRIOR_TARGETS pseudo-targets of the league's; the team's pass yards
# and its receivers' yards move by (the expected passers' rate / the recent passers' rate).
PASSER_PRIOR_TARGETS = 100.0
# Game script, per point the team is favoured by (its implied total minus its opponent's):
# the share change in its volume. Unfitted here (the season files carry no betting lines):
# the public rule of thumb of about a third of a carry more and a third of a pass less per
# point of spread, over a team's ~26 carries and ~33 targets.
GAME_SCRIPT: dict[str, float] = {CARRIES: 0.012, TARGETS: -0.010, PASS_YARDS: -0.010}


@dataclass(frozen=True)
class UsagePlayer:
    """What the usage model needs of a player: his lines before the week and his chances."""

    player_id: int
    position: str
    team: str | None
    weeks: Mapping[int, Mapping[str, float]]  # week -> line, weeks before the one projected
    prior_per_game: Mapping[str, float] | None  # his previous season's line per game
    prior_weight: float  # how many recency-weighted games that season counts as
    play_chance: float  # 0-1: that he plays the week projected (status, missed games)


@dataclass(frozen=True)
class Usage:
    """His projected opportunities and per-opportunity stats when he plays, and why."""

    line: dict[str, float]  # stat id -> projected count (targets, carries, catches, yards)
    breakdown: dict


def team_volume(
    games: Mapping[int, float],
    *,
    week: int,
    league_average: float,
    margin: float | None = None,
    script: float = 0.0,
) -> float:
    """A team's projected volume of one opportunity for `week`: its games before `week`
    recency-weighted (TEAM_DECAY per game back) with TEAM_PRIOR_GAMES games of the league
    average, times (1 + script * margin) when the implied margin (own implied total minus the
    opponent's) is known."""
    played = sorted((w for w in games if w < week), reverse=True)
    weighted = TEAM_PRIOR_GAMES * league_average
    weight_sum = TEAM_PRIOR_GAMES
    for games_back, w in enumerate(played):
        weight = TEAM_DECAY**games_back
        weighted += weight * games[w]
        weight_sum += weight
    volume = weighted / weight_sum
    if margin is not None:
        volume *= max(0.0, 1.0 + script * margin)
    return volume


def redistributed_shares(
    shares: Mapping[int, float], play_chances: Mapping[int, float]
) -> tuple[dict[int, float], float]:
    """One team's shares of one opportunity rescaled so the players expected to play take the
    whole volume: each times (1 / expected share sum) ** REDISTRIBUTION within bounds. Returns
    (player -> share when he plays, the factor)."""
    expected = sum(share * play_chances.get(player, 0.0) for player, share in shares.items())
    low, high = REDISTRIBUTION_BOUNDS
    factor = min(high, max(low, (1.0 / expected) ** REDISTRIBUTION)) if expected > 0 else 1.0
    return {player: share * factor for player, share in shares.items()}, factor


def project_usage(
    players: list[UsagePlayer],
    *,
    week: int,
    margins: Mapping[str, float],
) -> dict[int, Usage]:
    """Usage lines for the QB/RB/WR/TE among `players` (all players of the league or season:
    teammates matter). `margins`: team -> implied margin for `week` where the line is known."""
    skill = [p for p in players if p.position in USAGE_POSITIONS and p.team]
    team_games: dict[str, dict[str, dict[int, float]]] = defaultdict(
        lambda: {stat: defaultdict(float) for stat in OPPORTUNITY_POSITIONS}
    )
    for player in skill:
        for stat, positions in OPPORTUNITY_POSITIONS.items():
            if player.position in positions:
                for w, line in player.weeks.items():
                    team_games[player.team][stat][w] += float(line.get(stat, 0) or 0)
    league_average = {
        stat: _mean([v for games in team_games.values() for v in games[stat].values()])
        for stat in OPPORTUNITY_POSITIONS
    }
    shares = _shares(skill, team_games, league_average, week)
    rates = _efficiency(skill, week)
    passers = _passer_rates(skill, team_games, week)
    by_team: dict[str, list[UsagePlayer]] = defaultdict(list)
    for player in skill:
        by_team[player.team].append(player)
    result: dict[int, Usage] = {}
    for team, teammates in by_team.items():
        chances = {p.player_id: p.play_chance for p in teammates}
        lines: dict[int, dict[str, float]] = defaultdict(dict)
        explained: dict[int, dict] = defaultdict(dict)
        passing = 1.0  # the expected passers' yards per target over the recent ones'
        for stat in (PASS_YARDS, TARGETS, CARRIES):
            if not league_average[stat]:
                continue  # nobody recorded this opportunity (a source without it)
            volume = team_volume(
                team_games[team][stat],
                week=week,
                league_average=league_average[stat],
                margin=margins.get(team),
                script=GAME_SCRIPT[stat],
            )
            team_shares = {p.player_id: shares[p.player_id][stat] for p in teammates}
            if stat == PASS_YARDS:
                starter_plays = _starter_plays(teammates, chances, team_games[team])
                team_shares = {
                    player_id: share * (1.0 - starter_plays.get(player_id, 0.0))
                    if share is not None
                    else None
                    for player_id, share in team_shares.items()
                }
            adjusted, factor = redistributed_shares(
                {k: v for k, v in team_shares.items() if v is not None}, chances
            )
            if stat == PASS_YARDS:
                quarterbacks = [p for p in teammates if p.position == "QB"]
                passing = _passer_change(
                    team_games[team], quarterbacks, adjusted, passers, week=week
                )
                volume *= passing
            for player_id, share in adjusted.items():
                lines[player_id][stat] = volume * share
                explained[player_id][stat] = {
                    "team_volume": round(volume, 2),
                    "share": round(team_shares[player_id], 4),
                    "redistribution": round(factor, 3),
                    "projected": round(volume * share, 2),
                }
        for player in teammates:
            line = lines[player.player_id]
            for stat, (opportunity, _) in EFFICIENCY.items():
                if opportunity in line:
                    line[stat] = line[opportunity] * rates[player.player_id][stat]
            if "12" in line:
                line["12"] *= passing
            if line:
                per_opportunity = {
                    stat: round(rate, 4) for stat, rate in rates[player.player_id].items()
                }
                result[player.player_id] = Usage(
                    line=dict(line),
                    breakdown={
                        "opportunities": explained[player.player_id],
                        "per_opportunity": per_opportunity,
                        "margin": margins.get(team),
                        "passer_change": round(passing, 3),
                    },
                )
    return result


def _starter_plays(
    teammates: list[UsagePlayer],
    chances: Mapping[int, float],
    games: Mapping[str, Mapping[int, float]],
) -> dict[int, float]:
    """Quarterback who has not started a game this season (thrown most of the team's pass
    yards) -> the chance one who has plays: one quarterback plays, so a backup's pass share
    (last season's starter, a garbage-time passer) counts only when no starter does, whatever
    his own status."""
    quarterbacks = [p for p in teammates if p.position == "QB"]
    starters = {
        q.player_id
        for q in quarterbacks
        if any(
            2 * float(line.get(PASS_YARDS, 0) or 0) > games[PASS_YARDS].get(w, 0.0)
            for w, line in q.weeks.items()
        )
    }
    starter_plays = max((chances.get(player_id, 0.0) for player_id in starters), default=0.0)
    return {q.player_id: starter_plays for q in quarterbacks if q.player_id not in starters}


def _passer_rates(
    players: list[UsagePlayer],
    team_games: Mapping[str, Mapping[str, Mapping[int, float]]],
    week: int,
) -> dict[int, float]:
    """Quarterback -> his team's pass yards per team target in the games he threw most of its
    yards (recency-weighted), shrunk toward the league's with PASSER_PRIOR_TARGETS."""
    yards = sum(v for games in team_games.values() for v in games[PASS_YARDS].values())
    targets = sum(v for games in team_games.values() for v in games[TARGETS].values())
    if not yards or not targets:
        return {}
    league_rate = yards / targets
    rates = {}
    for player in players:
        if player.position != "QB":
            continue
        games = team_games[player.team]
        weights = _weights(player, week, SHARE_DECAY)
        own_yards = own_targets = 0.0
        for w, line in player.weeks.items():
            if 2 * float(line.get(PASS_YARDS, 0) or 0) > games[PASS_YARDS].get(w, 0.0):
                own_yards += weights[w] * games[PASS_YARDS][w]
                own_targets += weights[w] * games[TARGETS].get(w, 0.0)
        rates[player.player_id] = (own_yards + PASSER_PRIOR_TARGETS * league_rate) / (
            own_targets + PASSER_PRIOR_TARGETS
        )
    return rates


def _passer_change(
    games: Mapping[str, Mapping[int, float]],
    quarterbacks: list[UsagePlayer],
    pass_shares: Mapping[int, float],
    passers: Mapping[int, float],
    *,
    week: int,
) -> float:
    """The expected passers' yards per target (weighted by their pass shares and chances to
    play) over that of the passers of the team's recent games (each game's passers by their
    yards, TEAM_DECAY per game back): 1 when the same quarterback goes on."""
    expected = {
        q.player_id: pass_shares.get(q.player_id, 0.0) * q.play_chance
        for q in quarterbacks
        if q.player_id in passers
    }
    recent = weight_sum = 0.0
    played = sorted(
        (w for w, yards in games[PASS_YARDS].items() if w < week and yards), reverse=True
    )
    for games_back, w in enumerate(played):
        thrown = {
            q.player_id: float(q.weeks[w].get(PASS_YARDS, 0) or 0)
            for q in quarterbacks
            if w in q.weeks and q.player_id in passers
        }
        if sum(thrown.values()) > 0:
            weight = TEAM_DECAY**games_back
            recent += weight * sum(passers[q] * y for q, y in thrown.items()) / sum(thrown.values())
            weight_sum += weight
    if not sum(expected.values()) or not recent:
        return 1.0
    upcoming = sum(passers[q] * chance for q, chance in expected.items()) / sum(expected.values())
    return upcoming / (recent / weight_sum)


def _weights(player: UsagePlayer, week: int, decay: float) -> dict[int, float]:
    return {w: decay ** (week - 1 - w) for w in player.weeks}


def _shares(
    players: list[UsagePlayer],
    team_games: Mapping[str, Mapping[str, Mapping[int, float]]],
    league_average: Mapping[str, float],
    week: int,
) -> dict[int, dict[str, float | None]]:
    """Player -> opportunity -> his share when he plays (None: not his kind of opportunity)."""
    typical = _typical_shares(players, team_games)
    shares: dict[int, dict[str, float | None]] = {}
    for player in players:
        weights = _weights(player, week, SHARE_DECAY)
        shares[player.player_id] = {}
        for stat, positions in OPPORTUNITY_POSITIONS.items():
            average = league_average[stat]
            if player.position not in positions or not average:
                shares[player.player_id][stat] = None
                continue
            games = team_games[player.team][stat]
            own = sum(
                weights[w] * float(line.get(stat, 0) or 0) for w, line in player.weeks.items()
            )
            team = sum(weights[w] * games.get(w, 0.0) for w in player.weeks)
            prior_share = typical.get((player.position, stat), 0.0)
            if player.prior_per_game is not None:
                own += player.prior_weight * float(player.prior_per_game.get(stat, 0) or 0)
                team += player.prior_weight * average
                prior_share = float(player.prior_per_game.get(stat, 0) or 0) / average
            pseudo = SHARE_PRIOR_GAMES * average
            shares[player.player_id][stat] = (
                (own + pseudo * prior_share) / (team + pseudo) if team + pseudo else prior_share
            )
    return shares


def _typical_shares(
    players: list[UsagePlayer], team_games: Mapping[str, Mapping[str, Mapping[int, float]]]
) -> dict[tuple[str, str], float]:
    """(position, opportunity) -> the mean share of a player of that position in a game."""
    own: dict[tuple[str, str], float] = defaultdict(float)
    team: dict[tuple[str, str], float] = defaultdict(float)
    for player in players:
        for stat, positions in OPPORTUNITY_POSITIONS.items():
            if player.position in positions:
                games = team_games[player.team][stat]
                for w, line in player.weeks.items():
                    own[(player.position, stat)] += float(line.get(stat, 0) or 0)
                    team[(player.position, stat)] += games.get(w, 0.0)
    return {key: own[key] / team[key] for key in own if team[key]}


def _efficiency(players: list[UsagePlayer], week: int) -> dict[int, dict[str, float]]:
    """Player -> per-opportunity stat -> his rate shrunk toward his position's (EFFICIENCY)."""
    stats = tuple(set(EFFICIENCY) | {opportunity for opportunity, _ in EFFICIENCY.values()})
    positional: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    own: dict[int, dict[str, float]] = {}
    for player in players:
        weights = _weights(player, week, SHARE_DECAY)
        totals = own[player.player_id] = dict.fromkeys(stats, 0.0)
        position_totals = positional[player.position]
        for w, line in player.weeks.items():
            for stat in stats:
                value = float(line.get(stat, 0) or 0)
                totals[stat] += weights[w] * value
                position_totals[stat] += value
        if player.prior_per_game is not None:
            for stat in stats:
                totals[stat] += player.prior_weight * float(player.prior_per_game.get(stat, 0) or 0)
    rates: dict[int, dict[str, float]] = {}
    for player in players:
        totals, position_totals = own[player.player_id], positional[player.position]
        rates[player.player_id] = {}
        for stat, (opportunity, pseudo) in EFFICIENCY.items():
            base = position_totals[opportunity]
            position_rate = position_totals[stat] / base if base else 0.0
            rates[player.player_id][stat] = (totals[stat] + pseudo * position_rate) / (
                totals[opportunity] + pseudo
            )
    return rates


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
