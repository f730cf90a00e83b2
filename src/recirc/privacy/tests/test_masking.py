"""Masked forms, exactly."""

from __future__ import annotations

import pytest

from recirc.privacy.facade import mask_address, mask_birth_date, mask_identity_number, mask_name, mask_phone


@pytest.mark.parametrize(("value", "kind", "masked"), [
    ("110105194912310029", "resident_id", "110105********0029"),
    ("11010519491231002x", "resident_id", "110105********002X"),
    ("E12345678", "passport", "E1*****78"),
    ("H12345678", "hk_macao_permit", "H1*****78"),
    ("123", "passport", "***"),
])
def test_identity_numbers(value, kind, masked) -> None:
    assert mask_identity_number(value, kind=kind) == masked


def test_identity_numbers_default_to_resident_numbers() -> None:
    assert mask_identity_number("110105194912310029") == "110105********0029"


@pytest.mark.parametrize(("value", "masked"), [
    ("13812345678", "138****5678"),
    ("+86 138 1234 5678", "138****5678"),
    ("+1 650 253 0000", "+1 650****0000"),
    ("12345", "*****"),
])
def test_phones(value, masked) -> None:
    assert mask_phone(value) == masked


@pytest.mark.parametrize(("value", "masked"), [
    ("张三丰", "张**"),
    ("张三", "张*"),
    ("王", "*"),
    ("John Smith", "J*** S****"),
    ("  Ｊｏｈｎ  Smith ", "J*** S****"),
])
def test_names(value, masked) -> None:
    assert mask_name(value) == masked


@pytest.mark.parametrize(("value", "masked"), [
    ("北京市朝阳区建国路88号", "北京市朝阳区****"),
    ("广东省深圳市南山区科技园南区8栋", "广东省深圳市南山区****"),
    ("上海市浦东新区张江路100号", "上海市浦东新区****"),
    ("浙江省义乌市稠城街道工人北路1号", "浙江省义乌市****"),
    ("广西壮族自治区南宁市青秀区民族大道1号", "广西壮族自治区南宁市青秀区****"),
    ("湖北省恩施土家族苗族自治州恩施市舞阳大街2号", "湖北省恩施土家族苗族自治州恩施市****"),
    ("88 Jianguo Road, Chaoyang District, Beijing", "****, Chaoyang District, Beijing"),
    ("somewhere", "****"),
])
def test_addresses_keep_the_district(value, masked) -> None:
    assert mask_address(value) == masked


def test_birth_dates_keep_the_year() -> None:
    assert mask_birth_date("1949-12-31") == "1949-**-**"
