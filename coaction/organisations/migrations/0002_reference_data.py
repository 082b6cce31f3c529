from django.db import migrations


def load(apps, schema_editor):
    from coaction.organisations import reference

    Language = apps.get_model("organisations", "Language")
    Specialism = apps.get_model("organisations", "Specialism")
    Community = apps.get_model("organisations", "Community")
    Criterion = apps.get_model("organisations", "ByAndForCriterion")
    for code, name, native in reference.LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "native_name": native})
    for code, name in reference.SPECIALISMS:
        Specialism.objects.update_or_create(code=code, defaults={"name": name})
    for code, name in reference.COMMUNITIES:
        Community.objects.update_or_create(code=code, defaults={"name": name})
    for position, (code, text, required) in enumerate(reference.BY_AND_FOR_CRITERIA):
        Criterion.objects.update_or_create(
            code=code, defaults={"text": text, "required": required, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
