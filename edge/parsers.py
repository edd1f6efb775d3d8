"""Request parsers shared by every API view (settings.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

Kept apart from edge.api: DRF imports the parsers while `rest_framework.views` is still loading,
and edge.api imports `rest_framework.views`.
"""

import json

from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's parser, where JSON nested deeper than Python recurses, or holding an unpaired
    surrogate escape (no response or table can encode it back), is a 400 like any malformed
    body instead of a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            json.dumps(data, ensure_ascii=False).encode()
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from None
        except UnicodeEncodeError:
            raise exceptions.ParseError("JSON parse error - unpaired surrogate.") from None
        return data
