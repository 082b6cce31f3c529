"""The full-text index of services and the search generation token, kept in step by triggers
(see coaction/finder/lexical.py). SQLite gets an FTS5 table, PostgreSQL a tsvector table with
a GIN index; other databases get neither and search by meaning alone."""

from django.db import migrations


def install(apps, schema_editor):
    from coaction.finder import lexical

    lexical.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from coaction.finder import lexical

    lexical.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("finder", "0003_area_languages")]
    operations = [migrations.RunPython(install, uninstall)]
