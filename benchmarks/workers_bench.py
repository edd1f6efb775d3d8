"""Background sync with real workers, for `make bench`.

Two `celery -A edge worker` processes sync league-weeks for a few Yahoo accounts against a local
HTTP stub (fantasy/yahoo/local/stub.py) that serves Yahoo-shaped bodies, with YAHOO_API_URL
pointed at it. Prints league-weeks synced per minute and, per account, the most Yahoo calls the
stub saw in any 4-second window, which must not exceed 4 * YAHOO_REQUESTS_PER_SECOND + burst:
the token bucket in Redis is shared by both workers.

Needs Postgres and Redis: DATABASE_URL (the benchmark uses its own database, `<name>_workers_bench`,
created and flushed here) and REDIS_URL (cache, token bucket and, unless CELERY_BROKER_URL is
set, broker). Tasks of one account are queued back to back so both workers pace the same account.
"""

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_database import bench_database  # noqa: E402

WINDOW_SECONDS = 4.0
POLL_SECONDS = 0.5


def max_calls_in_window(times: list[float], window: float = WINDOW_SECONDS) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def seed(*, accounts: int, leagues_per_account: int):
    """Accounts with encrypted tokens, each managing its own leagues; the builder's specs."""
    from django.utils import timezone

    from accounts.crypto import token_cipher
    from accounts.models import User, YahooAccount
    from fantasy.models import League, Team
    from fantasy.yahoo.local.builder import make_league

    cipher = token_cipher()
    specs, account_of_token, league_ids_by_account = [], {}, []
    for n in range(accounts):
        user = User.objects.create(yahoo_guid=f"BENCHGUID{n:04d}", display_name=f"Bench {n}")
        token = f"bench-access-token-{n}"
        account = YahooAccount.objects.create(
            user=user,
            yahoo_guid=user.yahoo_guid,
            access_token_enc=cipher.encrypt(token),
            refresh_token_enc=cipher.encrypt(f"bench-refresh-token-{n}"),
            access_expires_at=timezone.now() + dt.timedelta(days=1),
        )
        account_of_token[token] = account.pk
        league_ids = []
        for m in range(leagues_per_account):
            spec = make_league(league_id=700_000 + n * 100 + m, week=5)
            spec.teams[0].manager_guid = user.yahoo_guid  # the sync keeps the team this user's
            league = League.objects.create(
                yahoo_league_id=spec.key,
                game_key=spec.game_key,
                season=spec.season,
                name=f"Bench league {n}.{m}",
                scoring_type=spec.scoring_type,
                current_week=spec.week,
            )
            Team.objects.create(
                league=league,
                yahoo_team_key=spec.team_key(spec.teams[0]),
                name=spec.teams[0].name,
                manager_user=user,
            )
            specs.append(spec)
            league_ids.append(league.pk)
        league_ids_by_account.append(league_ids)
    return specs, account_of_token, league_ids_by_account


def start_workers(count: int, env: dict[str, str], log_dir: Path) -> list[subprocess.Popen]:
    workers = []
    for n in range(count):
        log = (log_dir / f"worker{n}.log").open("w")
        command = [
            sys.executable, "-m", "celery", "-A", "edge", "worker", "--pool", "solo",
            "--loglevel", "INFO", "--without-gossip", "--without-mingle",
            "--hostname", f"bench{n}@%h",
        ]  # fmt: skip
        workers.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )
    return workers


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def wait_for_jobs(expected_syncs: int, timeout: float) -> bool:
    """Poll the jobs table until every sync (and what it chained) has finished."""
    from edge.models import Job

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        syncs_done = Job.objects.filter(
            kind="fantasy.tasks.sync_league_week", status__in=["succeeded", "failed"]
        ).count()
        unfinished = Job.objects.exclude(status__in=["succeeded", "failed"]).exists()
        if syncs_done >= expected_syncs and not unfinished:
            return True
        time.sleep(POLL_SECONDS)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--accounts", type=int, default=2)
    parser.add_argument("--leagues-per-account", type=int, default=2)
    parser.add_argument("--weeks", type=int, nargs="+", default=[4, 5])
    parser.add_argument("--timeout", type=float, default=300)
    options = parser.parse_args()

    if not os.environ.get("REDIS_URL"):
        sys.exit("workers_bench needs REDIS_URL (the broker and the shared token bucket)")
    os.environ["DATABASE_URL"], _ = bench_database(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fantasy_edge"),
        "workers_bench",
        fresh=False,
        why=" (real workers share the database)",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edge.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from edge.celery import app as celery_app
    from edge.models import Job, JobRun
    from fantasy.yahoo.local.stub import YahooStub
    from fantasy.yahoo.pacing import DEFAULT_BURST
    from insights.tasks import sync_league_week

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    specs, account_of_token, league_ids_by_account = seed(
        accounts=options.accounts, leagues_per_account=options.leagues_per_account
    )
    stub = YahooStub(specs)
    stub.access_tokens.update(dict.fromkeys(account_of_token, stub.guid))
    stub.start()
    env = {
        **os.environ,
        "YAHOO_API_URL": stub.api_url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    celery_app.control.purge()
    # One account's league-weeks back to back: both workers pull from the same account at once.
    expected = 0
    for league_ids in league_ids_by_account:
        for league_id in league_ids:
            for week in options.weeks:
                sync_league_week.delay(league_id, week)
                expected += 1

    log_dir = Path(tempfile.mkdtemp(prefix="workers_bench_"))
    workers = start_workers(options.workers, env, log_dir)
    try:
        finished = wait_for_jobs(expected, options.timeout)
    finally:
        stop_workers(workers)
        stub.stop()

    runs = JobRun.objects.filter(job__kind="fantasy.tasks.sync_league_week")
    succeeded = Job.objects.filter(kind="fantasy.tasks.sync_league_week", status="succeeded")
    first_start = min(run.started_at for run in runs) if runs else None
    last_finish = max((run.finished_at for run in runs if run.finished_at), default=None)
    rate = float(settings.YAHOO_REQUESTS_PER_SECOND)
    bound = WINDOW_SECONDS * rate + DEFAULT_BURST
    calls = defaultdict(list)  # account id -> when it called
    for call in stub.calls:
        calls[account_of_token.get(call.token, -1)].append(call.at)
    worst = max((max_calls_in_window(times) for times in calls.values()), default=0)
    total_calls = len(stub.calls)

    print(f"workers: {options.workers}, accounts: {options.accounts}, YAHOO_REQUESTS_PER_SECOND "
          f"{rate:g} (burst {DEFAULT_BURST}); logs in {log_dir}")  # fmt: skip
    if not finished:
        print(f"TIMEOUT after {options.timeout:.0f}s: {succeeded.count()}/{expected} synced")
    elif first_start and last_finish:
        minutes = (last_finish - first_start).total_seconds() / 60
        print(
            f"league-weeks synced: {succeeded.count()}/{expected} in {minutes * 60:.1f}s "
            f"= {succeeded.count() / minutes:.1f} per minute ({total_calls} Yahoo calls)"
        )
    for account, times in sorted(calls.items()):
        print(f"  account {account}: {len(times)} calls, max {max_calls_in_window(times)} in 4s")
    print(f"max Yahoo calls for one account in any 4s window: {worst} (limit {bound:g})")
    failed = Job.objects.filter(status="failed")
    for job in failed:
        print(f"FAILED {job.kind} {job.payload}: {job.runs.order_by('-id').first().message}")
    ok = finished and worst <= bound and not failed.exists() and succeeded.count() == expected
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
