"""Reference data: the Simplified Chinese standards and descriptions of the version 1 grading scales (the
seven of `_reference_v1.py` and the internal scale of `_checklists_v1.py`), translated from their English texts.

Frozen on purpose: migration 0008 loads exactly this. Each entry keeps the English text it translates, so that
the migration fills a Chinese text only beside the English one it was written for. The module name starts with
"_" so that Django's migration loader does not take it for a migration.
"""

from __future__ import annotations

# scale code -> (English standard followed, its Chinese name); standards are cited by their Chinese titles.
STANDARDS: dict[str, tuple[str, str]] = {
    "market-condition": ("market practice (成色)", "市场惯例（成色）"),
    "ctia-cosmetic": ("CTIA Wireless Device Grading Scales", "CTIA 无线设备分级标准"),
    "ctia-functional": ("CTIA Wireless Device Grading Scales", "CTIA 无线设备分级标准"),
    "gbt-45656-usability": ("GB/T 45656-2025", "GB/T 45656-2025《二手电子产品可用程度分级规范》"),
    "t-taf-173": ("T/TAF 173-2023", "T/TAF 173-2023《循环回收移动通信终端分级评估技术规范》"),
    "clothing-condition": ("GB/T 21667-2024 (quality grades)", "GB/T 21667-2024（品质等级）"),
    "furniture-condition": ("GB/T 21667-2024 (quality grades)", "GB/T 21667-2024（品质等级）"),
    "recirc-grade": ("Recirc internal grade (mapped per checklist)", "Recirc 内部等级（按质检清单对应）"),
}

# scale code -> (English description, Chinese description, {grade code: (English description, Chinese one)})
ScaleTexts = tuple[str, str, dict[str, tuple[str, str]]]

_CTIA_LIMITED = ("Not fully functional (see CTIA definitions).", "功能不完整（详见 CTIA 定义）。")

