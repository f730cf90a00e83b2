"""Reference data: the demo pilot city, Hangzhou, with its GB/T 2260 codes (2021 divisions).

Populations are approximate figures from the 2020 census (seventh national census), rounded and
entered by hand; check them against the official bulletin before quoting them in a report.
Other deployments load their own city with `manage.py load_districts --file districts.csv`.
"""

from django.db import migrations

# (code, name, English name, parent code, approximate 2020 census population)
HANGZHOU = [
    ("330000", "浙江省", "Zhejiang Province", None, 64_570_000),
    ("330100", "杭州市", "Hangzhou", "330000", 11_940_000),
    ("330102", "上城区", "Shangcheng District", "330100", 1_320_000),
    ("330105", "拱墅区", "Gongshu District", "330100", 1_180_000),
    ("330106", "西湖区", "Xihu District", "330100", 1_150_000),
    ("330108", "滨江区", "Binjiang District", "330100", 500_000),
    ("330109", "萧山区", "Xiaoshan District", "330100", 2_010_000),
    ("330110", "余杭区", "Yuhang District", "330100", 1_230_000),
    ("330111", "富阳区", "Fuyang District", "330100", 840_000),
    ("330112", "临安区", "Lin'an District", "330100", 640_000),
    ("330113", "临平区", "Linping District", "330100", 1_170_000),
    ("330114", "钱塘区", "Qiantang District", "330100", 770_000),
    ("330122", "桐庐县", "Tonglu County", "330100", 450_000),
    ("330127", "淳安县", "Chun'an County", "330100", 330_000),
    ("330182", "建德市", "Jiande City", "330100", 440_000),
]


def load(apps, schema_editor):
    District = apps.get_model("operators", "District")
    for code, name, name_en, parent_code, population in HANGZHOU:
        parent = District.objects.get(code=parent_code) if parent_code else None
        District.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "parent": parent, "population": population})


class Migration(migrations.Migration):

    dependencies = [
        ("operators", "0002_registry_rules_and_membership_history"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
