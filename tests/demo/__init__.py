# The demo league's roster, as the issue asks: QB, 2 RB, 2 WR, TE, W/R/T, K, DEF, 6 BN, IR.
DEMO_ROSTER_COUNTS = [
    ("QB", 1),
    ("WR", 2),
    ("RB", 2),
    ("TE", 1),
    ("W/R/T", 1),
    ("K", 1),
    ("DEF", 1),
    ("BN", 6),
    ("IR", 1),
]
# The second demo league: superflex (Q/W/R/T) and IDP slots (DL, LB, DB and Yahoo's IDP flex D).
IDP_DEMO_ROSTER_COUNTS = [
    ("QB", 1),
    ("WR", 2),
    ("RB", 2),
    ("TE", 1),
    ("W/R/T", 1),
    ("Q/W/R/T", 1),
    ("K", 1),
    ("DL", 2),
    ("LB", 2),
    ("DB", 2),
    ("D", 1),
    ("BN", 6),
    ("IR", 1),
]
