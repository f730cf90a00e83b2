"""Reference data, version 1: the category tree, grading scales and carbon factors every deployment starts with.

Frozen on purpose: migration 0003 loads exactly this. Later changes are new migrations (or admin edits,
which are audited), never edits of this file. The module name starts with "_" so that Django's migration
loader does not take it for a migration.
"""

from __future__ import annotations

from typing import Any


def text(key: str, label: str, label_en: str, *, required: bool = False, max_length: int = 200,
         public: bool = True) -> dict[str, Any]:
    return {"key": key, "type": "text", "label": label, "label_en": label_en, "required": required,
            "max_length": max_length, "public": public}


def integer(key: str, label: str, label_en: str, *, minimum: int, maximum: int, unit: str = "",
            required: bool = False) -> dict[str, Any]:
    return {"key": key, "type": "integer", "label": label, "label_en": label_en, "required": required,
            "min": minimum, "max": maximum, "unit": unit, "public": True}


def choice(key: str, label: str, label_en: str, choices: list[tuple[str, str, str]], *,
           required: bool = False, unit: str = "") -> dict[str, Any]:
    return {"key": key, "type": "choice", "label": label, "label_en": label_en, "required": required,
            "choices": [{"value": value, "label": zh, "label_en": en} for value, zh, en in choices],
            "unit": unit, "public": True}


def boolean(key: str, label: str, label_en: str, *, required: bool = False) -> dict[str, Any]:
    return {"key": key, "type": "boolean", "label": label, "label_en": label_en, "required": required,
            "public": True}


BRAND = text("brand", "品牌", "Brand", required=True, max_length=60)
MODEL = text("model", "型号", "Model", required=True, max_length=80)
COLOUR = text("colour", "颜色", "Colour", max_length=40)
STORAGE = choice("storage_gb", "存储容量", "Storage", [
    (value, label, label) for value, label in (("16", "16 GB"), ("32", "32 GB"), ("64", "64 GB"),
                                               ("128", "128 GB"), ("256", "256 GB"), ("512", "512 GB"),
                                               ("1024", "1 TB"), ("2048", "2 TB"), ("4096", "4 TB"))
], required=True, unit="GB")
RAM = choice("ram_gb", "内存", "Memory (RAM)", [
    (value, f"{value} GB", f"{value} GB") for value in ("2", "4", "6", "8", "12", "16", "24", "32", "64", "128")
], unit="GB")
LICENCE = text("network_access_licence", "进网许可证号", "Network-access licence number", max_length=20)
BATTERY = integer("battery_health_percent", "电池健康度", "Battery health", minimum=0, maximum=100, unit="%")

PHONE_SCHEMA = [BRAND, MODEL, STORAGE, COLOUR, LICENCE, BATTERY]
TABLET_SCHEMA = [BRAND, MODEL, STORAGE, COLOUR, LICENCE, BATTERY]
LAPTOP_SCHEMA = [BRAND, MODEL, STORAGE, RAM, COLOUR,
                 text("processor", "处理器", "Processor", max_length=80), BATTERY]
DESKTOP_SCHEMA = [BRAND, MODEL, STORAGE, RAM, text("processor", "处理器", "Processor", max_length=80)]

CLOTHING_SCHEMA = [
    text("brand", "品牌", "Brand", max_length=60),
    choice("size", "尺码", "Size", [("XS", "XS", "XS"), ("S", "S", "S"), ("M", "M", "M"), ("L", "L", "L"),
                                   ("XL", "XL", "XL"), ("XXL", "XXL", "XXL"), ("XXXL", "XXXL", "XXXL"),
                                   ("one-size", "均码", "One size"), ("children", "童装尺码", "Children's size")],
           required=True),
    choice("gender", "适用性别", "For", [("women", "女装", "Women"), ("men", "男装", "Men"),
                                       ("unisex", "男女通用", "Unisex"), ("children", "儿童", "Children")]),
    text("material", "面料成分", "Material", max_length=120),
    choice("season", "季节", "Season", [("spring-autumn", "春秋", "Spring and autumn"), ("summer", "夏季", "Summer"),
                                      ("winter", "冬季", "Winter"), ("all-season", "四季", "All seasons")]),
    boolean("washed", "已清洗消毒", "Washed and disinfected", required=True),
]

