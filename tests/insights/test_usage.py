import pytest

from insights import usage
from insights.projections import GameContext, PlayerHistory, project_week
from insights.scoring import LeagueScoring
from insights.usage import CARRIES, UsagePlayer, project_usage, redistributed_shares, team_volume

HALF_PPR = LeagueScoring.preset("half_ppr")


@pytest.fixture
def plain_usage(monkeypatch):
    """Round constants so the numbers can be checked by hand: the team's own games only, equal
    weights for the games a share is measured over, no pseudo-games in a share."""
    monkeypatch.setattr(usage, "TEAM_DECAY", 0.5)
    monkeypatch.setattr(usage, "TEAM_PRIOR_GAMES", 0.0)
    monkeypatch.setattr(usage, "SHARE_DECAY", 1.0)
    monkeypatch.setattr(usage, "SHARE_PRIOR_GAMES", 0.0)
    monkeypatch.setattr(usage, "REDISTRIBUTION", 1.0)
    monkeypatch.setattr(usage, "REDISTRIBUTION_BOUNDS", (0.5, 2.5))


def _back(player_id, carries_by_week, play_chance=1.0, team="AAA"):
    return UsagePlayer(
        player_id=player_id,
        position="RB",
        team=team,
        weeks={w: {CARRIES: carries, "9": 4 * carries} for w, carries in carries_by_week.items()},
        prior_per_game=None,
        prior_weight=0.0,
        play_chance=play_chance,
    )


def _qb(player_id, yards_by_week, play_chance, prior=None):
    """A quarterback of team AAA with his pass yards by week (and last season's line)."""
    return UsagePlayer(
        player_id,
        "QB",
        "AAA",
        {w: {"4": y} for w, y in yards_by_week.items()},
        prior,
        3.0 if prior else 0.0,
        play_chance,
    )


def test_team_volume_by_hand(plain_usage, monkeypatch):
    monkeypatch.setattr(usage, "TEAM_PRIOR_GAMES", 1.0)
    # Week 3 from weeks 1 (30 carries) and 2 (40): the last game weighs 1, the one before 0.5,
    # the league's average team (35) one pseudo-game: (40 + 15 + 35) / 2.5 = 36. Week 2 itself
    # is never read for week 2.
    assert team_volume({1: 30, 2: 40}, week=3, league_average=35) == pytest.approx(36.0)
    assert team_volume({1: 30, 2: 40}, week=2, league_average=35) == pytest.approx(32.5)
    # Favoured by 7 (its implied total minus the opponent's) at +1.2 % carries per point.
    favoured = team_volume({1: 30, 2: 40}, week=3, league_average=35, margin=7, script=0.012)
    assert favoured == pytest.approx(36.0 * 1.084)
    trailing = team_volume({1: 30, 2: 40}, week=3, league_average=35, margin=-7, script=0.012)
    assert trailing == pytest.approx(36.0 * 0.916)


def test_volume_follows_the_implied_totals_of_the_game():
    """A home favourite by 7 (total 47: 27 to 20) runs more than in an even game, throws less."""
    lines = {w: {"8": 20, "9": 80, "78": 6, "11": 4, "12": 40} for w in range(1, 5)}
    players = [
        PlayerHistory(1, "RB", "AAA", None, None, lines),
        PlayerHistory(2, "RB", "BBB", None, None, lines),
    ]

    def game(total, home_spread):
        home = (total - home_spread) / 2 if total else None
        away = (total + home_spread) / 2 if total else None
        return {
            ("AAA", 5): GameContext("AAA", 5, "BBB", True, home),
            ("BBB", 5): GameContext("BBB", 5, "AAA", False, away),
        }

    even = project_week(players=players, week=5, scoring=HALF_PPR, schedule=game(None, None))
    lined = project_week(players=players, week=5, scoring=HALF_PPR, schedule=game(47.0, -7.0))
    opportunities = lined[1].breakdown["usage"]["opportunities"]
    assert lined[1].breakdown["usage"]["margin"] == 7.0
    even_carries = even[1].breakdown["usage"]["opportunities"]["8"]["team_volume"]
    assert opportunities["8"]["team_volume"] == pytest.approx(
        even_carries * (1 + usage.GAME_SCRIPT["8"] * 7), abs=0.01
    )
    even_targets = even[1].breakdown["usage"]["opportunities"]["78"]["team_volume"]
    assert opportunities["78"]["team_volume"] < even_targets
    underdog = lined[2].breakdown["usage"]["opportunities"]["8"]["team_volume"]
    assert underdog == pytest.approx(even_carries * (1 - usage.GAME_SCRIPT["8"] * 7), abs=0.01)


