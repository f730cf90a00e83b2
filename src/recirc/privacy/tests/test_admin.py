"""The vault admin is read-only and never shows a plain value or ciphertext."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from recirc.privacy.facade import PiiKind, Purpose, pii_reveal, pii_store
from recirc.privacy.models import VaultRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    client.admin = admin
    return client


def test_the_vault_pages_show_masks_only(admin_client, one_key) -> None:
    stored = pii_store(kind=PiiKind.RESIDENT_ID, value="11010519491231002X")
    pii_reveal(token=stored.token, actor=admin_client.admin, purpose=Purpose.SUPPORT)
    record = VaultRecord.objects.get(token=stored.token)
    pages = [
        reverse("admin:privacy_vaultrecord_changelist"),
        reverse("admin:privacy_vaultrecord_change", args=[record.pk]),
        reverse("admin:privacy_reveallog_changelist"),
    ]
    for url in pages:
        response = admin_client.get(url)
        content = response.content.decode()
        assert response.status_code == 200
        assert "110105********002X" in content or "reveallog" in url
        assert "11010519491231002X" not in content
        assert record.blind_index not in content
        assert "ciphertext" not in content.lower()


def test_vault_records_cannot_be_added_changed_or_deleted(admin_client, one_key) -> None:
    record = VaultRecord.objects.get(token=pii_store(kind=PiiKind.PHONE, value="13812345678").token)
    assert admin_client.get(reverse("admin:privacy_vaultrecord_add")).status_code == 403
    assert admin_client.post(reverse("admin:privacy_vaultrecord_delete", args=[record.pk]),
                             {"post": "yes"}).status_code == 403
    assert VaultRecord.objects.filter(pk=record.pk).exists()