FURNITURE_SCHEMA = [
    text("material", "材质", "Material", required=True, max_length=120),
    integer("width_cm", "宽", "Width", minimum=1, maximum=1000, unit="cm"),
    integer("depth_cm", "深", "Depth", minimum=1, maximum=1000, unit="cm"),
    integer("height_cm", "高", "Height", minimum=1, maximum=1000, unit="cm"),
    text("style", "风格", "Style", max_length=60),
    boolean("assembly_required", "需要组装", "Assembly required"),
]

APPLIANCE_SCHEMA = [
    BRAND, MODEL,
    # China Energy Label grades (GB 21258 family of energy-efficiency standards): 1 is the most efficient.
    choice("energy_class", "能效等级", "Energy class", [(str(grade), f"{grade}级", f"Grade {grade}")
                                                     for grade in range(1, 6)]),
    integer("power_w", "额定功率", "Rated power", minimum=0, maximum=100000, unit="W"),
]

BICYCLE_SCHEMA = [
    text("brand", "品牌", "Brand", required=True, max_length=60),
    text("frame_size", "车架尺寸", "Frame size", max_length=20),
    choice("type", "类型", "Type", [("city", "城市车", "City"), ("road", "公路车", "Road"),
                                   ("mountain", "山地车", "Mountain"), ("folding", "折叠车", "Folding"),
                                   ("children", "儿童车", "Children's"), ("cargo", "载货车", "Cargo")],
           required=True),
    boolean("e_bike", "电动助力", "Electric (e-bike)", required=True),
    # The frame number identifies one bicycle: kept off the public passport.
    text("frame_number", "车架号", "Frame number", max_length=40, public=False),
]

BOOK_SCHEMA = [
    text("isbn", "ISBN", "ISBN", max_length=17),  # checked against ISBN-10/13 by a later rule
    text("title", "书名", "Title", required=True, max_length=200),
    text("author", "作者", "Author", max_length=120),
    text("publisher", "出版社", "Publisher", max_length=120),
]

LUXURY_SCHEMA = [
    BRAND,
    text("model", "型号/款式", "Model or style", max_length=80),
    choice("item_type", "品类", "Kind", [("bag", "箱包", "Bag"), ("watch", "手表", "Watch"),
                                      ("small-leather", "皮具配件", "Small leather goods")], required=True),
    # Serial numbers are what counterfeiters copy: kept off the public passport.
    text("serial", "序列号/编码", "Serial or date code", max_length=40, public=False),
    text("material", "材质", "Material", max_length=120),
    boolean("has_box_and_papers", "附盒及证书", "Box and papers included"),
]

BABY_SCHEMA = [
    choice("type", "类型", "Type", [("stroller", "婴儿推车", "Stroller"), ("car-seat", "儿童安全座椅", "Car seat"),
                                   ("crib", "婴儿床", "Crib"), ("high-chair", "餐椅", "High chair"),
                                   ("carrier", "背带", "Carrier"), ("toy", "玩具", "Toy"),
                                   ("clothing", "童装", "Clothing"), ("other", "其他", "Other")], required=True),
    text("brand", "品牌", "Brand", max_length=60),
    text("age_range", "适用年龄", "Age range", max_length=40),
    # e.g. GB 14748 (strollers), GB 27887 (child restraint systems), GB 6675 (toys).
    text("safety_standard", "执行安全标准", "Safety standard", max_length=60),
]

# (code, name, name_en, parent code, schema, has_storage, requires_hardware_identifier, high_risk, sort)
CATEGORIES: list[tuple[str, str, str, str | None, list[dict[str, Any]], bool, bool, bool, int]] = [
    ("digital-products", "数码产品", "Digital products", None, [], True, True, True, 10),
    ("mobile-phones", "手机", "Mobile phones", "digital-products", PHONE_SCHEMA, True, True, True, 11),
    ("tablets", "平板电脑", "Tablets", "digital-products", TABLET_SCHEMA, True, True, True, 12),
    ("laptops", "笔记本电脑", "Laptops", "digital-products", LAPTOP_SCHEMA, True, True, True, 13),
    ("desktop-computers", "台式电脑", "Desktop computers", "digital-products", DESKTOP_SCHEMA, True, True, True, 14),
    ("clothing", "服装", "Clothing", None, CLOTHING_SCHEMA, False, False, False, 20),
    ("furniture", "家具", "Furniture", None, FURNITURE_SCHEMA, False, False, False, 30),
    ("household-appliances", "家用电器", "Household appliances", None, APPLIANCE_SCHEMA, False, False, False, 40),
    ("bicycles", "自行车", "Bicycles", None, BICYCLE_SCHEMA, False, False, True, 50),
    ("books", "图书", "Books", None, BOOK_SCHEMA, False, False, False, 60),
    ("luxury-bags-watches", "奢侈品箱包与手表", "Luxury bags and watches", None, LUXURY_SCHEMA,
     False, False, True, 70),
    ("baby-goods", "母婴用品", "Baby and maternity goods", None, BABY_SCHEMA, False, False, False, 80),
]


