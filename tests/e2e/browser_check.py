"""`make e2e`: a real headless browser against a throwaway, seeded demo server.

Starts `runserver` on a free 127.0.0.1 port with a fresh SQLite database (the embedded
default: no Postgres, no Redis), seeds the demo league, then with Debian's chromium through
Selenium checks that the admin login page and /api/docs render, logs in as the operator and
opens the demo team's roster in the admin, then follows demo_credentials' one-time sign-in link
to the demo league's weekly report and checks that its charts render (every chart has marks of
non-zero size) with no console error, and that the player search lists the IDP league's free
linebackers with their projections. Stops the server and deletes the database whatever
happens. `--screenshots DIR` also saves the PNGs the README shows.

Not part of `make test`: CI has no browser.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
WAIT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def demo_server(*, every_week_insights: bool = False):
    """(base URL, admin password, API key, one-time sign-in path) of a seeded server that lives
    for the block.

    The check needs only this week's insights; the README's pictures show a played week's
    projections too."""
    workdir = Path(tempfile.mkdtemp(prefix="fe_e2e_"))
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env.update(DATABASE_URL=f"sqlite:///{workdir / 'e2e.sqlite3'}", DJANGO_ENV="development")
    server = None
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", *([] if every_week_insights else ["--insights", "current"]))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        credentials = manage(  # its own key file: the user's demo key stays as it is
            env, "demo_credentials", "--base-url", base, "--key-file", str(workdir / "key")
        )
        password = re.search(r"user admin, password (\S+)", credentials).group(1)
        api_key = re.search(r"API key\s+(fe_\S+)", credentials).group(1)
        sign_in = re.search(r"Sign in\s+\S+?(/auth/once/\S+)", credentials).group(1)
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"{base}/healthz", server)
        yield base, password, api_key, sign_in
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {WAIT_SECONDS}s")


def api_get(base: str, api_key: str, path: str) -> dict:
    request = urllib.request.Request(
        f"{base}{path}", headers={"Authorization": f"Bearer {api_key}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def demo_team(base: str, api_key: str) -> tuple[int, int]:
    """(the demo user's team id, the league's last played week), read through the API."""
    league = api_get(base, api_key, "/leagues")["results"][0]
    teams = api_get(base, api_key, f"/leagues/{league['id']}/teams")["results"]
    return next(t["id"] for t in teams if t["is_mine"]), league["current_week"] - 1


def idp_league_id(base: str, api_key: str) -> int:
    """The demo user's superflex IDP league (the one with a D slot)."""
    leagues = api_get(base, api_key, "/leagues")["results"]
    return next(league["id"] for league in leagues if "IDP" in league["name"])


@contextmanager
def browser():
    profile = tempfile.mkdtemp(prefix="fe_e2e_chromium_")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download a driver or browser
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def check(description: str, condition: bool) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {description}")
    if not condition:
        raise SystemExit(1)


def run(screenshots: Path | None) -> None:
    seeded = demo_server(every_week_insights=screenshots is not None)
    with seeded as (base, password, api_key, sign_in), browser() as driver:
        wait = WebDriverWait(driver, WAIT_SECONDS)

        driver.get(f"{base}/admin/login/")
        wait.until(ec.presence_of_element_located((By.ID, "id_username")))
        check("admin login page renders", "Log in" in driver.title)

        driver.get(f"{base}/api/docs")
        title = wait.until(
            ec.visibility_of_element_located((By.CSS_SELECTOR, ".swagger-ui .info .title"))
        )
        paths = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")]
        check("/api/docs renders Swagger UI", "Fantasy Edge API" in title.text)
        check(
            "/api/docs lists /leagues and /team/{id}/roster",
            {"/leagues", "/team/{id}/roster"} <= set(paths),
        )
        if screenshots:
            driver.save_screenshot(str(screenshots / "api-docs.png"))

        driver.get(f"{base}/admin/login/?next=/admin/")
        driver.find_element(By.ID, "id_username").send_keys("admin")
        driver.find_element(By.ID, "id_password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
        # The login page has a site name too: only the signed-in pages have the logout form.
        wait.until(ec.presence_of_element_located((By.ID, "logout-form")))
        check("the operator logs in to /admin/", driver.current_url.endswith("/admin/"))

        team_id, played_week = demo_team(base, api_key)
        driver.get(
            f"{base}/admin/fantasy/rosterslot/?team__id__exact={team_id}&week__exact={played_week}"
        )
        rows = wait.until(
            ec.presence_of_all_elements_located((By.CSS_SELECTOR, "#result_list tbody tr"))
        )
        check(f"the admin shows the demo team's roster ({len(rows)} slots)", len(rows) >= 15)
        check("the roster rows name the demo team", "Edge Lords" in rows[0].text)
        if screenshots:
            driver.save_screenshot(str(screenshots / "admin-roster.png"))

        driver.get_log("browser")  # start the report's console log empty
        driver.get(f"{base}{sign_in}")
        wait.until(ec.presence_of_element_located((By.ID, "chart-luck")))
        check("the one-time link signs in and opens the report", "report" in driver.title)
        for chart_id, mark in (
            ("chart-points", "polyline"),
            ("chart-odds", "rect"),
            ("chart-luck", "circle"),
        ):
            chart = driver.find_element(By.ID, chart_id)
            marks = chart.find_elements(By.CSS_SELECTOR, mark)
            drawn = [m for m in marks if m.rect["width"] > 0 or m.rect["height"] > 0]
            check(
                f"{chart_id} renders {len(drawn)} {mark}s of non-zero size",
                chart.rect["width"] > 0 and len(drawn) >= 12,
            )
        check(
            "the demo user's team is highlighted",
            bool(driver.find_elements(By.CSS_SELECTOR, "tr.mine")),
        )
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check(f"the report logs no console error {errors or ''}", not errors)
        if screenshots:
            driver.set_window_size(1100, 2400)
            driver.save_screenshot(str(screenshots / "weekly-report.png"))
            driver.set_window_size(1440, 900)

        # The player search, in the same browser session: free linebackers of the IDP league.
        search = f"/players?available_in={idp_league_id(base, api_key)}&position=LB"
        driver.get(f"{base}{search}")
        body = json.loads(wait.until(ec.presence_of_element_located((By.TAG_NAME, "pre"))).text)
        projected = [p for p in body["results"] if float(p["projected_points"] or 0) > 0]
        check(
            f"the player search lists {len(projected)} free linebackers with a projection",
            len(projected) >= 10,
        )
        if screenshots:
            driver.save_screenshot(str(screenshots / "player-search.png"))
    print("e2e: all browser checks passed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, help="save the README's PNGs here")
    arguments = parser.parse_args()
    if arguments.screenshots:
        arguments.screenshots.mkdir(parents=True, exist_ok=True)
    run(arguments.screenshots)
