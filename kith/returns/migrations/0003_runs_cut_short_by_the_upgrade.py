"""Runs still marked as being made when jobs came: they were made in a thread of a web server
process the upgrade stopped, so they will never finish. Say so, as the old pages did."""

from django.db import migrations
from django.utils import timezone

STOPPED = (
    "Making the file stopped before it finished, probably because the server was restarted. "
    "Make it again."
)


def mark_failed(apps, schema_editor):
    ReturnRun = apps.get_model("returns", "ReturnRun")
    ReturnRun.objects.filter(status="running").update(
        status="failed", problem=STOPPED, finished_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [("returns", "0002_run_heartbeat")]

    operations = [migrations.RunPython(mark_failed, migrations.RunPython.noop)]
