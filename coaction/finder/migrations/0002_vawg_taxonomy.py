from django.db import migrations


def load(apps, schema_editor):
    from coaction.finder import taxonomy

    Taxonomy = apps.get_model("finder", "Taxonomy")
    Term = apps.get_model("finder", "TaxonomyTerm")
    tax, _ = Taxonomy.objects.update_or_create(
        id=taxonomy.TAXONOMY_ID,
        defaults={"name": taxonomy.TAXONOMY_NAME, "description": taxonomy.TAXONOMY_DESCRIPTION},
    )
    for position, (code, facet, name, description) in enumerate(taxonomy.TERMS):
        Term.objects.update_or_create(
            id=f"{taxonomy.TAXONOMY_ID}-{code}",
            defaults={
                "taxonomy": tax,
                "code": code,
                "facet": facet,
                "name": name,
                "description": description,
                "position": position,
            },
        )
    Unit = apps.get_model("finder", "Unit")
    Unit.objects.update_or_create(
        id="bed-space", defaults={"name": "Bed space", "scheme": "coaction", "identifier": "bed-space"}
    )


class Migration(migrations.Migration):
    dependencies = [("finder", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
