"""The demo league: a simulated season served as Yahoo would, seeded through the real pipeline.

constants.py (the league's fixed facts), simulator.py (the season), yahoo_view.py (its Yahoo
shapes), client.py (the stand-in `YahooClient`), seeding.py (seed and reset); the commands
`seed_demo` and `demo_credentials` are insights' management commands. It sits in insights,
the top layer, because it drives the whole pipeline.
"""
