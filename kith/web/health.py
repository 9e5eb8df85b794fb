"""/healthz, for a load balancer: is this Kith able to serve? The database answers and every
migration is applied. Open without signing in, so it says nothing else: "ok", or
"unavailable" with status 503. (The job worker's heartbeat joins it with the job queue.)"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from kith.accounts.policies import PUBLIC, policy


def serving() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return False


@never_cache
@policy(PUBLIC)
def healthz(request: HttpRequest) -> HttpResponse:
    if serving():
        return HttpResponse("ok\n", content_type="text/plain")
    return HttpResponse("unavailable\n", content_type="text/plain", status=503)
