"""Issue acceptance: a resident identity number, once verified and logged, is nowhere in plain text.

Not in any table (every row of every table through the cursor; on SQLite also the raw database image),
not in the captured log output (with the MaskPiiFilter attached as in settings.LOGGING), not in any audit
payload. Each search has a positive control (the masked form is found), so an empty search proves nothing
only if it also fails to find what must be there.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils.module_loading import import_string

from recirc.accounts.models import RealNameVerification
from recirc.core.models import AuditEvent

RESIDENT_ID = "11010519491231002X"  # python-stdnum test vector, synthetic
SECOND_ID = "360426199101010071"    # python-stdnum docstring vector, synthetic
LEGAL_NAME = "张三丰"
SECRETS = [RESIDENT_ID, RESIDENT_ID.lower(), "11010519491231", SECOND_ID, "36042619910101", LEGAL_NAME]
MASKED = "110105********002X"


def _as_bytes(value: Any) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return str(value).encode("utf-8")


def dump_every_row() -> bytes:
    """Every value of every row of every table, through the database cursor."""
    chunks: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names)
            chunks.extend(_as_bytes(value) for row in cursor.fetchall() for value in row if value is not None)
    return b"\x1e".join(chunks)


def raw_database_image() -> bytes | None:
    """SQLite only: the database file (and its WAL) for a file database, else the in-memory image."""
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    if not connection.is_in_memory_db():
        name = Path(str(connection.settings_dict["NAME"]))
        return b"".join(path.read_bytes() for path in (name, Path(f"{name}-wal")) if path.exists())
    return bytes(connection.connection.serialize())


def leaks_in(haystack: bytes | str) -> list[str]:
    text = haystack if isinstance(haystack, bytes) else haystack.encode("utf-8")
    return [secret for secret in SECRETS if secret.encode("utf-8") in text]


@pytest.fixture
def masked_log(caplog):  # type: ignore[no-untyped-def]
    # the filter exactly as settings.LOGGING attaches it to every handler
    mask_filter = import_string(settings.LOGGING["filters"]["mask_pii"]["()"])()
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["mask_pii"]
    caplog.handler.addFilter(mask_filter)
    caplog.set_level(logging.DEBUG)
    yield caplog
    caplog.handler.filters.clear()


@pytest.mark.django_db(transaction=True)
def test_a_verified_identity_number_is_stored_nowhere_in_plain_text(client, consumer, masked_log) -> None:
    # given a consumer who verifies through the page, another through the API
    client.force_login(consumer)
    page = client.post(reverse("account-verification"), {
        "document_type": "resident_id", "id_number": RESIDENT_ID, "legal_name": LEGAL_NAME,
        "face_matched": "on", "consent": "on"})
    other = type(consumer).objects.create_user("lisi", password="x", role="consumer")
    client.force_login(other)
    api = client.post("/api/v1/accounts/verification", {
        "document_type": "resident_id", "id_number": SECOND_ID, "legal_name": LEGAL_NAME, "face_matched": True,
        "consent": True}, content_type="application/json")
    # and code that carelessly logs the numbers, with and without an exception
    logger = logging.getLogger("recirc.accounts")
    logger.warning("verification attempt for %s (%s)", RESIDENT_ID, LEGAL_NAME[:1])
    try:
        raise ValueError(f"bad record {SECOND_ID}")
    except ValueError:
        logger.exception("failed while checking %s", RESIDENT_ID)

    # then both verifications happened
    assert (page.status_code, api.status_code) == (303, 201)
    assert RealNameVerification.objects.filter(id_masked=MASKED).count() == 1

    # no table holds the number or the legal name (positive control: the masked number is there)
    rows = dump_every_row()
    assert leaks_in(rows) == []
    assert MASKED.encode() in rows

    # nor the raw SQLite database image
    image = raw_database_image()
    if image is not None:
        assert leaks_in(image) == []
        assert MASKED.encode() in image

    # nor the log output
    assert leaks_in(masked_log.text) == []
    assert leaks_in("".join(record.getMessage() for record in masked_log.records)) == []
    assert MASKED in masked_log.text

    # nor any audit payload
    payloads = json.dumps([event.payload for event in AuditEvent.objects.all()], ensure_ascii=False)
    assert leaks_in(payloads) == []
    assert MASKED in payloads


@pytest.mark.django_db(transaction=True)  # committed, so a file database holds it on disk
def test_the_searches_do_find_a_planted_leak(consumer) -> None:
    # given a number written where it must never be: the searches above would catch it
    consumer.display_name = RESIDENT_ID
    consumer.save(update_fields=["display_name"])
    # then
    assert leaks_in(dump_every_row()) == [RESIDENT_ID, "11010519491231"]
    image = raw_database_image()
    if image is not None:
        assert RESIDENT_ID in leaks_in(image)
