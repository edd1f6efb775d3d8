"""A local Yahoo, for tests, benchmarks and trying the app without Yahoo: never used to serve.

`builder.py` writes Yahoo-shaped response bodies from a league described in plain Python (the
one builder of Yahoo-shaped league data); `parsed.py` reads them with the real client and
parsers, no network (the parsed league-weeks of tests and benchmarks); `stub.py` serves them,
with Yahoo's OAuth, over real HTTP on 127.0.0.1; `prepared.py` serves parsed league-weeks (the
tests' one fake client).
"""
