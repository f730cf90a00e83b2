"""Reference data, version 1 of the grading checklists and the internal grading scale they grade on.

Frozen on purpose: migration 0006 loads exactly this (validated by catalog.checklists on the way in). Later
changes are new versions published with `grading_checklist_publish`, never edits of this file. The module
name starts with "_" so that Django's migration loader does not take it for a migration.
"""

from __future__ import annotations

from typing import Any

INTERNAL_SCALE: dict[str, Any] = {
    "code": "recirc-grade", "name": "Recirc 内部等级", "name_en": "Recirc internal grade",
    "standard": "Recirc internal grade (mapped per checklist)", "effective_from": "2025-01-01",
    "description": "The grade a Recirc checklist gives (A best to E for repair or parts). Each checklist maps it "
                   "onto the standard scales of its category (GB/T 45656-2025, T/TAF 173-2023, CTIA, 成色...).",
    "grades": [
        {"code": "A", "label": "A 级（准新）", "label_en": "A (like new)", "description": "No visible wear; all checks pass."},
        {"code": "B", "label": "B 级（良好）", "label_en": "B (good)", "description": "Light signs of use; all checks pass."},
        {"code": "C", "label": "C 级（一般）", "label_en": "C (fair)",
         "description": "Visible wear or a minor limitation, disclosed."},
        {"code": "D", "label": "D 级（较差）", "label_en": "D (poor)",
         "description": "Heavy wear or a defect of a secondary function, disclosed."},
        {"code": "E", "label": "E 级（待修/配件）", "label_en": "E (for repair or parts)",
         "description": "A main function or the structure fails."},
    ],
}

MARKET = {"A": "99", "B": "95", "C": "90", "D": "80", "E": "70-"}


def pass_fail(key: str, section: str, label: str, label_en: str, help_zh: str = "", help_en: str = "",
              *, default: str = "pass") -> dict[str, Any]:
    return {"key": key, "kind": "pass_fail", "section": section, "label": label, "label_en": label_en,
            "required": True, "default": default, "help": help_zh, "help_en": help_en}


def choice(key: str, section: str, label: str, label_en: str, options: list[tuple[str, str, str]], *,
           default: str | None = None, help_zh: str = "", help_en: str = "") -> dict[str, Any]:
    return {"key": key, "kind": "choice", "section": section, "label": label, "label_en": label_en,
            "required": True, "default": options[0][0] if default is None else default, "help": help_zh,
            "help_en": help_en,
            "options": [{"value": value, "label": zh, "label_en": en} for value, zh, en in options]}


def number(key: str, section: str, label: str, label_en: str, *, minimum: int, maximum: int, unit: str,
           attribute: str = "") -> dict[str, Any]:
    return {"key": key, "kind": "number", "section": section, "label": label, "label_en": label_en,
            "required": True, "min": minimum, "max": maximum, "unit": unit, "attribute": attribute}


def rule(item: str, op: str, value: Any, reason: str, reason_en: str, **effects: Any) -> dict[str, Any]:
    return {"item": item, "op": op, "value": value, "reason": reason, "reason_en": reason_en, **effects}


SUSPICIOUS = ("suspicious", "可疑", "Suspicious")
TRADEMARK = choice("trademark", "authenticity", "商标标识", "Trademark and logo",
                   [("consistent", "与品牌一致", "Consistent with the brand"), ("no_brand", "无品牌", "No brand"),
                    SUSPICIOUS], help_zh="字体、位置、做工与正品对照", help_en="Font, placement and finish against "
                   "genuine goods")
TRADEMARK_RULE = rule("trademark", "eq", "suspicious", "商标标识可疑", "Suspicious trademark or logo",
                      counterfeit=True)

