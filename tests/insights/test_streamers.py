"""Streamer ranking: defences by matchup, IDP players by opportunity; hand-checked fits."""

from insights.projections import OPPONENT_UNKNOWN, SeasonPrior
from insights.streamers import (
    DefenseCandidate,
    IdpCandidate,
    Matchup,
    OffenseHistory,
    PastGame,
    defense_forms,
    idp_opponent_factors,
    offense_histories,
    rank_defenses,
    rank_idp,
)

DEFENCES = [
    DefenseCandidate(101, "Home Favourite D", "AAA"),
    DefenseCandidate(102, "Road Dog D", "BBB"),
    DefenseCandidate(103, "Bye D", "CCC"),
]


def test_defences_rank_by_opponent_points_and_home_field():
    matchups = {
        "AAA": Matchup("AAA", "XXX", is_home=True, opponent_implied_total=17.0),
        "BBB": Matchup("BBB", "YYY", is_home=False, opponent_implied_total=27.0),
    }
    picks = rank_defenses(defenses=DEFENCES, matchups=matchups, offenses={})
    assert [(p.subject_id, p.fit_score) for p in picks] == [
        (101, 68.0),  # 50 + 3 * (22 - 17) + 3 at home; no history: league-average turnovers
        (102, 35.0),  # 50 + 3 * (22 - 27)
    ]
    assert picks[0].meta["reasons"][0] == (
        "vs XXX: 17.0 points expected (implied total; a typical team scores 22)."
    )
    assert "Plays at home." in picks[0].meta["reasons"]


def test_turnover_prone_opponent_and_bad_weather_lift_a_defence():
    matchups = {
        "AAA": Matchup("AAA", "XXX", is_home=False, opponent_implied_total=22.0),
        "BBB": Matchup("BBB", "YYY", is_home=False, opponent_implied_total=22.0, weather_bucket=4),
    }
    # XXX gave away 3 a game over 3 games: (9 + 3 * 1.3) / (3 + 3) = 2.15 -> +10 * 0.85
    offenses = {"XXX": OffenseHistory(defended_games=3, giveaways=9.0, sacks_allowed=7.2)}
    picks = rank_defenses(defenses=DEFENCES, matchups=matchups, offenses=offenses)
    assert [(p.subject_id, p.fit_score, p.weather_bucket) for p in picks] == [
        (102, 60.0, 4),  # 50 + 2.5 * 4
        (101, 58.5, None),
    ]
    assert picks[1].meta["opponent_giveaways"] == 2.15


def test_without_a_line_the_opponent_scoring_average_is_used():
    matchups = {"AAA": Matchup("AAA", "XXX", is_home=False)}
    offenses = {"XXX": OffenseHistory(scored_games=3, points=42.0)}  # 14 a game
    (pick,) = rank_defenses(defenses=DEFENCES, matchups=matchups, offenses=offenses)
    assert pick.meta["opponent_points"] == 18.0  # (42 + 3 * 22) / 6
    assert pick.fit_score == 62.0


def test_offense_histories_come_from_scores_and_the_facing_defence_lines():
    games = [
        PastGame(1, "XXX", "AAA", 10.0),
        PastGame(2, "XXX", "BBB", None),  # no final score recorded
    ]
    lines = {("AAA", 1): {"32": 4, "33": 2, "34": 1}, ("BBB", 2): {"32": 1}}
    history = offense_histories(games=games, defense_lines=lines)["XXX"]
    assert history == OffenseHistory(
        scored_games=1, points=10.0, defended_games=2, giveaways=3.0, sacks_allowed=5.0
    )


def idp(pid, tackles, status=None, team="AAA"):
    return IdpCandidate(
        pid, f"IDP {pid}", "LB", team, status, {1: {"38": tackles}, 2: {"38": tackles}}
    )


def test_idp_rank_by_opportunity_skipping_out_players_and_byes():
    matchups = {"AAA": Matchup("AAA", "XXX", is_home=True)}
    players = [
        idp(1, 6),
        idp(2, 9),
        idp(3, 12, status="O"),
        idp(4, 12, team="ZZZ"),  # on bye: no matchup
    ]
    picks = rank_idp(players=players, matchups=matchups, opponent_factors={"XXX": 1.1}, week=3)
    assert [(p.subject_id, p.fit_score) for p in picks] == [
        (2, 66.0),  # 9 a game * 1.1 = 9.9 of 15 -> 66
        (1, 44.0),
    ]


