"""Sleeper-shaped response bodies for tests, written by us.

Sleeper's v1 read API has no recorded samples in ../shared, so every shape below was confirmed
in public recorded responses and client code before it was written here (never guessed):

- `GET /user/{username}`: ffverse/ffscrapr `tests/testthat/api.sleeper.app/v1/user/solarpool.json`
  (a recorded body: `user_id` a digit string, `username`, `display_name`, `avatar`, many nulls).
  An unknown username is HTTP 200 with the body `null` (a Rust Sleeper client's API notes,
  "the sleeper read api", found in the code corpus; `null` user also in the issue text).
- `GET /user/{user_id}/leagues/nfl/{season}`: a list of league objects, `[]` for none (same
  notes; ffscrapr records `.../user/202892038360801280/leagues/nfl/2020.json`).
- `GET /league/{id}`: ffscrapr `.../v1/league/522458773317046272.R` (recorded 2020-11-15):
  `season` a string, `total_rosters`, `status`, `roster_positions` in lineup order, a flat
  `scoring_settings` map of floats (`pass_yd` 0.03999999910593033, `pts_allow_7_13`,
  `fgm_40_49`, `idp_tkl_solo`, ...), a flat integer `settings` map (`waiver_budget`,
  `playoff_teams`, `playoff_week_start`, `reserve_slots`, `start_week`, `leg`,
  `playoff_round_type` (0, 1, 2 as joeyagreco/sleeper's `PlayoffRoundType.from_int` reads it:
  one week a round, a two-week championship, two weeks a round),
  `last_scored_leg`, `waiver_type`, `type`).
- `GET /league/{id}/users`: ffscrapr `.../league/522458773317046272/users.json`: `user_id`,
  `display_name`, `is_owner`, `settings: null`, `metadata` a string map where `team_name` is
  often absent.
- `GET /league/{id}/rosters`: ffscrapr `.../league/522458773317046272/rosters.R`: `roster_id`
  (int), `owner_id`, `co_owners` (null or ids), `players`, `starters` (parallel to the starting
  `roster_positions`, `"0"` for an empty slot per the notes), `reserve` and `taxi` (null or a
  subset of `players`), `settings` with `wins`, `losses`, `ties`, `fpts`+`fpts_decimal`
  (hundredths), `fpts_against`+`fpts_against_decimal`, `ppts`+`ppts_decimal`,
  `waiver_budget_used`, `waiver_position`, `total_moves`.
- `GET /league/{id}/matchups/{week}`: ffscrapr `.../league/521379020332068864/matchups/1.json`
  (`roster_id`, `matchup_id` pairing two rosters, `points` a float, `players`, `starters`,
  `custom_points: null`) plus the notes for `starters_points` (positional, parallel to
  `starters`) and `players_points` (player id -> points, bench included); a week not yet played
  answers the full shape with every number 0.
- `GET /players/nfl`: the notes: an object keyed by player id; team defences keyed by the team
  abbreviation with nine keys only (`player_id`, `position`, `first_name`, `last_name`,
  `sport`, `team`, `fantasy_positions`, `active`, `injury_status`), `team` null for free agents,
  `yahoo_id` among the cross-provider ids of real players.
- `GET /stats/nfl/regular/{season}/{week}`: player id -> stat key -> number
  (chroniicallydiistracted/NeverChopped `docs/SLEEPER_API_REFERENCE.md`; keys as in
  jredh/fantasy `sleeper.go`: `rush_yd`, `rec`, `rec_td`, `pts_ppr`, `gp`, `bonus_rec_wr`, ...);
  the stat keys are the `scoring_settings` keys.
- `GET /stats/nfl/regular/{season}` (no week): the whole season's totals in the same shape,
  `gp` the games played (the sleeper_wrapper package's `Stats.get_all_stats(season_type,
  season)` beside `get_week_stats`, in several forks in the code corpus; an endpoint reference
  there lists it as "season totals for all players").
- `GET /players/nfl/trending/add`: ffscrapr `.../v1/players/nfl/trending/add-485def.R`:
  `[{"player_id": "4187", "count": 270285}, ...]` (defences by abbreviation: `"NYG"`).
- `GET /state/nfl`: the notes: `{"week": 2, "season_type": "regular", "season": "2026", "leg": 2,
  "league_season": "2026", "display_week": 2, ...}`, `season` a string.

`tests/fantasy/sleeper/test_builder.py` checks the builder's skeleton against these key sets.

    league = make_league(num_teams=4, week=3)
    add_sleeper_responses(rsps, league)      # rsps: a responses.RequestsMock
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

# A 2020-style Sleeper scoring map (values as Sleeper stores them: 32-bit floats), with the DEF
# points-allowed tiers and IDP keys a league with defenders turns on.
DEFAULT_SCORING = {
    "pass_yd": 0.03999999910593033, "pass_td": 4.0, "pass_int": -2.0, "pass_2pt": 2.0,
    "rush_yd": 0.10000000149011612, "rush_td": 6.0, "rush_2pt": 2.0,
    "rec": 0.5, "rec_yd": 0.10000000149011612, "rec_td": 6.0, "rec_2pt": 2.0,
    "fum_lost": -2.0, "fum": 0.0, "fum_rec_td": 6.0,
    "fgm_0_19": 3.0, "fgm_20_29": 3.0, "fgm_30_39": 3.0, "fgm_40_49": 4.0, "fgm_50p": 5.0,
    "fgmiss": -1.0, "xpm": 1.0, "xpmiss": -1.0,
    "sack": 1.0, "int": 2.0, "fum_rec": 2.0, "def_td": 6.0, "safe": 2.0, "blk_kick": 2.0,
    "ff": 1.0, "def_st_td": 6.0, "def_st_ff": 1.0, "def_st_fum_rec": 1.0,
    "st_td": 6.0, "st_ff": 1.0, "st_fum_rec": 1.0, "def_pr_td": 0.0, "def_kr_td": 0.0,
    "pts_allow_0": 10.0, "pts_allow_1_6": 7.0, "pts_allow_7_13": 4.0, "pts_allow_14_20": 1.0,
    "pts_allow_21_27": 0.0, "pts_allow_28_34": -1.0, "pts_allow_35p": -4.0,
    "idp_tkl_solo": 1.0, "idp_tkl_ast": 0.5, "idp_sack": 2.0, "idp_int": 3.0, "idp_ff": 2.0,
    "idp_fum_rec": 2.0, "idp_def_td": 6.0, "idp_safe": 2.0, "idp_pass_def": 1.0,
    "idp_tkl_loss": 1.0, "idp_blk_kick": 2.0,
}  # fmt: skip

DEFAULT_ROSTER_POSITIONS = [
    "QB", "RB", "RB", "WR", "WR", "TE", "FLEX", "SUPER_FLEX", "K", "DEF", "DL", "LB", "DB",
    "IDP_FLEX", "BN", "BN", "BN", "BN",
]  # fmt: skip

NFL_TEAMS = [
    ("KC", "Kansas City", "Chiefs"), ("BUF", "Buffalo", "Bills"), ("DET", "Detroit", "Lions"),
    ("SF", "San Francisco", "49ers"), ("PHI", "Philadelphia", "Eagles"),
    ("DAL", "Dallas", "Cowboys"), ("MIA", "Miami", "Dolphins"), ("BAL", "Baltimore", "Ravens"),
    ("CIN", "Cincinnati", "Bengals"), ("GB", "Green Bay", "Packers"),
    ("LAR", "Los Angeles", "Rams"), ("SEA", "Seattle", "Seahawks"),
]  # fmt: skip

# Each team's players: (position, the starting slot it fills or "BN"/"IR").
ROSTER_TEMPLATE = [
    ("QB", "QB"), ("RB", "RB"), ("RB", "RB"), ("WR", "WR"), ("WR", "WR"), ("TE", "TE"),
    ("WR", "FLEX"), ("QB", "SUPER_FLEX"), ("K", "K"), ("DEF", "DEF"), ("DL", "DL"),
    ("LB", "LB"), ("DB", "DB"), ("DB", "IDP_FLEX"), ("RB", "BN"), ("WR", "BN"), ("TE", "BN"),
    ("WR", "IR"),
]  # fmt: skip

STATS_BY_POSITION = {
    "QB": {"pass_yd": 251, "pass_td": 2, "pass_int": 1, "rush_yd": 12, "fum_lost": 0},
    "RB": {"rush_yd": 71, "rush_td": 1, "rec": 3, "rec_yd": 22, "fum_lost": 1},
    "WR": {"rec": 5, "rec_yd": 68, "rec_td": 1, "rec_tgt": 8},
    "TE": {"rec": 4, "rec_yd": 41},
    "K": {"fgm_30_39": 1, "fgm_40_49": 1, "xpm": 3, "fgmiss": 1},
    "DEF": {"sack": 3, "int": 1, "fum_rec": 1, "pts_allow": 17, "pts_allow_14_20": 1},
    "DL": {"idp_tkl_solo": 3, "idp_tkl_ast": 2, "idp_sack": 1, "idp_tkl_loss": 1},
    "LB": {"idp_tkl_solo": 7, "idp_tkl_ast": 4, "idp_pass_def": 1},
    "DB": {"idp_tkl_solo": 5, "idp_tkl_ast": 1, "idp_int": 1, "idp_pass_def": 2},
}
IDP_POSITIONS = {"DL", "LB", "DB"}


@dataclass
class PlayerSpec:
    player_id: str  # digits, or the team abbreviation for a defence
    first_name: str
    last_name: str
    position: str  # QB RB WR TE K DEF DL LB DB
    team: str | None = "KC"
    injury_status: str | None = None  # "Questionable", "Out", "IR", ...
    yahoo_id: int | None = None
    stats: dict[str, float] = field(default_factory=dict)  # this week's Sleeper stat line

    @property
    def is_defense(self) -> bool:
        return self.position == "DEF"


@dataclass
class UserSpec:
    user_id: str
    username: str
    display_name: str
    team_name: str | None = None  # metadata.team_name, often absent


@dataclass
class RosterSpec:
    roster_id: int
    owner: UserSpec
    starters: list[str]  # parallel to the starting roster positions; "0" is an empty slot
    players: list[str]
    reserve: list[str] | None = None
    wins: int = 0
    losses: int = 0
    ties: int = 0
    fpts: Decimal = Decimal("0")
    fpts_against: Decimal = Decimal("0")
    waiver_budget_used: int = 0
    waiver_position: int = 1


@dataclass
class LeagueSpec:
    league_id: str
    name: str
    season: int
    week: int
    users: list[UserSpec]
    rosters: list[RosterSpec]
    players: dict[str, PlayerSpec]
    roster_positions: list[str] = field(default_factory=lambda: list(DEFAULT_ROSTER_POSITIONS))
    scoring_settings: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SCORING))
    waiver_budget: int = 100
    playoff_teams: int = 4
    playoff_week_start: int = 15
    playoff_round_type: int = 0  # 0 a week a round, 1 a two-week final, 2 two weeks a round
    status: str = "in_season"
    played: bool = True  # False: the week's matchups answer all zeros (not kicked off)
    trending: list[tuple[str, int]] = field(default_factory=list)  # (player_id, count)

    @property
    def me(self) -> UserSpec:
        return self.users[0]

    def points(self, player_id: str) -> float:
        """A player's week points under this league's scoring (what Sleeper reports)."""
        if not self.played or player_id == "0":
            return 0.0
        stats = self.players[player_id].stats
        total = sum(
            Decimal(str(value)) * Decimal(str(self.scoring_settings.get(key, 0)))
            for key, value in stats.items()
        )
        return float(round(total, 2))


def make_league(
    *,
    num_teams: int = 4,
    week: int = 3,
    season: int = 2025,
    league_id: str = "1180365827213979648",
) -> LeagueSpec:
    """`num_teams` rosters of the full template; roster 1 belongs to `league.me`."""
    players: dict[str, PlayerSpec] = {}
    users, rosters = [], []
    next_id = 4000
    for index in range(num_teams):
        team_abbr, city, mascot = NFL_TEAMS[index % len(NFL_TEAMS)]
        user = UserSpec(
            user_id=str(470000000000000000 + index),
            username=f"manager{index + 1}",
            display_name=f"Manager{index + 1}",
            team_name=f"Team {index + 1}" if index % 2 == 0 else None,
        )
        users.append(user)
        starters, roster_players, reserve = [], [], []
        for position, slot in ROSTER_TEMPLATE:
            if position == "DEF":
                player = PlayerSpec(team_abbr, city, mascot, "DEF", team=team_abbr)
            else:
                next_id += 1
                player = PlayerSpec(
                    str(next_id),
                    "Player",
                    f"{position}{next_id}",
                    position,
                    team=team_abbr,
                    yahoo_id=30000 + next_id,
                )
            player.stats = dict(STATS_BY_POSITION[position])
            players[player.player_id] = player
            roster_players.append(player.player_id)
            if slot == "IR":
                reserve.append(player.player_id)
            elif slot != "BN":
                starters.append(player.player_id)
        rosters.append(
            RosterSpec(
                roster_id=index + 1,
                owner=user,
                starters=starters,
                players=roster_players,
                reserve=reserve or None,
                wins=week - 1 - index % 2,
                losses=index % 2,
                fpts=Decimal("250.34") + index,
                fpts_against=Decimal("240.10") + index,
                waiver_budget_used=10 * index,
                waiver_position=num_teams - index,
            )
        )
    free_agent = PlayerSpec("9999", "Free", "Agent", "WR", team=None, yahoo_id=39999)
    # A breakout week: the waiver wire's obvious claim.
    free_agent.stats = {"rec": 9, "rec_yd": 141, "rec_td": 2, "rec_tgt": 12}
    players[free_agent.player_id] = free_agent
    # The defences of the teams no roster holds, and a linebacker: streamer material.
    for team_abbr, city, mascot in NFL_TEAMS[num_teams:]:
        defence = PlayerSpec(team_abbr, city, mascot, "DEF", team=team_abbr)
        defence.stats = dict(STATS_BY_POSITION["DEF"])
        players[team_abbr] = defence
    linebacker = PlayerSpec("9998", "Free", "Linebacker", "LB", team="SEA", yahoo_id=39998)
    linebacker.stats = dict(STATS_BY_POSITION["LB"])
    players[linebacker.player_id] = linebacker
    return LeagueSpec(
        league_id=league_id,
        name="Sleeper Test League",
        season=season,
        week=week,
        users=users,
        rosters=rosters,
        players=players,
        trending=[(free_agent.player_id, 1523), (NFL_TEAMS[-1][0], 87)],
    )


# --- renderers -------------------------------------------------------------------------------


def state_body(league: LeagueSpec) -> dict:
    season = str(league.season)
    return {
        "week": league.week,
        "season_type": "regular",
        "season": season,
        "leg": league.week,
        "league_season": season,
        "previous_season": str(league.season - 1),
        "season_start_date": f"{season}-09-04",
        "display_week": league.week,
        "league_create_season": season,
        "season_has_scores": True,
    }


def user_body(user: UserSpec) -> dict:
    return {
        "verification": None,
        "username": user.username,
        "user_id": user.user_id,
        "token": None,
        "solicitable": None,
        "real_name": None,
        "phone": None,
        "pending": None,
        "notifications": None,
        "is_bot": False,
        "email": None,
        "display_name": user.display_name,
        "deleted": None,
        "data_updated": None,
        "currencies": None,
        "created": None,
        "cookies": None,
        "avatar": "a71f864896ba28cbfaa4dc5df5b564e0",
    }


def league_body(league: LeagueSpec) -> dict:
    return {
        "total_rosters": len(league.rosters),
        "status": league.status,
        "sport": "nfl",
        "shard": 62,
        "settings": {
            "max_keepers": 1,
            "draft_rounds": 4,
            "trade_review_days": 2,
            "waiver_type": 2,
            "type": 0,
            "waiver_clear_days": 2,
            "waiver_day_of_week": 2,
            "start_week": 1,
            "playoff_teams": league.playoff_teams,
            "num_teams": len(league.rosters),
            "reserve_slots": 1,
            "waiver_budget": league.waiver_budget,
            "last_scored_leg": league.week if league.played else league.week - 1,
            "playoff_week_start": league.playoff_week_start,
            "leg": league.week,
            "trade_deadline": 11,
            "taxi_slots": 0,
            "playoff_type": 0,
            "playoff_round_type": league.playoff_round_type,
        },
        "season_type": "regular",
        "season": str(league.season),
        "scoring_settings": dict(league.scoring_settings),
        "roster_positions": list(league.roster_positions),
        "previous_league_id": None,
        "name": league.name,
        "metadata": None,
        "loser_bracket_id": None,
        "league_id": league.league_id,
        "last_message_time": 1605388178168,
        "group_id": None,
        "draft_id": "1180365827213979649",
        "company_id": None,
        "bracket_id": None,
        "avatar": None,
    }


def leagues_body(leagues: list[LeagueSpec]) -> list[dict]:
    """`/user/{id}/leagues/nfl/{season}`: league objects plus the list-only keys."""
    return [
        {**league_body(league), "display_order": order, "last_transaction_id": None}
        for order, league in enumerate(leagues)
    ]


def users_body(league: LeagueSpec) -> list[dict]:
    bodies = []
    for user in league.users:
        metadata = {"mention_pn": "on", "allow_pn": "on"}
        if user.team_name:
            metadata["team_name"] = user.team_name
        bodies.append(
            {
                "user_id": user.user_id,
                "settings": None,
                "metadata": metadata,
                "league_id": league.league_id,
                "is_owner": user is league.me,
                "is_bot": False,
                "display_name": user.display_name,
                "avatar": None,
            }
        )
    return bodies


def _split_points(points: Decimal) -> tuple[int, int]:
    """Sleeper's `fpts`/`fpts_decimal` pair: whole points, then hundredths."""
    whole = int(points)
    return whole, int((points - whole) * 100)