def grade(code: str, label: str, label_en: str, description: str) -> dict[str, str]:
    return {"code": code, "label": label, "label_en": label_en, "description": description}


# (code, category code or None for every category, name, name_en, standard, effective_from, description, grades)
GRADING_SCALES: list[tuple[str, str | None, str, str, str, str, str, list[dict[str, str]]]] = [
    ("market-condition", None, "成色", "Market condition (chengse)", "market practice (成色)", "2024-01-01",
     "The condition words of the Chinese second-hand trade, used across categories. Not a formal standard: "
     "record a standard scale as well where one applies.",
     [grade("99", "99新", "99 % new", "No visible signs of use; works as new."),
      grade("95", "95新", "95 % new", "Slight signs of use, seen only on close inspection."),
      grade("90", "9新", "90 % new", "Light visible wear such as fine scratches; fully usable."),
      grade("80", "8新", "80 % new", "Obvious wear, scratches or small dents; fully usable."),
      grade("70-", "7新及以下", "70 % new or less", "Heavy wear or repaired damage; see the listed defects.")]),
    ("ctia-cosmetic", "mobile-phones", "CTIA 外观等级", "CTIA cosmetic grade", "CTIA Wireless Device Grading Scales",
     "2024-01-01",
     "Cosmetic scale of the CTIA Wireless Device Grading Scales (A best to D worst); record it together with "
     "the CTIA functional grade. Summaries paraphrase CTIA's criteria and definitions.",
     [grade("A", "A 级", "A", "Like-new condition."),
      grade("B", "B 级", "B", "Light wear and tear."),
      grade("C", "C 级", "C", "Moderate wear: visible scratches, scuffs or dents."),
      grade("D", "D 级", "D", "Heavy cosmetic damage, including cracks of the cover lens.")]),
    ("ctia-functional", "mobile-phones", "CTIA 功能等级", "CTIA functional grade", "CTIA Wireless Device Grading Scales",
     "2024-01-01",
     "Functional scale of the CTIA Wireless Device Grading Scales: 0 is fully functional; 1 and 2 are working "
     "devices with limitations; 3 to 9 are increasingly non-functional classes (R2 treats them as controlled "
     "streams). Summaries of 3-9 are abbreviated; consult the CTIA document for the exact definitions.",
     [grade("0", "0 级", "0", "Fully functional."),
      grade("1", "1 级", "1", "Functional with minor limitations."),
      grade("2", "2 级", "2", "Key functions work; some functions do not.")]
     + [grade(str(level), f"{level} 级", str(level), "Not fully functional (see CTIA definitions).")
        for level in range(3, 9)]
     + [grade("9", "9 级", "9", "Not functional; for parts or recycling only.")]),
    ("gbt-45656-usability", "digital-products", "二手电子产品可用程度等级", "Usability class of used electronics",
     "GB/T 45656-2025", "2025-04-25",
     "GB/T 45656-2025 (二手电子产品可用程度分级规范) classifies used electronic products by usability, assessed on "
     "function, appearance and remaining service life. The four classes here follow the standard's structure; "
     "the mapping is per that structure, so check class boundaries against the published text before relying "
     "on them.",
     [grade("1", "一级", "Class 1", "Fully usable: all functions work, little wear, long remaining life."),
      grade("2", "二级", "Class 2", "Usable: all main functions work; visible wear."),
      grade("3", "三级", "Class 3", "Usable with limitations: secondary functions impaired or heavy wear."),
      grade("4", "四级", "Class 4", "Main functions impaired: for repair, parts or recycling.")]),
    ("t-taf-173", "mobile-phones", "循环回收移动通信终端等级", "Grade of recycled mobile terminals",
     "T/TAF 173-2023", "2023-07-20",
     "T/TAF 173-2023 (循环回收移动通信终端分级评估技术规范, Telecommunication Terminal Industry Forum) grades "
     "recycled mobile terminals from first recovery on. The grades here follow the standard's structure of an "
     "overall grade from appearance and function checks; the mapping is per that structure.",
     [grade("1", "一级", "Grade 1", "Appearance near new; every tested function passes."),
      grade("2", "二级", "Grade 2", "Light signs of use; every tested function passes."),
      grade("3", "三级", "Grade 3", "Obvious signs of use or minor function defects disclosed."),
      grade("4", "四级", "Grade 4", "Heavy wear or function defects; for repair or parts.")]),
    ("clothing-condition", "clothing", "服装成色", "Clothing condition",
     "GB/T 21667-2024 (quality grades)", "2024-12-31",
     "Follows the general idea of quality grades in GB/T 21667-2024 (二手货品质鉴定通则): an ordered grade from "
     "an identification of the goods' condition, written into the identification report.",
     [grade("new-with-tags", "全新带吊牌", "New with tags", "Never worn; original tags attached."),
      grade("like-new", "几乎全新", "Like new", "Worn rarely; no visible wear."),
      grade("light-wear", "轻微使用痕迹", "Light signs of wear", "Slight pilling or fading; no defects."),
      grade("visible-wear", "明显使用痕迹", "Visible signs of wear", "Clear wear, fading or small defects, disclosed.")]),
    ("furniture-condition", "furniture", "家具成色", "Furniture condition",
     "GB/T 21667-2024 (quality grades)", "2024-12-31",
     "Follows the general idea of quality grades in GB/T 21667-2024 (二手货品质鉴定通则), applied to furniture: "
     "structure, surfaces and hardware are inspected and an ordered grade is given.",
     [grade("as-new", "如新", "As new", "Stable structure, no visible wear."),
      grade("good", "良好", "Good", "Stable structure, light surface wear."),
      grade("fair", "一般", "Fair", "Usable; clear wear, scratches or loose fittings."),
      grade("needs-repair", "需修复", "Needs repair", "Structural or surface damage that needs repair.")]),
]