PHONE_ITEMS = [
    choice("screen", "appearance", "屏幕", "Screen",
           [("flawless", "完好无划痕", "Flawless"), ("micro_scratches", "细微划痕", "Micro-scratches"),
            ("visible_scratches", "明显划痕", "Visible scratches"),
            ("deep_scratches", "深划痕/坏点", "Deep scratches or dead pixels"), ("cracked", "碎裂", "Cracked")]),
    choice("body", "appearance", "机身外壳", "Body and frame",
           [("flawless", "完好", "Flawless"), ("light_wear", "轻微磨损", "Light wear"),
            ("visible_wear", "明显磨损", "Visible wear"), ("dents_or_cracks", "磕碰/裂缝", "Dents or cracks")]),
    pass_fail("buttons", "function", "按键", "Buttons", "电源键、音量键、静音键", "Power, volume and mute"),
    pass_fail("cameras", "function", "摄像头", "Cameras", "前后摄像头成像、对焦、闪光灯",
              "Front and rear: image, focus, flash"),
    number("battery_health", "function", "电池健康度", "Battery health", minimum=0, maximum=100, unit="%",
           attribute="battery_health_percent"),
    pass_fail("functions", "function", "基本功能", "Core functions",
              "通话、触屏、充电、Wi-Fi、蓝牙、传感器、扬声器", "Calls, touch, charging, Wi-Fi, Bluetooth, sensors, speaker"),
    choice("water_indicator", "function", "进水标签", "Liquid damage indicator",
           [("intact", "未触发", "Not triggered"), ("triggered", "已触发", "Triggered")]),
    choice("activation_lock", "function", "激活锁/账户锁", "Activation lock",
           [("off", "已关闭", "Off"), ("on", "未解除", "On")], help_zh="iCloud、华为账号、小米账号等",
           help_en="iCloud, Huawei ID, Mi account..."),
    TRADEMARK,
    choice("certification_labels", "authenticity", "认证标识", "Certification labels",
           [("consistent", "CCC 与进网许可标志一致", "CCC and network-access labels consistent"),
            ("missing", "缺失", "Missing"), SUSPICIOUS],
           help_zh="CCC 标志、进网许可证标志与型号对照", help_en="CCC mark and network-access licence label against the model"),
]

PHONE_RULES = [
    rule("screen", "eq", "micro_scratches", "屏幕细微划痕", "Micro-scratches on the screen", cap="B"),
    rule("screen", "eq", "visible_scratches", "屏幕明显划痕", "Visible scratches on the screen", cap="C"),
    rule("screen", "eq", "deep_scratches", "屏幕深划痕或坏点", "Deep scratches or dead pixels on the screen", cap="D"),
    rule("screen", "eq", "cracked", "屏幕碎裂", "Cracked screen", cap="D"),
    rule("body", "eq", "light_wear", "机身轻微磨损", "Light wear on the body", cap="B"),
    rule("body", "eq", "visible_wear", "机身明显磨损", "Visible wear on the body", cap="C"),
    rule("body", "eq", "dents_or_cracks", "机身磕碰或裂缝", "Dents or cracks in the body", cap="D"),
    rule("buttons", "eq", "fail", "按键故障", "A button does not work", cap="D", functional=2),
    rule("cameras", "eq", "fail", "摄像头故障", "A camera does not work", cap="D", functional=2),
    rule("battery_health", "lt", 80, "电池健康度低于 80%", "Battery health below 80 %", cap="C"),
    rule("battery_health", "lt", 60, "电池健康度低于 60%", "Battery health below 60 %", cap="D", functional=1),
    rule("functions", "eq", "fail", "基本功能故障", "A core function fails", cap="E", functional=3),
    rule("water_indicator", "eq", "triggered", "进水标签已触发", "Liquid damage indicator triggered", cap="D",
         functional=1),
    rule("activation_lock", "eq", "on", "激活锁未解除，不予收售", "Activation lock on: not accepted", refuse=True),
    TRADEMARK_RULE,
    rule("certification_labels", "eq", "suspicious", "认证标识可疑", "Suspicious certification labels",
         counterfeit=True),
]

PHONE_MAPPINGS = [
    {"scale": "gbt-45656-usability", "source": "overall", "grades": {"A": "1", "B": "2", "C": "2", "D": "3", "E": "4"}},
    {"scale": "t-taf-173", "source": "overall", "grades": {"A": "1", "B": "2", "C": "3", "D": "3", "E": "4"}},
    {"scale": "ctia-cosmetic", "source": "cosmetic", "grades": {"A": "A", "B": "B", "C": "C", "D": "D", "E": "D"}},
    {"scale": "ctia-functional", "source": "functional", "grades": {str(level): str(level) for level in range(10)}},
    {"scale": "market-condition", "source": "overall", "grades": MARKET},
]

