"""The operators' admin for the fantasy and insights tables: every page opens for staff with a
number of queries that does not grow with the rows, synced data is read-only, and nobody else
gets in."""

import uuid

import factory.django
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User as AccountsUser
from edge.models import Job
from fantasy.models import EventLog, NflGame
from tests import factories
from tests.edge.test_errors_and_health import assert_error_shape

ADMIN_APPS = ("fantasy", "insights")
FACTORIES = {
    f._meta.model: f
    for f in vars(factories).values()
    if isinstance(f, type) and issubclass(f, factory.django.DjangoModelFactory) and f._meta.model
}
MODELS = [m for label in ADMIN_APPS for m in apps.get_app_config(label).get_models()]
# The change page of a row shows each of its foreign keys as a link (one query each).
CHANGE_PAGE_MAX_QUERIES = 15


def make_rows(model, count: int) -> None:
    make = FACTORIES[model]
    if model is NflGame:  # one game per team and week: give every row its own teams
        make.create_batch(
            count,
            home_team=factory.Sequence(lambda n: f"H{n}"),
            away_team=factory.Sequence(lambda n: f"A{n}"),
        )
    else:
        make.create_batch(count)


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def model_id(model) -> str:
    return model._meta.label


@pytest.fixture
def operator(client):
    user = get_user_model().objects.create_superuser("operator", "ops@example.com", "pw-Ops-123")
    client.force_login(user)
    return client