def rosters_body(league: LeagueSpec) -> list[dict]:
    bodies = []
    for roster in league.rosters:
        fpts, fpts_decimal = _split_points(roster.fpts)
        against, against_decimal = _split_points(roster.fpts_against)
        bodies.append(
            {
                "taxi": None,
                "starters": list(roster.starters),
                "settings": {
                    "wins": roster.wins,
                    "waiver_position": roster.waiver_position,
                    "waiver_budget_used": roster.waiver_budget_used,
                    "total_moves": 0,
                    "ties": roster.ties,
                    "ppts_decimal": 50,
                    "ppts": fpts + 40,
                    "losses": roster.losses,
                    "fpts_decimal": fpts_decimal,
                    "fpts_against_decimal": against_decimal,
                    "fpts_against": against,
                    "fpts": fpts,
                },
                "roster_id": roster.roster_id,
                "reserve": list(roster.reserve) if roster.reserve else None,
                "players": list(roster.players),
                "player_map": None,
                "owner_id": roster.owner.user_id,
                "metadata": {"record": "W" * roster.wins + "L" * roster.losses},
                "league_id": league.league_id,
                "keepers": None,
                "co_owners": None,
            }
        )
    return bodies


def matchups_body(league: LeagueSpec, week: int | None = None) -> list[dict]:
    """One object per roster; rosters 1-2, 3-4, ... share a `matchup_id`. A week after the
    league's answers the same shape with every number 0 (not kicked off)."""
    scored = week is None or week <= league.week
    bodies = []
    for roster in league.rosters:
        starters_points = [
            league.points(player_id) if scored else 0.0 for player_id in roster.starters
        ]
        bodies.append(
            {
                "starters": list(roster.starters),
                "roster_id": roster.roster_id,
                "points": float(round(sum(Decimal(str(p)) for p in starters_points), 2)),
                "players": list(roster.players),
                "matchup_id": (roster.roster_id + 1) // 2,
                "custom_points": None,
                "starters_points": starters_points,
                "players_points": {
                    pid: league.points(pid) if scored else 0.0 for pid in roster.players
                },
            }
        )
    return bodies