def test_redistributed_shares_by_hand(plain_usage):
    shares = {1: 0.6, 2: 0.3, 3: 0.1}
    # Everyone plays: the shares already hand out the whole volume.
    adjusted, factor = redistributed_shares(shares, {1: 1.0, 2: 1.0, 3: 1.0})
    assert factor == pytest.approx(1.0) and adjusted == pytest.approx(shares)
    # The starter out: 0.4 of the volume is expected to be used, so each share x 2.5.
    adjusted, factor = redistributed_shares(shares, {1: 0.0, 2: 1.0, 3: 1.0})
    assert factor == pytest.approx(2.5)
    assert adjusted[2] == pytest.approx(0.75) and adjusted[3] == pytest.approx(0.25)


def test_a_starters_share_goes_to_his_backups_when_he_is_out_and_comes_back_with_him(
    plain_usage,
):
    # Weeks 1-3: the starter 18 carries of 30, the backup 9, the third back 3.
    history = {1: (18, 9, 3), 2: (18, 9, 3), 3: (18, 9, 3)}

    def week(number, history, starter_plays):
        players = [
            _back(1, {w: c[0] for w, c in history.items() if c[0]}, float(starter_plays)),
            _back(2, {w: c[1] for w, c in history.items()}),
            _back(3, {w: c[2] for w, c in history.items()}),
        ]
        return project_usage(players, week=number, margins={})

    # Week 4, the starter out: the team still runs 30 times; the backup's 0.3 and the third's
    # 0.1 are scaled by 1 / 0.4 = 2.5: 22.5 and 7.5 carries. The starter's, if he played: 18.
    out = week(4, history, starter_plays=False)
    assert out[2].line[CARRIES] == pytest.approx(22.5)
    assert out[3].line[CARRIES] == pytest.approx(7.5)
    assert out[2].breakdown["opportunities"][CARRIES]["redistribution"] == 2.5
    # Week 4 happened as projected (22 and 8 carries); week 5 the starter is back. Shares: the
    # starter 54/90 = 0.6 (his games only), the backup (27 + 22) / 120 = 0.40833, the third
    # (9 + 8) / 120 = 0.14167; they add to 1.15, so each is scaled by 1 / 1.15 and the backup
    # gives back most of what he took: 30 * 0.40833 / 1.15 = 10.65 carries (15.65 for the
    # starter).
    history[4] = (0, 22, 8)
    back = week(5, history, starter_plays=True)
    assert back[2].line[CARRIES] == pytest.approx(30 * (49 / 120) / 1.15, abs=1e-6)
    assert back[1].line[CARRIES] == pytest.approx(30 * 0.6 / 1.15, abs=1e-6)
    assert back[2].line[CARRIES] < out[2].line[CARRIES] / 2
    # Yards follow carries at his yards per carry (4, like his position's).
    assert back[2].line["9"] == pytest.approx(4 * back[2].line[CARRIES])


def test_a_quarterback_change_hands_the_pass_volume_to_the_one_who_plays(plain_usage):
    starter_yards, backup_yards = {1: 250, 2: 250, 3: 230}, {1: 0, 2: 0, 3: 20}
    result = project_usage(
        [_qb(1, starter_yards, play_chance=0.0), _qb(2, backup_yards, play_chance=1.0)],
        week=4,
        margins={},
    )
    # The team's pass yards: (250 + 0.5 * 250 + 0.25 * 250) / 1.75 = 250; the backup's share
    # 20 / 750 is scaled up to the bound (2.5x): 250 * 20 / 750 * 2.5 = 16.7. The bound keeps
    # a garbage-time share from becoming a whole game; the starter playing keeps his 730/750.
    assert result[2].line["4"] == pytest.approx(250 * 20 / 750 * 2.5)
    healthy = project_usage(
        [_qb(1, starter_yards, play_chance=1.0), _qb(2, backup_yards, play_chance=0.0)],
        week=4,
        margins={},
    )
    assert healthy[1].line["4"] == pytest.approx(250)


