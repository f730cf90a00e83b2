"""The ledger: balanced postings only, balances equal their entries, reversals, append-only in the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from recirc.core.errors import DomainError
from recirc.trade.ledger import account_get, ledger_post, ledger_reverse, ledger_verify
from recirc.trade.models import Account, AccountKind, LedgerEntry, LedgerTransaction


@pytest.fixture
def accounts(db: Any) -> tuple[Account, Account]:
    return account_get(AccountKind.ESCROW), account_get(AccountKind.PLATFORM_FEE)


def test_an_unbalanced_posting_is_refused_before_anything_is_written(accounts: tuple[Account, Account]) -> None:
    escrow, fee = accounts
    with pytest.raises(DomainError) as refused:
        ledger_post(kind="refund", lines=[(escrow, Decimal("10.00")), (fee, Decimal("-9.99"))])
    assert refused.value.code == "trade.ledger_unbalanced"
    assert (LedgerTransaction.objects.count(), LedgerEntry.objects.count()) == (0, 0)


def test_a_reversal_brings_every_balance_back(accounts: tuple[Account, Account]) -> None:
    escrow, fee = accounts
    posted = ledger_post(kind="escrow_released", lines=[(escrow, Decimal("12.34")), (fee, Decimal("-12.34"))])
    assert dict(Account.objects.values_list("code", "balance")) == {"escrow": Decimal("12.34"),
                                                                    "platform_fee": Decimal("-12.34")}
    reversal = ledger_reverse(actor=None, transaction_id=posted.pk)
    assert reversal.reverses_id == posted.pk
    assert set(Account.objects.values_list("balance", flat=True)) == {Decimal("0.00")}
    assert ledger_verify().holds


def test_verification_finds_a_drifted_balance(accounts: tuple[Account, Account]) -> None:
    escrow, fee = accounts
    ledger_post(kind="refund", lines=[(escrow, Decimal("5.00")), (fee, Decimal("-5.00"))])
    Account.objects.filter(pk=escrow.pk).update(balance=Decimal("6.00"))
    check = ledger_verify()
    assert check.drifted == [("escrow", Decimal("6.00"), Decimal("5.00"))]
    assert not check.holds


def test_the_database_refuses_to_edit_an_entry(accounts: tuple[Account, Account]) -> None:
    escrow, fee = accounts
    ledger_post(kind="refund", lines=[(escrow, Decimal("5.00")), (fee, Decimal("-5.00"))])
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(account=escrow).update(amount=Decimal("6.00"))
    assert LedgerEntry.objects.get(account=escrow).amount == Decimal("5.00")


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the deferred balance trigger is PostgreSQL's")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_refuses_an_unbalanced_transaction_at_commit() -> None:
    escrow = account_get(AccountKind.ESCROW)
    with pytest.raises(DatabaseError), transaction.atomic():
        record = LedgerTransaction.objects.create(kind="refund")
        LedgerEntry.objects.create(transaction=record, account=escrow, amount=Decimal("1.00"))
    assert LedgerTransaction.objects.count() == 0
    ledger_post(kind="refund", lines=[(escrow, Decimal("1.00")), (account_get(AccountKind.REFUNDS), Decimal("-1"))])
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.all().delete()
    assert LedgerEntry.objects.count() == 2