def player_body(player: PlayerSpec) -> dict:
    if player.is_defense:  # nine keys only, keyed by the team abbreviation
        return {
            "player_id": player.player_id,
            "position": "DEF",
            "first_name": player.first_name,
            "last_name": player.last_name,
            "sport": "nfl",
            "team": player.team,
            "fantasy_positions": ["DEF"],
            "active": True,
            "injury_status": None,
        }
    return {
        "player_id": player.player_id,
        "first_name": player.first_name,
        "last_name": player.last_name,
        "full_name": f"{player.first_name} {player.last_name}",
        "search_full_name": f"{player.first_name}{player.last_name}".lower(),
        "position": player.position,
        "fantasy_positions": [player.position],
        "team": player.team,
        "status": "Active",
        "active": True,
        "injury_status": player.injury_status,
        "injury_body_part": None,
        "number": 11,
        "age": 26,
        "years_exp": 4,
        "search_rank": 120,
        "depth_chart_position": player.position,
        "sport": "nfl",
        "yahoo_id": player.yahoo_id,
        "espn_id": None,
        "gsis_id": None,
        "sportradar_id": "b7a3e8e5-0000-4000-8000-000000000000",
        "rotowire_id": None,
        "stats_id": None,
        "fantasy_data_id": None,
        "metadata": None,
    }


