"""The register only grows, and `register_verify` (`recirc register verify`) finds and names any tampering.

Tampering is done the way someone with database access would: raw SQL, or a plain queryset update that
bypasses the register's guarded manager. Each test checks the exact entry named and the exit status.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models

from recirc.acquisitions.facade import register_verify
from recirc.acquisitions.models import AcquisitionEntry, AppendOnly
from recirc.acquisitions.tests.factories import jacket, record
from recirc.core.hashchain import ChainHead

pytestmark = pytest.mark.django_db
TABLE = AcquisitionEntry._meta.db_table


@pytest.fixture
def register(world: dict[str, Any]) -> dict[str, Any]:
    """Given five entries at outlet a1 and two at outlet a2."""
    entries = [record(world["clerk_a"], world["outlet_a"], article=jacket(title=f"Jacket {index}"))
               for index in range(1, 6)]
    others = [record(world["manager_a"], world["outlet_a2"], article=jacket(title=f"Coat {index}"))
              for index in range(1, 3)]
    return {**world, "entries": entries, "others": others}


def verify(*arguments: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("register_verify", *arguments, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def raw(sql: str, *params: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", connection.ops.quote_name(TABLE)), params)


def plain(model: type[models.Model]) -> Any:
    """A queryset without the register's guards, as any other code with database access could build."""
    return models.QuerySet(model=model)


def test_an_intact_register_verifies_with_one_line_per_chain(register: dict[str, Any]) -> None:
    status, output = verify()
    a1, a2 = register["outlet_a"].pk, register["outlet_a2"].pk
    assert status == 0
    assert output.splitlines() == [f"Outlet {a1}: intact, 5 of 5 entries verified.",
                                   f"Outlet {a2}: intact, 2 of 2 entries verified.",
                                   "All 2 register chain(s) intact."]


def test_an_edit_by_raw_sql_is_named(register: dict[str, Any]) -> None:
    third = register["entries"][2]
    raw("UPDATE {table} SET price_paid = %s WHERE id = %s", "1.00", third.pk)

    status, output = verify()

    assert status == 1
    assert (f"Outlet {register['outlet_a'].pk}: TAMPERED at entry #3 (id {third.pk}): entry content was altered. "
            "2 of 5 entries verified before it.") in output
    assert f"Outlet {register['outlet_a2'].pk}: intact" in output
    assert "1 of 2 register chain(s) failed verification." in output


def test_an_edit_of_a_token_by_queryset_update_is_named(register: dict[str, Any]) -> None:
    second = register["entries"][1]
    plain(AcquisitionEntry).filter(pk=second.pk).update(seller_document_masked="110105********0000")

    status, output = verify("--outlet", str(register["outlet_a"].pk))

    assert status == 1
    assert f"TAMPERED at entry #2 (id {second.pk}): entry content was altered." in output


def test_a_deleted_entry_is_named(register: dict[str, Any]) -> None:
    fourth = register["entries"][3]
    raw("DELETE FROM {table} WHERE id = %s", fourth.pk)

    status, output = verify("--outlet", str(register["outlet_a"].pk))

    assert status == 1
    assert (f"TAMPERED at entry #4 (id {register['entries'][4].pk}): missing or reordered entry: expected #4, "
            "found #5.") in output


def test_deleted_newest_entries_are_named(register: dict[str, Any]) -> None:
    raw("DELETE FROM {table} WHERE id = %s", register["entries"][4].pk)

    status, output = verify("--outlet", str(register["outlet_a"].pk))

    assert status == 1
    assert "TAMPERED at entry #5: chain head records 5 entries, found 4: newest entries deleted." in output


def test_reordered_entries_are_named(register: dict[str, Any]) -> None:
    second, third = register["entries"][1], register["entries"][2]
    raw("UPDATE {table} SET sequence = 0 WHERE id = %s", second.pk)
    raw("UPDATE {table} SET sequence = 2 WHERE id = %s", third.pk)
    raw("UPDATE {table} SET sequence = 3 WHERE id = %s", second.pk)

    status, output = verify("--outlet", str(register["outlet_a"].pk))

    assert status == 1
    assert f"TAMPERED at entry #2 (id {third.pk}): link to the previous entry is broken." in output


def test_the_facade_reports_each_chain(register: dict[str, Any]) -> None:
    raw("UPDATE {table} SET title = %s WHERE id = %s", "Something else", register["others"][1].pk)
    statuses = {status.outlet_id: status for status in register_verify()}
    a1, a2 = statuses[register["outlet_a"].pk], statuses[register["outlet_a2"].pk]
    assert (a1.intact, a1.checked, a1.length) == (True, 5, 5)
    assert (a2.intact, a2.first_bad_sequence, a2.first_bad_id) == (False, 2, register["others"][1].pk)


def test_an_unknown_outlet_has_nothing_to_verify(register: dict[str, Any]) -> None:
    assert verify("--outlet", "999999") == (0, "Outlet 999999: no register entries.\n")


def test_the_model_refuses_changes_and_deletion(register: dict[str, Any]) -> None:
    entry = register["entries"][0]
    entry.title = "changed"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AcquisitionEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnly):
        AcquisitionEntry.objects.filter(pk=entry.pk).update(title="changed")
    with pytest.raises(AppendOnly):
        AcquisitionEntry.objects.filter(pk=entry.pk).update(operator_id=register["operator_b"].pk)
    assert AcquisitionEntry.objects.get(pk=entry.pk).title == "Jacket 1"
    assert verify()[0] == 0


def test_a_deleted_chain_head_is_found(register: dict[str, Any]) -> None:
    ChainHead.objects.filter(chain_name=AcquisitionEntry.chain_name(), chain_key=str(register["outlet_a"].pk)).delete()

    status, output = verify()

    assert status == 1
    assert (f"TAMPERED at entry #1 (id {register['entries'][0].pk}): entry #1 is not recorded by the chain head "
            "(0 entries): appended outside chain_append().") in output
