"""API throughput for `make bench`: requests/s on a 12-team league under gunicorn, as a ratio to
/healthz served by the same server in the same run (so the numbers compare across machines and
across loads: only the ratios are targets, never raw req/s).

Load comes from `wrk` (Debian package `wrk`; `make bench` installs it when missing). Targets: every
endpoint at least 25 % of /healthz, the streamers 15 %; the script exits 1 when one is missed.

Needs Postgres and Redis: DATABASE_URL (the benchmark uses its own database,
`<name>_api_bench`, made fresh and dropped at the end) and REDIS_URL (the league summary is
cached there; its keys are removed at the end). gunicorn listens on 127.0.0.1 only, on a free
port, for the length of the run. Every request is authenticated with a real API key.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from statistics import mean

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_database import bench_database, drop_bench_database  # noqa: E402

NUM_TEAMS = 12
AVAILABLE_PLAYERS = 500
WEEK = 5
TARGET_RATIO = 0.25
STREAMERS_TARGET_RATIO = 0.15


def seed() -> dict:
    """A 12-team league-week with full rosters, 500 free players, matchups, computed insights
    and events, seen by the manager of its first team; that user's API key."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.api_keys import api_key_create
    from accounts.models import ApiKey
    from fantasy.bulk_league import build_league_week
    from fantasy.events import InjuryEvent, events_record
    from fantasy.models import Matchup, RosterSlot
    from insights.services import league_week_insights_compute

    call_command("migrate", verbosity=0)
    built = build_league_week(
        week=WEEK, teams=NUM_TEAMS, available=AVAILABLE_PLAYERS, linked_teams=NUM_TEAMS
    )
    league, team = built.league, built.linked_teams[0]
    teams = built.linked_teams
    Matchup.objects.bulk_create(
        Matchup(
            league=league,
            week=WEEK,
            team=team,
            opponent_team=opponent,
            projected_pts=Decimal("110.50"),
            actual_pts=Decimal("98.20"),
        )
        for home, away in zip(teams[::2], teams[1::2], strict=True)
        for team, opponent in ((home, away), (away, home))
    )
    league_week_insights_compute(league=league, week=WEEK)
    rostered = RosterSlot.objects.filter(league=league, week=WEEK).select_related("player")[:100]
    events_record(
        events=[
            InjuryEvent(
                league_id=league.id,
                player_id=slot.player_id,
                week=WEEK,
                player_name=slot.player.full_name,
                old_status=None,
                new_status="Q",
            )
            for slot in rostered
        ]
    )
    api_key, raw_key = api_key_create(user=team.manager_user, name="bench")
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    player_id = RosterSlot.objects.filter(team=team, week=WEEK).values_list("player_id")[0][0]
    return {"key": raw_key, "league_id": league.id, "team_id": team.id, "player_id": player_id}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "edge.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer /healthz within 30 s")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)")


def measure(url: str, headers: dict, *, seconds: int, connections: int) -> float:
    """Requests per second from `wrk`; every answer must be a 2xx."""
    command = ["wrk", f"--duration={seconds}s", f"--connections={connections}", "--threads=2"]
    command += [f"--header={name}: {value}" for name, value in headers.items()]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    if errors := WRK_ERRORS.search(output):
        sys.exit(f"{url}: {errors.group(0)}\n{output}")
    return float(WRK_RATE.search(output).group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2, help="per round (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per endpoint (default 3)")
    parser.add_argument("--connections", type=int, default=4, help="open connections (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("api_bench needs wrk (apt-get install wrk; `make bench` installs it)")

    database_url, admin_url = bench_database(
        os.environ.get("DATABASE_URL", ""), "api_bench", fresh=True
    )
    if not os.environ.get("REDIS_URL"):
        sys.exit("api_bench needs REDIS_URL (the league summary is cached in Redis)")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edge.settings")
    server = seeded = None
    try:
        seeded = seed()
        port = free_port()
        # Production-like serving: no DEBUG query log, persistent DB connections.
        env = {**os.environ, "DEBUG": "false", "CONN_MAX_AGE": "60", "CELERY_BROKER_URL": ""}
        # One key sends every request: its rate limit (600 a minute) is not what is measured.
        env["API_RATE_LIMIT_PER_MINUTE"] = "100000000"
        server = start_gunicorn(port, env, args.workers)
        base = f"http://127.0.0.1:{port}"
        auth = {"Authorization": f"Bearer {seeded['key']}"}
        team, league = seeded["team_id"], seeded["league_id"]
        endpoints = {
            "/healthz": ({}, "/healthz"),
            "/team/{id}/roster": (auth, f"/team/{team}/roster"),
            "/leagues/{id}/summary": (auth, f"/leagues/{league}/summary"),
            "/team/{id}/lineup": (auth, f"/team/{team}/lineup"),
            "/team/{id}/matchup": (auth, f"/team/{team}/matchup"),
            "/team/{id}/waivers": (auth, f"/team/{team}/waivers"),
            "/events": (auth, "/events"),
            "/players/{id}/projection": (auth, f"/players/{seeded['player_id']}/projection"),
            "/streamers/def": (auth, "/streamers/def"),
        }
        for headers, path in endpoints.values():  # warm up: imports, connections, the cache
            measure(f"{base}{path}", headers, seconds=1, connections=args.connections)
        # Each endpoint alternates with /healthz, so both see the same load on a shared machine.
        healthz_rates: dict[str, list[float]] = {}
        rates: dict[str, list[float]] = {}
        for name, (headers, path) in endpoints.items():
            if name == "/healthz":
                continue
            for _ in range(args.rounds):
                for rate_list, url, url_headers in (
                    (healthz_rates.setdefault(name, []), f"{base}/healthz", {}),
                    (rates.setdefault(name, []), f"{base}{path}", headers),
                ):
                    rate_list.append(
                        measure(
                            url, url_headers, seconds=args.seconds, connections=args.connections
                        )
                    )
    finally:
        if server is not None:
            stop(server)
        if seeded is not None:
            from django.core.cache import cache

            cache.delete(f"cache:league:{seeded['league_id']}:week:{WEEK}:summary")
        drop_bench_database(database_url, admin_url)

    print(
        f"API under gunicorn ({args.workers} workers), wrk {args.connections} connections; "
        f"{NUM_TEAMS}-team league, {AVAILABLE_PLAYERS} free players. Each endpoint and /healthz "
        f"alternate {args.rounds} times {args.seconds} s; the targets are ratios to /healthz in "
        "the same rounds (raw req/s depend on the machine's load)."
    )
    missed = []
    for name, endpoint_rates in rates.items():
        rate, healthz = mean(endpoint_rates), mean(healthz_rates[name])
        target = STREAMERS_TARGET_RATIO if name.startswith("/streamers") else TARGET_RATIO
        ratio = rate / healthz
        if ratio < target:
            missed.append(name)
        print(
            f"  {name:<26} {rate:7.0f} req/s vs /healthz {healthz:6.0f}  {ratio:6.1%} "
            f"(target {target:.0%}: {'OK' if ratio >= target else 'MISSED'})"
        )
    print(f"  targets: {'MISSED by ' + ', '.join(missed) if missed else 'OK'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
