"""Serial-number formats per brand (observed formats; kept as data, editable in the admin) and the queue
cursor row. A format is only a signal: a serial that fits none of its brand's formats is a counterfeit
indicator for market supervision to look at, never a finding on its own."""

from django.db import migrations

# (canonical brand, category code or "", pattern (whole serial, upper case, no dashes), description zh, en, example)
SERIAL_FORMATS = [
    ("Apple", "", r"[A-Z0-9]{10,12}", "苹果序列号：2021 年起为 10 位随机字符，此前为 11 或 12 位",
     "Apple serial: 10 random characters since 2021, 11 or 12 before", "C39ZK3ABN72J"),
    ("Samsung", "mobile-phones", r"R[A-Z0-9]{10}", "三星手机序列号：以 R 开头的 11 位字符",
     "Samsung phone serial: 11 characters starting with R", "R58N12ABCDE"),
    ("Samsung", "tablets", r"R[A-Z0-9]{10}", "三星平板序列号：以 R 开头的 11 位字符",
     "Samsung tablet serial: 11 characters starting with R", "R52R30ABCDE"),
    ("Huawei", "mobile-phones", r"[A-Z0-9]{16}", "华为手机序列号：16 位字母数字",
     "Huawei phone serial: 16 letters and digits", "8KE7N18A28001234"),
    ("Dell", "laptops", r"[A-Z0-9]{7}", "戴尔服务标签：7 位字母数字", "Dell service tag: 7 letters and digits",
     "7GH4XK2"),
    ("Dell", "desktop-computers", r"[A-Z0-9]{7}", "戴尔服务标签：7 位字母数字",
     "Dell service tag: 7 letters and digits", "5KJ2LM3"),
    ("Lenovo", "laptops", r"[A-Z0-9]{8}", "联想笔记本序列号：8 位字母数字", "Lenovo notebook serial: 8 letters and digits",
     "PF2ABCDE"),
    ("HP", "laptops", r"[A-Z0-9]{10}", "惠普序列号：10 位字母数字", "HP serial: 10 letters and digits", "5CD1234XYZ"),
    ("Louis Vuitton", "luxury-bags-watches", r"[A-Z]{2}[0-9]{4}",
     "路易威登日期码：2 位字母加 4 位数字（2021 年起改用芯片，无日期码不算异常）",
     "Louis Vuitton date code: 2 letters and 4 digits (chips since 2021: a missing code is not a finding)", "SD1098"),
    ("Rolex", "luxury-bags-watches", r"[A-Z0-9]{8}", "劳力士表壳序列号：8 位字母数字",
     "Rolex case serial: 8 letters and digits", "3W1X8Z24"),
]


def load(apps, schema_editor):
    SerialFormat = apps.get_model("inspection", "SerialFormat")
    QueueCursor = apps.get_model("inspection", "QueueCursor")
    for brand, category_code, pattern, description, description_en, example in SERIAL_FORMATS:
        SerialFormat.objects.update_or_create(brand=brand, category_code=category_code, pattern=pattern, defaults={
            "description": description, "description_en": description_en, "example": example})
    QueueCursor.objects.get_or_create(name="passports")


def unload(apps, schema_editor):
    SerialFormat = apps.get_model("inspection", "SerialFormat")
    for brand, category_code, pattern, *_rest in SERIAL_FORMATS:
        SerialFormat.objects.filter(brand=brand, category_code=category_code, pattern=pattern).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("inspection", "0001_inspections_reports_referrals"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