def test_every_fantasy_and_insights_model_is_registered_with_a_factory():
    assert MODELS
    for model in MODELS:
        assert admin.site.is_registered(model), model
        assert model in FACTORIES, model


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_changelist_opens_with_queries_that_do_not_grow_with_rows(operator, model):
    make_rows(model, 2)
    with CaptureQueriesContext(connection) as few:
        response = operator.get(url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()

    make_rows(model, 5)
    with CaptureQueriesContext(connection) as more:
        response = operator.get(url(model, "changelist"))
    assert response.status_code == 200
    assert len(more) == len(few), [q["sql"] for q in more]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_changelist_search_works(operator, model):
    make_rows(model, 2)
    assert admin.site._registry[model].search_fields

    response = operator.get(url(model, "changelist"), {"q": "42 x"})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_change_page_opens_with_bounded_queries(operator, model):
    obj = FACTORIES[model]()
    with CaptureQueriesContext(connection) as queries:
        response = operator.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    assert len(queries) <= CHANGE_PAGE_MAX_QUERIES, [q["sql"] for q in queries]


@pytest.mark.django_db
def test_synced_data_cannot_be_added_or_edited(operator):
    league = factories.LeagueFactory(name="Misfits")

    assert operator.get(url(league.__class__, "add")).status_code == 403
    response = operator.post(url(league.__class__, "change", league.pk), {"name": "Renamed"})
    assert response.status_code == 403
    league.refresh_from_db()
    assert league.name == "Misfits"


@pytest.mark.django_db
def test_event_log_cannot_be_deleted(operator):
    event = factories.EventLogFactory()

    assert operator.post(url(EventLog, "delete", event.pk), {"post": "yes"}).status_code == 403
    assert EventLog.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_operator_runs_a_job_again_with_its_arguments_and_cannot_edit_it(operator):
    old = Job.objects.create(
        id=uuid.uuid4(),
        kind="insights.tasks.prune_jobs",
        payload={"args": [], "kwargs": {"days": 45}},
        status="failed",
    )
    unknown = factories.JobFactory(kind="no.such.task", status="failed")

    response = operator.post(
        url(Job, "changelist"),
        {"action": "run_again", "_selected_action": [str(old.pk), str(unknown.pk)]},
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert "Queued 1 job(s) again." in messages and "No task named no.such.task." in messages
    again = Job.objects.exclude(pk__in=[old.pk, unknown.pk]).get()
    assert (again.kind, again.payload["kwargs"], again.status) == (
        "insights.tasks.prune_jobs",
        {"days": 45},
        "succeeded",
    )
    assert operator.post(url(Job, "change", old.pk), {"status": "queued"}).status_code == 403


@pytest.mark.django_db
def test_createsuperuser_gives_an_operator_login(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "pw-Operator-123")
    call_command("createsuperuser", interactive=False, username="ops", email="ops@example.com")

    login = client.post("/admin/login/", {"username": "ops", "password": "pw-Operator-123"})
    assert login.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not AccountsUser.objects.exists()  # operators are not product users


@pytest.mark.django_db
def test_non_staff_user_is_sent_to_login(client):
    user = get_user_model().objects.create_user("someone", "someone@example.com", "pw-Some-123")
    client.force_login(user)

    for path in ["/admin/", url(MODELS[0], "changelist")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(url(EventLog, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_the_admin_names_itself_and_tells_operators_from_product_users(operator):
    page = operator.get(reverse("admin:index")).content.decode()

    assert "Fantasy Edge admin" in page and "Django administration" not in page
    assert "Staff operators (admin logins)" in page
    assert "Product users (Yahoo sign-in)" in page and "Product users</a>" in page
    assert 'href="/api/docs"' in page


@pytest.mark.django_db
def test_synced_data_cannot_be_deleted_from_the_admin(operator):
    league = factories.LeagueFactory()
    team = factories.TeamFactory(league=league)
    player = factories.PlayerFactory()

    for row in (league, team, player):
        response = operator.post(url(row.__class__, "delete", row.pk), {"post": "yes"})
        assert response.status_code == 403, row
        assert row.__class__.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_roster_slots_read_in_slot_order_and_filter_by_team(operator):
    team, other = factories.TeamFactory(), factories.TeamFactory()
    shuffled = ["BN1", "IR", "WR1", "QB", "W/R/T", "RB1", "DEF", "K"]
    for slot in shuffled:
        position = slot.rstrip("0123456789")
        factories.RosterSlotFactory(team=team, week=5, slot=slot, position=position)
    factories.RosterSlotFactory(team=other, week=5, slot="QB", position="QB")

    response = operator.get(url(factories.RosterSlotFactory._meta.model, "changelist"),
                            {"team__id__exact": team.pk})  # fmt: skip

    slots = [row.slot for row in response.context["cl"].result_list]
    assert slots == ["QB", "RB1", "WR1", "W/R/T", "K", "DEF", "BN1", "IR"]


@pytest.mark.django_db
def test_league_settings_and_scoring_read_as_tables(operator):
    league = factories.LeagueFactory(
        settings={
            "stat_modifiers": {"4": "0.04", "11": "1"},
            "bonuses": {"4": [{"target": "300", "points": "3"}]},
            "stat_categories": {"4": {"display_name": "Pass Yds"}},
            "waiver_rule": "all",
        }
    )

    page = operator.get(url(league.__class__, "change", league.pk)).content.decode()

    assert "<td>pass_yds</td><td>4</td><td>Pass Yds</td><td>0.04</td><td>3 pts at 300</td>" in page
    assert "<td>rec</td><td>11</td>" in page
    assert "<td>waiver_rule</td><td>&quot;all&quot;</td>" in page
    assert "<td>W/R/T</td><td>1</td><td>yes</td>" in page
    assert "ppr (Yahoo: head)" in page


@pytest.mark.django_db
def test_streamer_subjects_and_event_payloads_are_readable(operator):
    defence = factories.PlayerFactory(full_name="Chicago Bears", position_primary="DEF")
    factories.StreamerSignalFactory(kind="def", subject_id=defence.pk)
    event = factories.EventLogFactory(
        type="injury",
        week=5,
        payload={"player_name": "Travis Kelce", "old_status": None, "new_status": "O"},
    )

    streamers = operator.get(url(factories.StreamerSignalFactory._meta.model, "changelist"))
    events = operator.get(url(EventLog, "changelist")).content.decode()
    detail = operator.get(url(EventLog, "change", event.pk)).content.decode()

    assert f"Chicago Bears (player {defence.pk})" in streamers.content.decode()
    assert "Travis Kelce is now out (was healthy) in week 5." in events
    assert '<div class="readonly"><pre>{\n  &quot;' in detail  # indented JSON, not a dict's repr
    assert "&quot;player_name&quot;: &quot;Travis Kelce&quot;" in detail


@pytest.fixture
def operator_login(settings):
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_superuser("ops", "ops@example.com", "pw-Operator-123")

    def attempt(client, username="ops", password="wrong", ip="198.51.100.1"):
        return client.post(
            "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
        )

    return attempt


@pytest.mark.django_db
def test_repeated_admin_login_failures_lock_out_the_client(client, operator_login):
    for _ in range(2):
        assert operator_login(client).status_code == 200  # the form again, with its error

    locked = operator_login(client)  # the third failure locks out
    assert_error_shape(locked, 429, "locked_out")
    assert int(locked["Retry-After"]) == 15 * 60
    # Even the right password is refused now, and no password is checked.
    assert_error_shape(operator_login(client, password="pw-Operator-123"), 429, "locked_out")
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_username_is_locked_out_whatever_the_ip(client, operator_login):
    for n in range(3):
        operator_login(client, ip=f"203.0.113.{n}")
    fresh_ip = operator_login(client, password="pw-Operator-123", ip="192.0.2.77")
    assert_error_shape(fresh_ip, 429, "locked_out")


@pytest.mark.django_db
def test_an_ip_is_locked_out_whatever_the_username(client, operator_login):
    for n in range(3):
        operator_login(client, username=f"guess{n}")
    assert_error_shape(operator_login(client, password="pw-Operator-123"), 429, "locked_out")
    # Another client still signs in.
    assert operator_login(client, password="pw-Operator-123", ip="192.0.2.5").status_code == 302
