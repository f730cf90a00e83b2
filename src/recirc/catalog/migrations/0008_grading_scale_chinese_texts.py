"""Give the reference grading scales their Simplified Chinese standard names and descriptions (scale and
grades), frozen in `_reference_zh.py`. A Chinese text is filled only beside the English text it translates
and only where no Chinese text is set yet, so texts an administrator rewrote or translated are left alone.
Every version of a scale is covered (a later version published with the same English gets the Chinese too).
Reversible: the texts this migration writes are removed again."""

from django.db import migrations

from recirc.catalog.migrations import _reference_zh as reference


def _filled_grades(grades, texts):
    changed, result = False, []
    for grade in grades or []:
        english, chinese = texts.get(str(grade.get("code")), ("", ""))
        if chinese and grade.get("description") == english and not grade.get("description_zh"):
            grade, changed = {**grade, "description_zh": chinese}, True
        result.append(grade)
    return result, changed


def _emptied_grades(grades, texts):
    changed, result = False, []
    for grade in grades or []:
        chinese = texts.get(str(grade.get("code")), ("", ""))[1]
        if chinese and grade.get("description_zh") == chinese:
            grade, changed = {key: value for key, value in grade.items() if key != "description_zh"}, True
        result.append(grade)
    return result, changed


def _fill(scale, code):
    english, chinese, grade_texts = reference.SCALES[code]
    standard_en, standard_zh = reference.STANDARDS[code]
    scale.grades, changed = _filled_grades(scale.grades, grade_texts)
    if scale.description == english and not scale.description_zh:
        scale.description_zh, changed = chinese, True
    if scale.standard == standard_en and not scale.standard_zh:
        scale.standard_zh, changed = standard_zh, True
    return changed


def _empty(scale, code):
    chinese, grade_texts = reference.SCALES[code][1:]
    scale.grades, changed = _emptied_grades(scale.grades, grade_texts)
    if scale.description_zh == chinese:
        scale.description_zh, changed = "", True
    if scale.standard_zh == reference.STANDARDS[code][1]:
        scale.standard_zh, changed = "", True
    return changed


def _apply(apps, change):
    GradingScale = apps.get_model("catalog", "GradingScale")
    for scale in GradingScale.objects.filter(code__in=list(reference.SCALES)).order_by("code", "version"):
        if change(scale, scale.code):
            scale.save(update_fields=["standard_zh", "description_zh", "grades"])


def load(apps, schema_editor):
    _apply(apps, _fill)


def unload(apps, schema_editor):
    _apply(apps, _empty)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0007_grading_scale_chinese_fields"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
