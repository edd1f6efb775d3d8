"""The error shape of edge.api, documented once as the `Error` component for every endpoint,
and the errors every operation can meet whatever its view (added by a postprocessing hook)."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.response import Response


class _ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine code, e.g. `not_found`, `invalid`.")
    message = serializers.CharField(help_text="Human-readable; for 400s it names the parameter.")
    details = serializers.DictField(help_text="Per-field messages for validation errors.")

    class Meta:
        ref_name = "ErrorBody"


class ErrorSerializer(serializers.Serializer):
    error = _ErrorBodySerializer()

    class Meta:
        ref_name = "Error"


_ERROR_MEANINGS = {
    400: "Invalid parameter (the message names it).",
    401: "Not signed in: no valid `fe_session` cookie or API key.",
    403: "Cookie-authenticated write without a matching Origin/CSRF token, or an API key "
    "where only a signed-in session may act (managing API keys).",
    404: "No such object, one the user may not see, or a page past the end of a list.",
    409: "Conflicts with another account's data (the message says which).",
    414: "Request line over gunicorn's limit (`limit_request_line`, 4094 bytes): answered by "
    "the server in front of the app, as plain text.",
    415: "The body is not JSON: the API reads `Content-Type: application/json` only.",
    429: "Rate limited: wait the `Retry-After` seconds (README, Rate limits).",
    503: "An upstream service (Sleeper, Yahoo) is unavailable or rate limiting; try again later.",
}
# Added to every operation by `document_shared_errors`.
_EVERY_OPERATION = (414, 429)
_WITH_A_BODY = (415,)
_RETRY_AFTER = {
    "description": "Seconds until the next request may be accepted.",
    "schema": {"type": "integer", "minimum": 1},
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    return {
        status: OpenApiResponse(ErrorSerializer, description=_ERROR_MEANINGS[status])
        for status in statuses
    }


def document_shared_errors(result, generator, request, public):
    """SPECTACULAR_SETTINGS POSTPROCESSING_HOOKS: the 414 and 429 any operation may answer, and
    the 415 of any operation that takes a body."""
    error = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            statuses = _EVERY_OPERATION + (_WITH_A_BODY if "requestBody" in operation else ())
            for status in statuses:
                content = (
                    {"text/plain": {"schema": {"type": "string"}}}
                    if status == 414
                    else {"application/json": {"schema": error}}
                )
                response = {"description": _ERROR_MEANINGS[status], "content": content}
                if status == 429:
                    response["headers"] = {"Retry-After": _RETRY_AFTER}
                operation["responses"].setdefault(str(status), response)
    return result


class SchemaView(SpectacularAPIView):
    """`/api/schema`: the document depends on the code, not on the request, so each process
    generates it once (per supported `?lang=`) instead of on every request."""

    _documents: dict[str, tuple[dict, dict]] = {}

    def _get_schema_response(self, request):
        language = translation.get_language()
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        if language not in self._documents:
            generated = super()._get_schema_response(request)
            disposition = {"Content-Disposition": generated["Content-Disposition"]}
            self._documents[language] = (generated.data, disposition)
        document, headers = self._documents[language]
        return Response(data=document, headers=headers)
