"""Brand families and aliases (catalog.brands): the names people write reduced to one family name."""

from __future__ import annotations

import pytest

from recirc.catalog.facade import brands_compatible, canonical_brand


@pytest.mark.parametrize(("name", "family"), [
    ("苹果", "Apple"), ("Apple", "Apple"), ("APPLE", "Apple"), ("Ａｐｐｌｅ", "Apple"), ("Apple Inc.", "Apple"),
    ("iPhone", "Apple"), ("华为", "Huawei"), ("华为手机", "Huawei"), ("HUAWEI", "Huawei"), ("荣耀", "Honor"),
    ("Honor", "Honor"), ("小米", "Xiaomi"), ("小米科技有限公司", "Xiaomi"), ("Redmi", "Xiaomi"), ("红米", "Xiaomi"),
    ("POCO", "Xiaomi"), ("vivo", "vivo"), ("VIVO", "vivo"), ("iQOO", "vivo"), ("OPPO", "OPPO"), ("Oppo", "OPPO"),
    ("OnePlus", "OPPO"), ("One Plus", "OPPO"), ("一加", "OPPO"), ("realme", "OPPO"), ("真我", "OPPO"),
    ("三星", "Samsung"), ("Samsung", "Samsung"), ("诺基亚", "Nokia"), ("摩托罗拉", "Motorola"), ("索尼", "Sony"),
    ("Sony Ericsson", "Sony"), ("联想", "Lenovo"), ("中兴", "ZTE"), ("ZTE", "ZTE"), ("魅族", "Meizu"),
    ("谷歌", "Google"), ("Google", "Google"),
    ("Sagem", "Sagem"), ("  Sony   Mobile Communications ", "Sony Mobile Communications"), ("", ""),
])
def test_canonical_brand(name: str, family: str) -> None:
    assert canonical_brand(name) == family


@pytest.mark.parametrize(("first", "second", "compatible"), [
    ("Apple", "苹果", True), ("Xiaomi", "Redmi", True), ("红米", "POCO", True), ("Huawei", "荣耀", True),
    ("Honor", "华为", True), ("vivo", "iQOO", True), ("OnePlus", "OPPO", True), ("SAGEM", "sagem", True),
    ("Apple", "Samsung", False), ("Huawei", "Xiaomi", False), ("vivo", "OPPO", False), ("Sagem", "Siemens", False),
    ("Apple", "", False), ("", "", False),
])
def test_brands_compatible(first: str, second: str, compatible: bool) -> None:
    assert brands_compatible(first, second) is compatible
    assert brands_compatible(second, first) is compatible
