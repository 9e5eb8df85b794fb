"""How bin/serve runs Kith under gunicorn, read from the environment (docs/configuration.md).

gunicorn reads this file itself (it is in the folder it starts in). Kith logs every request
itself, as one JSON line without the query string (kith/web/logs.py), so gunicorn's own access
log, which would hold what was typed into "Find a person", stays off."""

import os

from kith.lib.env import env_int, env_str

bind = env_str("KITH_BIND", "127.0.0.1:8000")
workers = env_int("KITH_WORKERS", 2 * (os.cpu_count() or 1) + 1, minimum=1)
threads = env_int("KITH_THREADS", 4, minimum=1)
timeout = env_int("KITH_TIMEOUT_SECONDS", 60, minimum=5)  # a worker silent this long is restarted
graceful_timeout = 30  # on a restart, pages being answered get this long to finish
keepalive = 5
max_requests = 10000  # each worker is renewed now and then, so no slow leak grows for days
max_requests_jitter = 1000
# Kith is loaded once, before the workers start: a renewed worker is a fork, ready at once,
# rather than a second of loading Django while the pages sent to it wait (measured under load:
# the slowest 1% of pages, and a connection reset, came from renewals). No database connection
# is opened while loading, so none is shared between workers.
preload_app = True
accesslog = None
errorlog = "-"
wsgi_app = "kith.wsgi:application"
