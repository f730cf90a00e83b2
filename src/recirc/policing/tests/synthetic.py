"""Deterministic synthetic watchlists and registrations for matching quality tests (and the B3 benchmark).

Stolen phones are reported with brand, model, colour, one distinctive feature (an engraving or a print on
the case) and one to three ordinary ones (stickers, cracks, scratches, cases, screen films); ordinary
registrations describe brand, model, capacity, colour, condition and sometimes a common feature. Fuzzy hits
re-describe a stolen phone with the noise clerks make: the other brand alias (苹果/Apple), words and clauses
in another order, a typo in a Latin word, an ordinary feature left out or worded differently, condition text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from stdnum import luhn

PHONES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Apple", "苹果"): ("iPhone 12", "iPhone 13", "iPhone 13 Pro", "iPhone 14", "iPhone 14 Pro Max", "iPhone 15"),
    ("Huawei", "华为"): ("Mate 40 Pro", "P50 Pocket", "nova 9", "Mate 60 Pro"),
    ("Xiaomi", "小米"): ("Xiaomi 13", "Redmi Note 12", "Xiaomi 14 Pro"),
    ("OPPO", "欧珀"): ("Reno 8", "Find X5"),
    ("vivo", "维沃"): ("X90", "S16"),
    ("Samsung", "三星"): ("Galaxy S22", "Galaxy A53", "Galaxy Z Flip4"),
    ("Honor", "荣耀"): ("Magic 5", "X40"),
}
COLOURS = ("黑色", "白色", "蓝色", "紫色", "金色", "银色", "绿色", "红色", "远峰蓝", "午夜色", "星光色", "石墨色")
CAPACITIES = ("64GB", "128GB", "256GB", "512GB", "1TB")
CONDITIONS = ("九成新", "八成新", "九五新", "成色良好", "功能正常", "电池健康85%", "电池健康90%", "屏幕完好",
              "有使用痕迹", "原装充电器", "无拆修")
ANIMALS = ("熊猫", "老虎", "兔子", "小猫", "小狗", "海豚", "恐龙", "皮卡丘", "星星", "月亮", "樱花", "独角兽",
           "企鹅", "狐狸", "长颈鹿", "考拉", "蝴蝶", "向日葵", "草莓", "火箭")
SPOTS = ("左上角", "右上角", "左下角", "右下角", "中间", "顶部", "底部", "边缘")
SIDES = ("左侧", "右侧", "顶部", "底部")
MARKS = ("划痕", "磕碰", "掉漆")
CASES = ("硅胶", "皮质", "透明", "磨砂", "碳纤维", "木纹")
CASE_COLOURS = ("粉色", "黑色", "蓝色", "绿色", "黄色", "紫色", "棕色", "灰色")
FILMS = ("防窥", "高清", "抗蓝光", "磨砂")
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
SYNONYMS = {"裂纹": "裂痕", "划痕": "刮痕", "贴纸": "贴画", "手机壳": "保护壳", "刻字": "刻有"}


def imei(rng: random.Random) -> str:
    body = f"35{rng.randrange(10 ** 12):012d}"
    return body + luhn.calc_check_digit(body)


def noisy_imei(rng: random.Random, value: str) -> str:
    """The same IMEI as a clerk may type it: spaced, dashed, or as an IMEISV (14 digits + 2-digit SV)."""
    style = rng.randrange(3)
    if style == 0:
        return f"{value[:2]} {value[2:8]} {value[8:14]} {value[14]}"
    if style == 1:
        return f"{value[:8]}-{value[8:14]}-{value[14]}"
    return f"{value[:14]}{rng.randrange(100):02d}"


def _feature(rng: random.Random, kind: int) -> str:
    if kind == 0:
        return f"背面贴有{rng.choice(ANIMALS)}贴纸"
    if kind == 1:
        return f"屏幕{rng.choice(SPOTS)}有裂纹"
    if kind == 2:
        return f"{rng.choice(SIDES)}边框有{rng.choice(MARKS)}"
    if kind == 3:
        return f"配{rng.choice(CASE_COLOURS)}{rng.choice(CASES)}手机壳"
    if kind == 4:
        return f"背面刻字 {rng.choice(LETTERS)}{rng.choice(LETTERS)}{rng.randrange(1000, 10000)}"
    return f"贴{rng.choice(FILMS)}钢化膜"


def distinctive_feature(rng: random.Random) -> str:
    """What owners remember and police circulars name: an engraving or a print on the case."""
    if rng.random() < 0.5:
        return _feature(rng, 4)
    return f"手机壳上印有 {''.join(rng.choice(LETTERS) for _ in range(3))} 字样"


def distinguishing_features(rng: random.Random, count: int) -> list[str]:
    return [_feature(rng, kind) for kind in rng.sample((0, 1, 2, 3, 5), count)]


@dataclass
class Phone:
    brand: str
    brand_alias: str
    model_name: str
    colour: str
    features: list[str]
    imei: str
    capacity: str = ""
    conditions: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        return "，".join(self.features)


def phone(rng: random.Random, *, features: int, distinctive: bool = False) -> Phone:
    (brand, alias), models = rng.choice(list(PHONES.items()))
    found = distinguishing_features(rng, features)
    if distinctive:
        found.insert(rng.randrange(len(found) + 1), distinctive_feature(rng))
    return Phone(brand=brand, brand_alias=alias, model_name=rng.choice(models), colour=rng.choice(COLOURS),
                 features=found, imei=imei(rng), capacity=rng.choice(CAPACITIES),
                 conditions=rng.sample(CONDITIONS, rng.randrange(1, 3)))


def stolen_phone(rng: random.Random) -> Phone:
    """A phone on a police circular: one distinctive feature and one to three ordinary ones."""
    return phone(rng, features=rng.choice((1, 2, 3)), distinctive=True)


def _typo(rng: random.Random, text: str) -> str:
    """Swap two neighbouring letters of one Latin word of 4+ letters (iPhone -> iPhnoe), if there is one."""
    words = text.split(" ")
    latin = [index for index, word in enumerate(words) if len(word) >= 4 and word.isascii() and word.isalpha()]
    if not latin:
        return text
    index = rng.choice(latin)
    word = words[index]
    position = rng.randrange(1, len(word) - 2)
    words[index] = word[:position] + word[position + 1] + word[position] + word[position + 2:]
    return " ".join(words)


def _reword(rng: random.Random, feature: str) -> str:
    for word, synonym in SYNONYMS.items():
        if word in feature and rng.random() < 0.5:
            return feature.replace(word, synonym)
    return feature


def _distinctive(feature: str) -> bool:
    return "刻字" in feature or "字样" in feature


def fuzzy_variant(rng: random.Random, stolen: Phone) -> Phone:
    """The stolen phone described again at a counter, without its IMEI (or with the IMEI not typed)."""
    ordinary = [index for index, feature in enumerate(stolen.features) if not _distinctive(feature)]
    features = [_reword(rng, feature) for feature in stolen.features]
    if len(features) > 2 and ordinary and rng.random() < 0.3:
        features.pop(rng.choice(ordinary))
    rng.shuffle(features)
    model_name = stolen.model_name
    if rng.random() < 0.4:
        model_name = _typo(rng, model_name)
    if rng.random() < 0.3:
        model_name = " ".join(reversed(model_name.split(" ")))
    brand = stolen.brand_alias if rng.random() < 0.5 else stolen.brand
    return Phone(brand=brand, brand_alias=stolen.brand, model_name=model_name, colour=stolen.colour,
                 features=features + rng.sample(CONDITIONS, 1), imei=imei(rng), capacity=stolen.capacity)


def clean_phone(rng: random.Random) -> Phone:
    """An ordinary registration: condition text and, for about half, one or two common features."""
    found = phone(rng, features=rng.choice((0, 0, 1, 1, 2)))
    found.features = found.features + found.conditions
    return found
