"""Brand names as people write them (苹果, APPLE, Apple Inc., 红米) reduced to one canonical family name.

A family groups the brands one maker sells under: Xiaomi with Redmi and POCO, vivo with iQOO, OPPO with
OnePlus and realme. Huawei and Honor are separate families (Honor left Huawei in 2020) but *compatible*:
Honor phones allocated before 2021 carry Huawei TACs. Unknown brands keep their own (tidied) name and are
compared without regard to case, width, spaces or punctuation.
"""

from __future__ import annotations

import re
import unicodedata

# canonical family name -> the names (zh and en, with sub-brands) that belong to it
BRAND_FAMILIES: dict[str, tuple[str, ...]] = {
    "Apple": ("apple", "苹果", "apple inc", "iphone", "ipad"),
    "Huawei": ("huawei", "华为", "huawei technologies"),
    "Honor": ("honor", "honour", "荣耀"),
    "Xiaomi": ("xiaomi", "小米", "mi", "redmi", "红米", "poco"),
    "vivo": ("vivo", "维沃", "iqoo"),
    "OPPO": ("oppo", "欧珀", "oneplus", "一加", "realme", "真我"),
    "Samsung": ("samsung", "三星"),
    "Nokia": ("nokia", "诺基亚", "hmd global"),
    "Motorola": ("motorola", "摩托罗拉", "moto"),
    "Sony": ("sony", "索尼", "sony ericsson", "索尼爱立信"),
    "Lenovo": ("lenovo", "联想"),
    "ZTE": ("zte", "中兴"),
    "Meizu": ("meizu", "魅族"),
    "Google": ("google", "谷歌", "pixel"),
}
# Families whose TACs may name each other: Honor devices allocated before 2021 carry Huawei TACs.
COMPATIBLE_FAMILIES: frozenset[frozenset[str]] = frozenset({frozenset({"Huawei", "Honor"})})

_SEPARATORS = re.compile(r"[\s\-_.,·'’()（）/&]+")
_TRAILING_WORDS = frozenset({"inc", "co", "ltd", "limited", "corp", "corporation", "company"})
_TRAILING_ZH = ("手机", "有限公司", "公司", "集团", "科技")


def brand_key(name: str) -> str:
    """The comparison key of a brand name: NFKC (full-width to half-width), case-folded, without spaces,
    punctuation, trailing words such as "Inc." or "Co., Ltd.", or trailing 手机 / 科技 / 有限公司."""
    words = [word for word in _SEPARATORS.split(unicodedata.normalize("NFKC", name or "").casefold()) if word]
    while len(words) > 1 and words[-1] in _TRAILING_WORDS:
        words.pop()
    key = "".join(words)
    shortened = True
    while shortened:
        shortened = False
        for suffix in _TRAILING_ZH:
            if key.endswith(suffix) and len(key) > len(suffix):
                key, shortened = key[: -len(suffix)], True
    return key


_ALIASES: dict[str, str] = {brand_key(alias): family for family, aliases in BRAND_FAMILIES.items()
                            for alias in (family, *aliases)}


def canonical_brand(name: str) -> str:
    """The family name of a known brand ("苹果" -> "Apple", "Redmi" -> "Xiaomi", "一加" -> "OPPO"); any other
    name comes back trimmed with its spaces collapsed ("" for a blank one)."""
    family = _ALIASES.get(brand_key(name))
    return family if family is not None else " ".join((name or "").split())


def brands_compatible(first: str, second: str) -> bool:
    """Whether two brand names may describe the same device: the same family, Huawei/Honor, or equal keys."""
    left, right = canonical_brand(first), canonical_brand(second)
    if not brand_key(left) or not brand_key(right):
        return False
    if brand_key(left) == brand_key(right):
        return True
    return frozenset({left, right}) in COMPATIBLE_FAMILIES
