"""Load the internal grading scale and version 1 of the grading checklists (phones, clothing, furniture,
luxury goods): present on every database. The data is frozen in `_checklists_v1.py`."""

import datetime as dt

from django.db import migrations

from recirc.catalog.migrations import _checklists_v1 as reference


def load(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    GradingScale = apps.get_model("catalog", "GradingScale")
    GradingChecklist = apps.get_model("catalog", "GradingChecklist")
    spec = reference.INTERNAL_SCALE
    scale, _ = GradingScale.objects.update_or_create(code=spec["code"], version=1, defaults={
        "category": None, "name": spec["name"], "name_en": spec["name_en"], "standard": spec["standard"],
        "description": spec["description"], "grades": spec["grades"],
        "effective_from": dt.date.fromisoformat(spec["effective_from"])})
    effective_from = dt.date.fromisoformat(reference.EFFECTIVE_FROM)
    for code, category, name, name_en, items, rules, mappings in reference.CHECKLISTS:
        GradingChecklist.objects.update_or_create(code=code, version=1, defaults={
            "category": Category.objects.get(code=category), "name": name, "name_en": name_en, "scale": scale,
            "items": items, "rules": rules, "mappings": mappings, "effective_from": effective_from})


def unload(apps, schema_editor):
    GradingScale = apps.get_model("catalog", "GradingScale")
    GradingChecklist = apps.get_model("catalog", "GradingChecklist")
    GradingChecklist.objects.filter(code__in=[row[0] for row in reference.CHECKLISTS], version=1).delete()
    GradingScale.objects.filter(code=reference.INTERNAL_SCALE["code"], version=1).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0005_grading_checklists"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