def test_idp_opponent_factor_is_bounded():
    matchups = {"AAA": Matchup("AAA", "XXX", is_home=True)}
    (pick,) = rank_idp(
        players=[idp(1, 6)], matchups=matchups, opponent_factors={"XXX": 3.0}, week=3
    )
    assert pick.meta["opponent_factor"] == 1.2


def test_idp_opponent_factors_compare_with_the_league():
    players = [idp(1, 10, team="AAA"), idp(2, 5, team="BBB")]
    opponents = {("AAA", 1): "XXX", ("AAA", 2): "XXX", ("BBB", 1): "YYY", ("BBB", 2): "YYY"}
    factors = idp_opponent_factors(players=players, opponents=opponents)
    # league 7.5 a game; XXX (20 + 3 * 7.5) / 5 = 8.5 -> 1.133; YYY (10 + 22.5) / 5 = 6.5
    assert round(factors["XXX"], 3) == 1.133
    assert round(factors["YYY"], 3) == 0.867


def test_unknown_opponent_ranks_defences_on_their_own_takeaways_and_sacks_and_says_so():
    matchups = {"AAA": Matchup("AAA", None, None), "BBB": Matchup("BBB", None, None)}
    lines = {("AAA", 1): {"32": 5, "33": 2, "34": 1}, ("BBB", 1): {"32": 1}}
    picks = rank_defenses(
        defenses=DEFENCES, matchups=matchups, offenses={}, forms=defense_forms(defense_lines=lines)
    )
    assert [p.subject_id for p in picks] == [101, 102]  # CCC has no game this week
    best = picks[0]
    # takeaways (3 + 3 * 1.3) / 4 = 1.725 -> +4.25; sacks (5 + 3 * 2.4) / 4 = 3.05 -> +2.6
    assert best.fit_score == 56.85
    assert set(best.meta["parts"]) == {"takeaways", "sacks", "weather"}
    assert best.meta["opponent"] is None
    assert best.meta["reasons"][0].startswith(OPPONENT_UNKNOWN)


def test_idp_with_an_unknown_opponent_uses_his_own_opportunity_and_says_so():
    (pick,) = rank_idp(
        players=[idp(1, 6)],
        matchups={"AAA": Matchup("AAA", None, None)},
        opponent_factors={"XXX": 1.2},
        week=3,
    )
    assert pick.fit_score == 40.0  # 6 of 15, no opponent factor
    assert OPPONENT_UNKNOWN in pick.meta["reasons"][1]


def test_idp_on_a_first_sync_ranks_on_last_season_and_says_so():
    """No week of this season stored (a league's first sync): last season's per-game line
    stands in, weighed as in the projections; a player with neither gets no pick."""
    six_a_game = SeasonPrior.from_totals(games=16, totals={"38": 96})
    veteran = IdpCandidate(1, "Veteran", "LB", "AAA", None, {}, prior=six_a_game)
    rookie = IdpCandidate(2, "Rookie", "LB", "AAA", None, {})
    matchups = {"AAA": Matchup("AAA", "XXX", is_home=True)}

    (pick,) = rank_idp(players=[veteran, rookie], matchups=matchups, opponent_factors={}, week=5)

    assert (pick.subject_id, pick.fit_score) == (1, 40.0)  # 6 of 15
    assert pick.meta["reasons"][0].startswith("6.0 opportunity points a game over last season's 16")


def test_idp_blends_last_season_with_this_seasons_games():
    veteran = IdpCandidate(
        1, "Veteran", "LB", "AAA", None, {1: {"38": 9}},
        prior=SeasonPrior.from_totals(games=16, totals={"38": 96}),
    )  # fmt: skip
    matchups = {"AAA": Matchup("AAA", "XXX", is_home=True)}

    (pick,) = rank_idp(players=[veteran], matchups=matchups, opponent_factors={}, week=2)

    # week 1 weighs 1, last season 3 games * 0.85 = 2.55: (9 + 2.55 * 6) / 3.55 = 6.85
    assert pick.meta["opportunity_per_game"] == 6.85
    assert "over 1 game and last season's 16 games" in pick.meta["reasons"][0]
