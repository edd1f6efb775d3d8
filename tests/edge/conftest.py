from tests.edge.databases import throwaway_postgres  # noqa: F401  (fixture for tests/edge)