def test_a_quarterback_change_moves_his_receivers(plain_usage, monkeypatch):
    monkeypatch.setattr(usage, "PASSER_PRIOR_TARGETS", 0.0)
    # Week 1 the backup threw 150 yards on the team's 30 targets (5 a target), weeks 2-3 the
    # starter 240 on 30 (8 a target); the receiver caught it all.
    starter_yards, backup_yards = {2: 240, 3: 240}, {1: 150}
    receiver = UsagePlayer(
        3, "WR", "AAA", {w: {"78": 30, "12": y} for w, y in {1: 150, 2: 240, 3: 240}.items()},
        None, 0.0, 1.0,
    )  # fmt: skip

    def week4(starter_plays):
        quarterbacks = [
            UsagePlayer(1, "QB", "AAA", {w: {"4": y} for w, y in starter_yards.items()}, None,
                        0.0, float(starter_plays)),
            UsagePlayer(2, "QB", "AAA", {w: {"4": y} for w, y in backup_yards.items()}, None,
                        0.0, float(not starter_plays)),
        ]  # fmt: skip
        return project_usage([*quarterbacks, receiver], week=4, margins={})

    # The recent passers' rate: (8 + 0.5 * 8 + 0.25 * 5) / 1.75 = 7.5714 a target. With the
    # backup: 5 / 7.5714 = 0.660 of it; the receiver's 30 targets at 7 yards (630 / 90) each.
    backup = week4(starter_plays=False)
    assert backup[3].breakdown["passer_change"] == 0.66
    assert backup[3].line["12"] == pytest.approx(30 * 7 * 5 / (13.25 / 1.75))
    # The team's pass yards (397.5 / 1.75 = 227.1) times 0.660: 150, the backup's own game.
    assert backup[2].line["4"] == pytest.approx(150.0)
    starter = week4(starter_plays=True)
    assert starter[3].line["12"] == pytest.approx(30 * 7 * 8 / (13.25 / 1.75))


def test_a_healthy_backup_quarterback_does_not_share_the_passing(plain_usage):
    # The starter threw 250 yards in each of weeks 1-3; the backup has not played this season
    # but started last season (250 a game, the league's average): healthy, he is still the
    # backup, and the starter keeps the team's 250 yards.
    starter_weeks, last_season = {1: 250, 2: 250, 3: 250}, {"4": 250}
    both_healthy = project_usage(
        [_qb(1, starter_weeks, 1.0), _qb(2, {}, 1.0, prior=last_season)], week=4, margins={}
    )
    assert both_healthy[1].line["4"] == pytest.approx(250)
    assert both_healthy[2].line["4"] == 0.0
    # The starter out: the backup takes the whole passing (his last-season share, 1, rescaled).
    starter_out = project_usage(
        [_qb(1, starter_weeks, 0.0), _qb(2, {}, 1.0, prior=last_season)], week=4, margins={}
    )
    assert starter_out[2].line["4"] == pytest.approx(250)
    # The starter doubtful (plays 30 %): the backup's share counts in the other 70 %, 1 * 0.7,
    # and the two expected shares (0.3 + 0.7) hand out the team's 250 yards in full.
    doubtful = project_usage(
        [_qb(1, starter_weeks, 0.3), _qb(2, {}, 1.0, prior=last_season)], week=4, margins={}
    )
    assert doubtful[2].line["4"] == pytest.approx(250 * 0.7)
    assert doubtful[1].line["4"] == pytest.approx(250)
    # A garbage-time passer (20 of the team's 270 in week 3) has not started: the same.
    mop_up = _qb(3, {3: 20}, 1.0)
    with_mop_up = project_usage([_qb(1, starter_weeks, 1.0), mop_up], week=4, margins={})
    assert with_mop_up[3].line["4"] == 0.0
