"""A local Yahoo, for tests, benchmarks and trying the app without Yahoo: never used to serve.

`builder.py` writes Yahoo-shaped response bodies from a league described in plain Python (the
one builder of Yahoo-shaped league data); `stub.py` serves them, with Yahoo's OAuth, over real
HTTP on 127.0.0.1; `prepared.py` serves league-weeks prepared in Python (the tests' fake client).
"""
