"""The logging filter: no plain identity or mobile number reaches a handler."""

from __future__ import annotations

import logging

import pytest

from recirc.privacy.logging import MaskPiiFilter, mask_text


@pytest.fixture
def masked_caplog(caplog):  # type: ignore[no-untyped-def]
    caplog.handler.addFilter(MaskPiiFilter())
    caplog.set_level(logging.INFO)
    yield caplog
    caplog.handler.filters.clear()


@pytest.mark.parametrize(("text", "masked"), [
    ("id 11010519491231002X ok", "id 110105********002X ok"),
    ("id 11010519491231002x", "id 110105********002x"),
    ("id 110105 1949 1231 002X", "id 110105********002X"),
    ("call 13812345678", "call 138****5678"),
    ("call +8613812345678", "call +86138****5678"),
    ("call +86 138-1234-5678.", "call +86 138****5678."),
    ("imei 490154203237518", "imei 490154203237518"),
    ("order 20260101123456789012", "order 20260101123456789012"),
])
def test_mask_text(text, masked) -> None:
    assert mask_text(text) == masked


def test_messages_arguments_and_tracebacks_are_masked(masked_caplog) -> None:
    logger = logging.getLogger("recirc.test")
    logger.info("seller %s phone %s", "11010519491231002X", "13812345678")
    try:
        raise ValueError("bad number 11010519491231002X")
    except ValueError:
        logger.exception("failed for %s", "13812345678")
    assert "11010519491231002X" not in masked_caplog.text
    assert "13812345678" not in masked_caplog.text
    assert "seller 110105********002X phone 138****5678" in masked_caplog.text
    assert "ValueError: bad number 110105********002X" in masked_caplog.text
