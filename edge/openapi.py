"""The error shape of edge.api, documented once as the `Error` component for every endpoint."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    return {
        status: OpenApiResponse(ErrorSerializer, description=_ERROR_MEANINGS[status])
        for status in statuses
    }
