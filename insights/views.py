"""The weekly report page: plain Django (HTML), outside the API's JSON renderers.

Only a signed-in browser session (the `fe_session` cookie) opens it; API keys are for scripts
and never travel in a URL. A league the user cannot see is a 404, a bad `week` a 400, both as
small HTML pages.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts.authentication import SessionCookieAuthentication
from fantasy.api.serializers import WeekQuerySerializer
from fantasy.models import League
from fantasy.scoping import visible_league_ids
from fantasy.selectors import league_week_bounds, with_my_team
from insights import standings_selectors
from insights.report import league_report, report_render

# No script, no remote anything: the page is inline CSS and SVG.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"


def _page(html: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response["Cache-Control"] = "private, no-store"
    return response


def _error(status: int, title: str, message: str, sign_in: str | None = None) -> HttpResponse:
    context = {"title": title, "message": message, "sign_in": sign_in}
    return _page(render_to_string("insights/report_error.html", context), status)


@require_safe
def league_report_view(request, league_id: str) -> HttpResponse:
    signed_in = SessionCookieAuthentication().authenticate(request)
    if signed_in is None:
        login = f"/auth/yahoo/login?{urlencode({'next': request.get_full_path()})}"
        return _error(401, "Sign in to see the report", "The report is for league members.", login)
    user = signed_in[0]
    leagues = with_my_team(League.objects.filter(id__in=visible_league_ids(user)), user=user)
    league = leagues.filter(pk=int(league_id)).first() if league_id.isdigit() else None
    if league is None:
        return _error(404, "League not found", "No such league among yours.")
    params = WeekQuerySerializer(data=request.GET, context={"bounds": league_week_bounds(league)})
    if not params.is_valid():
        message = "; ".join(str(e) for e in params.errors.get("week", ["Invalid."]))
        return _error(400, "Bad week", f"week: {message}")
    week = params.validated_data.get("week")
    if week is None:
        week = standings_selectors.league_completed_week(league) or league_week_bounds(league)[0]
    report = league_report(league=league, week=week, my_team_id=league.my_team_id)
    return _page(report_render(report))
