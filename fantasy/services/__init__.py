"""Writes of the fantasy app, one module per job.

- `league_week`: the league-week sync (Yahoo into Postgres, only the difference, with events)
  and the projected points insights put on roster slots;
- `prior_season`: last season's stats, the prior of a new season's early weeks;
- `users`: a user's leagues of the current season, synced one by one;
- `schedule`: the NFL schedule (nflverse download, load, daily refresh, first load).
"""