def players_body(league: LeagueSpec) -> dict:
    return {pid: player_body(player) for pid, player in league.players.items()}


def stats_body(league: LeagueSpec) -> dict:
    if not league.played:
        return {}
    return {pid: dict(player.stats) for pid, player in league.players.items()}


LAST_SEASON_GAMES = 16
ROOKIE = "9999"  # the free agent's breakout: no line last season


def last_season_stats_body(league: LeagueSpec) -> dict:
    """Last season's totals: each player's week line over LAST_SEASON_GAMES games, `gp` the
    games, the rookie left out."""
    return {
        pid: {key: value * LAST_SEASON_GAMES for key, value in player.stats.items()}
        | {"gp": LAST_SEASON_GAMES}
        for pid, player in league.players.items()
        if pid != ROOKIE
    }


def trending_body(league: LeagueSpec) -> list[dict]:
    return [{"player_id": pid, "count": count} for pid, count in league.trending]


# --- responses -------------------------------------------------------------------------------


def url(path: str) -> str:
    return f"{settings.SLEEPER_API_URL}/{path.lstrip('/')}"


def sleeper_routes(league: LeagueSpec, *, week: int | None = None) -> dict[str, object]:
    """Path under SLEEPER_API_URL -> body: what one link and one league-week sync read (the
    table `responses` and tests/sleeper_stub.py both serve)."""
    week = week or league.week
    base = f"league/{league.league_id}"
    # The season's schedule (a first sync reads every regular-season week), then this week's.
    schedule = {
        f"{base}/matchups/{w}": matchups_body(league, w)
        for w in range(1, league.playoff_week_start)
    }
    return schedule | {
        "state/nfl": state_body(league),
        f"user/{league.me.username}": user_body(league.me),
        f"user/{league.me.user_id}/leagues/nfl/{league.season}": leagues_body([league]),
        base: league_body(league),
        f"{base}/users": users_body(league),
        f"{base}/rosters": rosters_body(league),
        f"{base}/matchups/{week}": matchups_body(league, week),
        "players/nfl": players_body(league),
        f"stats/nfl/regular/{league.season}/{week}": stats_body(league),
        "players/nfl/trending/add": trending_body(league),
        f"stats/nfl/regular/{league.season - 1}": last_season_stats_body(league),
    }


def add_sleeper_responses(rsps, league: LeagueSpec, *, week: int | None = None) -> None:
    """Register `sleeper_routes` on `rsps`, a responses.RequestsMock."""
    for path, body in sleeper_routes(league, week=week).items():
        rsps.get(url(path), json=body)