CLOTHING_ITEMS = [
    choice("wear", "appearance", "磨损", "Wear",
           [("none", "无", "None"), ("light", "轻微起球/褪色", "Light pilling or fading"),
            ("visible", "明显磨损", "Visible wear"), ("heavy", "严重磨损", "Heavy wear")]),
    choice("stains", "appearance", "污渍", "Stains",
           [("none", "无", "None"), ("faint", "轻微", "Faint"), ("visible", "明显", "Visible")]),
    choice("defects", "appearance", "瑕疵", "Defects",
           [("none", "无", "None"), ("minor", "小瑕疵（脱线、缺扣）", "Minor (loose thread, missing button)"),
            ("holes_or_tears", "破洞/撕裂", "Holes or tears")]),
    pass_fail("labels", "appearance", "尺码与品牌标签", "Size and brand labels", "标签齐全、清晰可读",
              "Present and legible"),
    pass_fail("washed", "hygiene", "清洗消毒", "Washed and disinfected"),
    TRADEMARK,
    choice("tags", "authenticity", "吊牌与洗水标", "Tags and care labels",
           [("consistent", "一致", "Consistent"), ("missing", "缺失", "Missing"), SUSPICIOUS]),
    choice("materials", "authenticity", "面料与做工", "Materials and workmanship",
           [("consistent", "与标示一致", "Consistent with the label"), SUSPICIOUS]),
]

CLOTHING_RULES = [
    rule("wear", "eq", "light", "轻微起球或褪色", "Light pilling or fading", cap="B"),
    rule("wear", "eq", "visible", "明显磨损", "Visible wear", cap="C"),
    rule("wear", "eq", "heavy", "严重磨损", "Heavy wear", cap="D"),
    rule("stains", "eq", "faint", "轻微污渍", "Faint stains", cap="C"),
    rule("stains", "eq", "visible", "明显污渍", "Visible stains", cap="D"),
    rule("defects", "eq", "minor", "小瑕疵", "Minor defects", cap="C"),
    rule("defects", "eq", "holes_or_tears", "破洞或撕裂", "Holes or tears", cap="D"),
    rule("labels", "eq", "fail", "尺码或品牌标签缺失", "Size or brand label missing", cap="C"),
    rule("washed", "eq", "fail", "未清洗消毒，不得销售", "Not washed and disinfected: may not be sold", refuse=True),
    TRADEMARK_RULE,
    rule("tags", "eq", "suspicious", "吊牌或洗水标可疑", "Suspicious tags or care labels", counterfeit=True),
    rule("materials", "eq", "suspicious", "面料与做工可疑", "Suspicious materials or workmanship", counterfeit=True),
]

CLOTHING_MAPPINGS = [
    {"scale": "clothing-condition", "source": "overall",
     "grades": {"A": "like-new", "B": "light-wear", "C": "visible-wear", "D": "visible-wear", "E": "visible-wear"}},
    {"scale": "market-condition", "source": "overall", "grades": MARKET},
]

FURNITURE_ITEMS = [
    choice("structure", "function", "结构", "Structure",
           [("stable", "稳固", "Stable"), ("slightly_loose", "轻微松动", "Slightly loose"),
            ("loose_or_broken", "松动/损坏", "Loose or broken")]),
    choice("surface", "appearance", "表面", "Surface",
           [("as_new", "如新", "As new"), ("light_wear", "轻微磨损", "Light wear"),
            ("scratches_or_dents", "划痕/凹陷", "Scratches or dents"), ("damaged", "破损", "Damaged")]),
    choice("upholstery", "appearance", "软包面料", "Upholstery",
           [("not_upholstered", "无软包", "Not upholstered"), ("clean", "干净完好", "Clean and intact"),
            ("worn", "磨损", "Worn"), ("torn_or_stained", "破损/污渍", "Torn or stained")]),
    pass_fail("smell_and_pests", "hygiene", "异味与虫害", "Smell and pests", "无异味、无虫蛀、无霉变",
              "No odour, no insects, no mould"),
    number("width_cm", "measurements", "宽", "Width", minimum=1, maximum=1000, unit="cm", attribute="width_cm"),
    number("depth_cm", "measurements", "深", "Depth", minimum=1, maximum=1000, unit="cm", attribute="depth_cm"),
    number("height_cm", "measurements", "高", "Height", minimum=1, maximum=1000, unit="cm", attribute="height_cm"),
    choice("trademark", "authenticity", "品牌标识", "Brand marks",
           [("no_brand", "无品牌", "No brand"), ("consistent", "与品牌一致", "Consistent with the brand"), SUSPICIOUS]),
]

FURNITURE_RULES = [
    rule("structure", "eq", "slightly_loose", "结构轻微松动", "Structure slightly loose", cap="C"),
    rule("structure", "eq", "loose_or_broken", "结构松动或损坏", "Structure loose or broken", cap="E"),
    rule("surface", "eq", "light_wear", "表面轻微磨损", "Light wear on the surface", cap="B"),
    rule("surface", "eq", "scratches_or_dents", "表面划痕或凹陷", "Scratches or dents on the surface", cap="C"),
    rule("surface", "eq", "damaged", "表面破损", "Damaged surface", cap="D"),
    rule("upholstery", "eq", "worn", "软包磨损", "Worn upholstery", cap="C"),
    rule("upholstery", "eq", "torn_or_stained", "软包破损或有污渍", "Torn or stained upholstery", cap="D"),
    rule("smell_and_pests", "eq", "fail", "有异味或虫害，不予收售", "Odour or pests: not accepted", refuse=True),
    rule("trademark", "eq", "suspicious", "品牌标识可疑", "Suspicious brand marks", counterfeit=True),
]

