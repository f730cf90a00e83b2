"""The search indexes, per database (the DDL and why: _search_ddl.py). PostgreSQL-only and SQLite-only
statements are chosen by the connection's vendor."""

from django.db import migrations

from recirc.listings.migrations._search_ddl import CREATE, REMOVE


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("listings", "0001_listings_disclosures_photos_search")]

    operations = [migrations.RunPython(_run(CREATE), _run(REMOVE))]
