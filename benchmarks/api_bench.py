"""API throughput for `make bench`: requests/s on a 12-team league under gunicorn, as a ratio to
/healthz served by the same server in the same run (so the numbers compare across machines).

Needs Postgres and Redis: DATABASE_URL (the benchmark uses its own database,
`<name>_api_bench`, made fresh and dropped at the end) and REDIS_URL (the league summary is
cached there; its keys are removed at the end). gunicorn listens on 127.0.0.1 only, on a free
port, for the length of the run. Every request is authenticated with a real API key.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NUM_TEAMS = 12
WEEK = 5


def fresh_database(database_url: str) -> tuple[str, str]:
    """(bench database url, admin url): `<name>_api_bench`, dropped and created empty."""
    url = urllib.parse.urlparse(database_url)
    if not url.scheme.startswith("postgres"):
        sys.exit("api_bench needs DATABASE_URL=postgres://…")
    name = f"{url.path.lstrip('/')}_api_bench"
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return url._replace(path=f"/{name}").geturl(), admin_url


def drop_database(database_url: str, admin_url: str) -> None:
    name = urllib.parse.urlparse(database_url).path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed() -> dict:
    """The demo league (12 teams, weeks 1-4 played, week 5 ahead, with insights and events),
    seeded through the real pipeline; the demo manager's key."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import ApiKey
    from accounts.services import api_key_create
    from fantasy.models import Team
    from insights.demo.seeding import demo_league_seed

    call_command("migrate", verbosity=0)
    demo = demo_league_seed(teams=NUM_TEAMS, current_week=WEEK, insights_weeks="current")
    team = Team.objects.get(league_id=demo.league_id, manager_user_id=demo.user_id)
    api_key, raw_key = api_key_create(user=team.manager_user, name="bench")
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return {"key": raw_key, "league_id": demo.league_id, "team_id": team.id}


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


def measure(url: str, headers: dict, *, requests_total: int, clients: int) -> float:
    """Requests per second for `requests_total` GETs from `clients` threads; all must be 200."""
    failures: list[str] = []
    per_client = requests_total // clients

    def run() -> None:
        with requests.Session() as session:
            for _ in range(per_client):
                response = session.get(url, headers=headers, timeout=10)
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        sys.exit(f"{url}: {len(failures)} failed requests, first: {failures[0]}")
    return per_client * clients / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per endpoint (default 400)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()

    database_url, admin_url = fresh_database(os.environ.get("DATABASE_URL", ""))
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
        endpoints = {
            "/healthz": ({}, f"{base}/healthz"),
            "/team/{id}/roster": (auth, f"{base}/team/{seeded['team_id']}/roster"),
            "/leagues/{id}/summary": (auth, f"{base}/leagues/{seeded['league_id']}/summary"),
        }
        for headers, url in endpoints.values():  # warm up: imports, connections, the cache
            measure(url, headers, requests_total=args.clients * 5, clients=args.clients)
        rates = {
            name: measure(url, headers, requests_total=args.requests, clients=args.clients)
            for name, (headers, url) in endpoints.items()
        }
    finally:
        if server is not None:
            stop(server)
        if seeded is not None:
            from django.core.cache import cache

            cache.delete(f"cache:league:{seeded['league_id']}:week:{WEEK}:summary")
        drop_database(database_url, admin_url)

    print(
        f"API under gunicorn ({args.workers} workers, {args.clients} clients, "
        f"{args.requests} requests each; {NUM_TEAMS}-team demo league)"
    )
    healthz = rates["/healthz"]
    for name, rate in rates.items():
        note = " (Redis-cached)" if name.endswith("summary") else ""
        print(f"  {name:<24} {rate:8.0f} req/s   {rate / healthz:5.2f} x /healthz{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