FURNITURE_MAPPINGS = [
    {"scale": "furniture-condition", "source": "overall",
     "grades": {"A": "as-new", "B": "good", "C": "fair", "D": "needs-repair", "E": "needs-repair"}},
    {"scale": "market-condition", "source": "overall", "grades": MARKET},
]

LUXURY_ITEMS = [
    choice("exterior", "appearance", "外观", "Exterior",
           [("as_new", "如新", "As new"), ("light_wear", "轻微使用痕迹", "Light wear"),
            ("visible_wear", "明显使用痕迹", "Visible wear"), ("heavy_wear", "严重磨损", "Heavy wear")]),
    choice("hardware", "appearance", "五金/表壳", "Hardware or case",
           [("as_new", "如新", "As new"), ("light_wear", "轻微划痕", "Light scratches"),
            ("tarnished_or_damaged", "氧化/损坏", "Tarnished or damaged")]),
    choice("interior", "appearance", "内里/表盘", "Interior or dial",
           [("clean", "干净", "Clean"), ("worn", "磨损", "Worn"), ("stained", "污渍", "Stained")]),
    TRADEMARK,
    choice("serial_code", "authenticity", "序列号/日期码", "Serial or date code",
           [("consistent", "与款式年份一致", "Consistent with style and year"), ("missing", "缺失", "Missing"),
            SUSPICIOUS]),
    choice("stitching_and_materials", "authenticity", "走线与材质", "Stitching and materials",
           [("consistent", "与正品一致", "Consistent with genuine goods"), SUSPICIOUS]),
    choice("papers", "authenticity", "包装与证书", "Box, tags and papers",
           [("complete", "齐全", "Complete"), ("partial", "部分", "Partial"), ("none", "无", "None"), SUSPICIOUS],
           default="none"),
]

LUXURY_RULES = [
    rule("exterior", "eq", "light_wear", "外观轻微使用痕迹", "Light wear on the exterior", cap="B"),
    rule("exterior", "eq", "visible_wear", "外观明显使用痕迹", "Visible wear on the exterior", cap="C"),
    rule("exterior", "eq", "heavy_wear", "外观严重磨损", "Heavy wear on the exterior", cap="D"),
    rule("hardware", "eq", "light_wear", "五金轻微划痕", "Light scratches on the hardware", cap="B"),
    rule("hardware", "eq", "tarnished_or_damaged", "五金氧化或损坏", "Tarnished or damaged hardware", cap="D"),
    rule("interior", "eq", "worn", "内里磨损", "Worn interior", cap="C"),
    rule("interior", "eq", "stained", "内里污渍", "Stained interior", cap="D"),
    TRADEMARK_RULE,
    rule("serial_code", "eq", "suspicious", "序列号或日期码可疑", "Suspicious serial or date code", counterfeit=True),
    rule("stitching_and_materials", "eq", "suspicious", "走线或材质可疑", "Suspicious stitching or materials",
         counterfeit=True),
    rule("papers", "eq", "suspicious", "包装或证书可疑", "Suspicious box, tags or papers", counterfeit=True),
]

# (code, category code, name, name_en, items, rules, mappings); all effective from EFFECTIVE_FROM.
EFFECTIVE_FROM = "2025-06-01"
CHECKLISTS: list[tuple[str, str, str, str, list[Any], list[Any], list[Any]]] = [
    ("phone-inspection", "mobile-phones", "手机质检清单", "Mobile phone inspection", PHONE_ITEMS, PHONE_RULES,
     PHONE_MAPPINGS),
    ("clothing-inspection", "clothing", "服装质检清单", "Clothing inspection", CLOTHING_ITEMS, CLOTHING_RULES,
     CLOTHING_MAPPINGS),
    ("furniture-inspection", "furniture", "家具质检清单", "Furniture inspection", FURNITURE_ITEMS, FURNITURE_RULES,
     FURNITURE_MAPPINGS),
    ("luxury-inspection", "luxury-bags-watches", "奢侈品鉴定清单", "Luxury goods authentication", LUXURY_ITEMS,
     LUXURY_RULES, [{"scale": "market-condition", "source": "overall", "grades": MARKET}]),
]