SCALES: dict[str, ScaleTexts] = {
    "market-condition": (
        "The condition words of the Chinese second-hand trade, used across categories. Not a formal standard: "
        "record a standard scale as well where one applies.",
        "中国二手交易中通行的成色用语，适用于各品类。成色并非正式标准：有适用的标准等级时，应同时记录该标准等级。",
        {"99": ("No visible signs of use; works as new.", "无可见使用痕迹；功能与新品无异。"),
         "95": ("Slight signs of use, seen only on close inspection.", "有轻微使用痕迹，仅在仔细查看时可见。"),
         "90": ("Light visible wear such as fine scratches; fully usable.",
                "有轻微可见磨损，如细小划痕；可完全正常使用。"),
         "80": ("Obvious wear, scratches or small dents; fully usable.",
                "有明显磨损、划痕或小凹痕；可完全正常使用。"),
         "70-": ("Heavy wear or repaired damage; see the listed defects.",
                 "磨损严重或有经修复的损伤；详见所列瑕疵。")}),
    "ctia-cosmetic": (
        "Cosmetic scale of the CTIA Wireless Device Grading Scales (A best to D worst); record it together with "
        "the CTIA functional grade. Summaries paraphrase CTIA's criteria and definitions.",
        "CTIA 无线设备分级标准（CTIA Wireless Device Grading Scales）中的外观等级（A 级最好，D 级最差）；"
        "应与 CTIA 功能等级一并记录。各等级摘要系对 CTIA 判定准则和定义的转述。",
        {"A": ("Like-new condition.", "成色如新。"),
         "B": ("Light wear and tear.", "有轻微使用磨损。"),
         "C": ("Moderate wear: visible scratches, scuffs or dents.", "中度磨损：有可见划痕、擦痕或凹痕。"),
         "D": ("Heavy cosmetic damage, including cracks of the cover lens.",
               "外观严重损伤，包括屏幕盖板玻璃破裂。")}),
    "ctia-functional": (
        "Functional scale of the CTIA Wireless Device Grading Scales: 0 is fully functional; 1 and 2 are working "
        "devices with limitations; 3 to 9 are increasingly non-functional classes (R2 treats them as controlled "
        "streams). Summaries of 3-9 are abbreviated; consult the CTIA document for the exact definitions.",
        "CTIA 无线设备分级标准中的功能等级：0 级为功能完好；1 级和 2 级为可以工作但功能受限的设备；3 级至 9 级为"
        "功能缺失程度逐级加重的类别（R2 标准将其列为受控物料流）。3～9 级的摘要为简写，确切定义请查阅 CTIA 原文。",
        {"0": ("Fully functional.", "功能完好。"),
         "1": ("Functional with minor limitations.", "功能正常，存在轻微限制。"),
         "2": ("Key functions work; some functions do not.", "关键功能正常；部分功能失效。"),
         **{str(level): _CTIA_LIMITED for level in range(3, 9)},
         "9": ("Not functional; for parts or recycling only.", "无法工作；仅可拆件或回收利用。")}),
    "gbt-45656-usability": (
        "GB/T 45656-2025 (二手电子产品可用程度分级规范) classifies used electronic products by usability, assessed on "
        "function, appearance and remaining service life. The four classes here follow the standard's structure; "
        "the mapping is per that structure, so check class boundaries against the published text before relying "
        "on them.",
        "GB/T 45656-2025《二手电子产品可用程度分级规范》按可用程度对二手电子产品进行分级，从功能、外观和剩余使用寿命"
        "三方面评定。此处的四个等级沿用该标准的结构，对应关系依该结构确定；采用前请对照正式发布的标准文本核实各等级"
        "界限。",
        {"1": ("Fully usable: all functions work, little wear, long remaining life.",
               "完全可用：全部功能正常，磨损轻微，剩余使用寿命长。"),
         "2": ("Usable: all main functions work; visible wear.", "可用：全部主要功能正常；有可见磨损。"),
         "3": ("Usable with limitations: secondary functions impaired or heavy wear.",
               "有限可用：次要功能受损或磨损严重。"),
         "4": ("Main functions impaired: for repair, parts or recycling.",
               "主要功能受损：用于维修、拆件或回收利用。")}),
    "t-taf-173": (
        "T/TAF 173-2023 (循环回收移动通信终端分级评估技术规范, Telecommunication Terminal Industry Forum) grades "
        "recycled mobile terminals from first recovery on. The grades here follow the standard's structure of an "
        "overall grade from appearance and function checks; the mapping is per that structure.",
        "T/TAF 173-2023《循环回收移动通信终端分级评估技术规范》（电信终端产业协会）自首次回收起对循环回收的移动通信终端"
        "进行分级评估。此处的等级沿用该标准的结构，即由外观检查和功能检测得出综合等级；对应关系依该结构确定。",
        {"1": ("Appearance near new; every tested function passes.", "外观接近全新；所测功能全部通过。"),
         "2": ("Light signs of use; every tested function passes.", "有轻微使用痕迹；所测功能全部通过。"),
         "3": ("Obvious signs of use or minor function defects disclosed.",
               "有明显使用痕迹或轻微功能缺陷，均已如实披露。"),
         "4": ("Heavy wear or function defects; for repair or parts.", "磨损严重或存在功能缺陷；用于维修或拆件。")}),
    "clothing-condition": (
        "Follows the general idea of quality grades in GB/T 21667-2024 (二手货品质鉴定通则): an ordered grade from "
        "an identification of the goods' condition, written into the identification report.",
        "参照 GB/T 21667-2024《二手货品质鉴定通则》中品质等级的总体思路：经鉴定货品状况后给出有序等级，并写入鉴定报告。",
        {"new-with-tags": ("Never worn; original tags attached.", "未穿着；原吊牌仍在。"),
         "like-new": ("Worn rarely; no visible wear.", "极少穿着；无可见磨损。"),
         "light-wear": ("Slight pilling or fading; no defects.", "轻微起球或褪色；无瑕疵。"),
         "visible-wear": ("Clear wear, fading or small defects, disclosed.",
                          "有明显磨损、褪色或小瑕疵，已如实披露。")}),
    "furniture-condition": (
        "Follows the general idea of quality grades in GB/T 21667-2024 (二手货品质鉴定通则), applied to furniture: "
        "structure, surfaces and hardware are inspected and an ordered grade is given.",
        "参照 GB/T 21667-2024《二手货品质鉴定通则》中品质等级的总体思路，适用于家具：检查结构、表面和五金件，"
        "并给出有序等级。",
        {"as-new": ("Stable structure, no visible wear.", "结构稳固，无可见磨损。"),
         "good": ("Stable structure, light surface wear.", "结构稳固，表面轻微磨损。"),
         "fair": ("Usable; clear wear, scratches or loose fittings.", "可正常使用；有明显磨损、划痕或连接件松动。"),
         "needs-repair": ("Structural or surface damage that needs repair.", "结构或表面损坏，需修复。")}),
    "recirc-grade": (
        "The grade a Recirc checklist gives (A best to E for repair or parts). Each checklist maps it onto the "
        "standard scales of its category (GB/T 45656-2025, T/TAF 173-2023, CTIA, 成色...).",
        "Recirc 质检清单给出的等级（A 级最好，E 级为待修或拆件）。每份质检清单将其对应到所属品类的标准等级"
        "（GB/T 45656-2025、T/TAF 173-2023、CTIA、成色等）。",
        {"A": ("No visible wear; all checks pass.", "无可见磨损；各项检查全部通过。"),
         "B": ("Light signs of use; all checks pass.", "有轻微使用痕迹；各项检查全部通过。"),
         "C": ("Visible wear or a minor limitation, disclosed.", "有可见磨损或轻微使用限制，已如实披露。"),
         "D": ("Heavy wear or a defect of a secondary function, disclosed.",
               "磨损严重或次要功能存在缺陷，已如实披露。"),
         "E": ("A main function or the structure fails.", "主要功能或结构失效。")}),
}
