"""/healthz, for a load balancer and for monitoring: is this Kith able to serve? The database
answers, every migration is applied, and a job worker has been seen in the last minute (unless
jobs run at once, as in the tests). Open without signing in, so it says nothing else: "ok", or
"unavailable" with status 503."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from kith.accounts.policies import PUBLIC, policy
from kith.jobs.watchdog import a_worker_is_alive

_migrated = False  # once every migration is applied, this process's code stays that way


def serving() -> bool:
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrated:  # reading the migrations takes longer than answering a page
            executor = MigrationExecutor(connection)
            _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        return _migrated and (settings.KITH_JOBS_AT_ONCE or a_worker_is_alive())
    except DatabaseError:
        return False


@never_cache
@policy(PUBLIC)
def healthz(request: HttpRequest) -> HttpResponse:
    if serving():
        return HttpResponse("ok\n", content_type="text/plain")
    return HttpResponse("unavailable\n", content_type="text/plain", status=503)
