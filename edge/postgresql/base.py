"""Django's PostgreSQL backend (settings: ENGINE `edge.postgresql`), with a cheaper health check.

With persistent connections, CONN_HEALTH_CHECKS makes Django check a connection before the
first query of each request, so a connection the server closed (a restart, an idle timeout, a
terminated backend) is replaced instead of failing that request. Django checks with a
`SELECT 1`: a round trip on every request. A connection the server closed has something to
read on its socket (the end of the stream, or the termination notice before it), and a healthy
idle one has nothing: so the socket is polled first, and `SELECT 1` runs only when there is
something to read or the connection is not idle, where it tells for sure.
"""

import select

from django.db.backends.postgresql import base as postgresql
from psycopg.pq import TransactionStatus


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        readable, _, _ = select.select([connection.fileno()], [], [], 0)
        return super().is_usable() if readable else True
