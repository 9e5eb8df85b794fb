"""The address a mark was kept against goes, now that every mark names its record (0003)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("children", "0003_marks_keyed_by_record")]

    operations = [
        # A default, so that going back can give the column back to marks made since.
        migrations.AlterField(
            model_name="chronologymark",
            name="key",
            field=models.CharField(default="", max_length=300),
        ),
        migrations.RemoveField(model_name="chronologymark", name="key"),
    ]
