"""JSON whatever the client accepts (settings.REST_FRAMEWORK DEFAULT_CONTENT_NEGOTIATION_CLASS).

The API renders only JSON (the browsable API is off: humans have /api/docs), so an
`Accept: text/html` or a `?format=` the view does not offer gets JSON, with its errors in the
one error shape, instead of a 406 or a 404. Views that offer more (the OpenAPI document in JSON
or YAML) still honour what the client asks for.

Kept apart from edge.api: DRF imports this while `rest_framework.views` is still loading.
"""

from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class FirstRendererFallback(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (NotAcceptable, Http404):  # Http404: a `?format=` no renderer has
            return renderers[0], renderers[0].media_type