# (category code, kg CO2e avoided per reused item, is_estimate, source). Documented defaults, editable in admin.
CARBON_FACTORS: list[tuple[str, str, bool, str]] = [
    ("mobile-phones", "50.00", True,
     "Estimate: production and transport share (about four-fifths) of a new smartphone's life-cycle footprint; "
     "Apple, iPhone 15 Product Environmental Report (2023) gives 56 kg CO2e for the whole life cycle; "
     "Fraunhofer IZM smartphone life-cycle studies give a similar range."),
    ("tablets", "80.00", True,
     "Estimate: production and transport share of a new tablet's footprint, from manufacturer Product "
     "Environmental Reports (Apple iPad series, 2022-2024), rounded."),
    ("laptops", "250.00", True,
     "Estimate: manufacturing footprint of a new notebook computer, from manufacturer product carbon footprints "
     "(Apple MacBook Air Product Environmental Report; Dell Latitude PCF sheets), rounded."),
    ("desktop-computers", "350.00", True,
     "Estimate: manufacturing footprint of a new desktop computer without display, from manufacturer product "
     "carbon footprints (Dell OptiPlex and HP ProDesk PCF sheets), rounded."),
    ("clothing", "7.00", True,
     "Estimate: WRAP, 'Valuing our clothes: the cost of UK fashion' (2017): about 26 Mt CO2e for about 1.1 Mt "
     "of clothing bought a year in the UK, i.e. about 23 kg CO2e per kg, times an average garment of 0.3 kg."),
    ("furniture", "50.00", True,
     "Estimate: WRAP, 'Benefits of reuse case study: domestic furniture' (2011) per-tonne savings applied to "
     "an average reused item of about 35 kg."),
    ("household-appliances", "150.00", True,
     "Estimate: WRAP, 'Benefits of reuse case study: electrical items' (2011) per-tonne savings applied to an "
     "average reused appliance."),
    ("bicycles", "96.00", True,
     "Estimate: European Cyclists' Federation, 'Cycle more Often 2 Cool down the Planet!' (2011): bicycle "
     "production about 5 g CO2e per km over a 19,200 km life, about 96 kg per bicycle."),
    ("books", "4.01", False,
     "Green Press Initiative and Book Industry Study Group, 'Environmental Trends and Climate Impacts: Findings "
     "from the U.S. Book Industry' (2008): 4.01 kg (8.85 lb) CO2e per book (a U.S. average)."),
]
CARBON_VALID_FROM = "2025-01-01"
