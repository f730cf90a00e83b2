"""Load reference data version 1 (categories, grading scales, carbon factors): present on every database."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

from recirc.catalog.migrations import _reference_v1 as reference


def load(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    GradingScale = apps.get_model("catalog", "GradingScale")
    CarbonFactor = apps.get_model("catalog", "CarbonFactor")
    by_code = {}
    for code, name, name_en, parent, schema, storage, identifier, risk, sort in reference.CATEGORIES:
        by_code[code], _ = Category.objects.update_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "parent": by_code.get(parent) if parent else None,
            "attribute_schema": schema, "has_storage": storage, "requires_hardware_identifier": identifier,
            "high_risk": risk, "sort_order": sort, "is_active": True})
    for code, category, name, name_en, standard, effective, description, grades in reference.GRADING_SCALES:
        GradingScale.objects.update_or_create(code=code, version=1, defaults={
            "category": by_code.get(category) if category else None, "name": name, "name_en": name_en,
            "standard": standard, "description": description, "grades": grades,
            "effective_from": dt.date.fromisoformat(effective)})
    valid_from = dt.date.fromisoformat(reference.CARBON_VALID_FROM)
    for code, factor, estimate, source in reference.CARBON_FACTORS:
        CarbonFactor.objects.update_or_create(category=by_code[code], valid_from=valid_from, defaults={
            "kg_co2e_per_item": Decimal(factor), "is_estimate": estimate, "source": source})


def unload(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    GradingScale = apps.get_model("catalog", "GradingScale")
    CarbonFactor = apps.get_model("catalog", "CarbonFactor")
    codes = [row[0] for row in reference.CATEGORIES]
    CarbonFactor.objects.filter(category__code__in=codes, valid_from=reference.CARBON_VALID_FROM).delete()
    GradingScale.objects.filter(code__in=[row[0] for row in reference.GRADING_SCALES], version=1).delete()
    for code in reversed(codes):  # children first
        Category.objects.filter(code=code).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_grading_scale_description_and_carbon_estimates"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
