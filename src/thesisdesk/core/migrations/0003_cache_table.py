"""Create the database cache table (CACHE_BACKEND=database, the default).

A shared cache is needed as soon as several processes serve ThesisDesk: LTI launches keep
their state and nonces in the cache between the login initiation and the launch.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
