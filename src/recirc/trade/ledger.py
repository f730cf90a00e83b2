"""Posting to the double-entry ledger, and verifying it.

`ledger_post` is the only writer of ledger rows: it refuses an unbalanced transaction before writing, locks the
accounts it touches in id order (so two postings never deadlock), inserts the transaction and its entries, and
moves each account's materialised balance with F(). `ledger_verify` recomputes everything from the entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Sum

from recirc.core.money import money
from recirc.trade.errors import LedgerUnbalanced
from recirc.trade.models import Account, AccountKind, LedgerEntry, LedgerTransaction

ZERO = Decimal("0.00")


def account_code(kind: str, owner: int | None = None) -> str:
    prefix = {AccountKind.BUYER: "buyer", AccountKind.SELLER_OPERATOR: "seller:operator",
              AccountKind.SELLER_CONSUMER: "seller:user", AccountKind.CASH_DRAWER: "cash:outlet",
              AccountKind.PROVIDER_CLEARING: "clearing"}.get(AccountKind(kind))
    if prefix is None:
        return str(kind)
    return f"{prefix}:{owner}"


def _opening(kind: str, *, user_id: int | None = None, operator_id: int | None = None, outlet_id: int | None = None,
             provider: str = "") -> tuple[str, dict[str, Any]]:
    """The account's code and the fields it is opened with."""
    owner: Any = {AccountKind.BUYER: user_id, AccountKind.SELLER_CONSUMER: user_id,
                  AccountKind.SELLER_OPERATOR: operator_id, AccountKind.CASH_DRAWER: outlet_id,
                  AccountKind.PROVIDER_CLEARING: provider}.get(AccountKind(kind))
    defaults = {"kind": kind, "owner_user_id": user_id if kind in (AccountKind.BUYER, AccountKind.SELLER_CONSUMER)
                else None, "owner_operator_id": operator_id if kind == AccountKind.SELLER_OPERATOR else None,
                "outlet_id": outlet_id if kind == AccountKind.CASH_DRAWER else None}
    return account_code(kind, owner), defaults


def account_get(kind: str, *, user_id: int | None = None, operator_id: int | None = None,
                outlet_id: int | None = None, provider: str = "") -> Account:
    """The account, opened on first use (idempotent under concurrency: `code` is unique)."""
    return accounts_get({"kind": kind, "user_id": user_id, "operator_id": operator_id, "outlet_id": outlet_id,
                         "provider": provider})[0]


def accounts_get(*wanted: Mapping[str, Any]) -> list[Account]:
    """Several accounts (each given as account_get's arguments, "kind" included) read with one query, in the
    order asked; any not yet opened is opened (idempotent under concurrency: `code` is unique)."""
    openings = [_opening(**spec) for spec in wanted]
    found = {account.code: account for account in Account.objects.filter(code__in={code for code, _ in openings})}
    for code, defaults in openings:
        if code not in found:
            found[code], _created = Account.objects.get_or_create(code=code, defaults=defaults)
    return [found[code] for code, _defaults in openings]


def _combined(lines: Iterable[tuple[Account, Decimal]]) -> list[tuple[Account, Decimal]]:
    """Amounts rounded to cents; lines of one account kept apart (they tell the story), zero lines dropped."""
    cleaned = [(account, money(amount)) for account, amount in lines]
    return [(account, amount) for account, amount in cleaned if amount != 0]


def ledger_post(*, kind: str, lines: Sequence[tuple[Account, Decimal]], memo: str = "", order_id: int | None = None,
                payment_id: int | None = None, actor: Any = None, reverses_id: int | None = None) -> LedgerTransaction:
    """Record one balanced transaction. LedgerUnbalanced (nothing written) unless the amounts sum to zero.

    Balances move with UPDATE ... SET balance = balance + x, one account after another in id order: each UPDATE
    locks its row until commit, and the fixed order means two postings never deadlock. Callers post as late in
    their transaction as they can, so that the busiest rows (escrow, provider clearing) stay locked briefly."""
    entries = _combined(lines)
    if not entries or sum((amount for _account, amount in entries), ZERO) != 0:
        raise LedgerUnbalanced()
    with transaction.atomic(savepoint=False):
        return _write(kind, entries, memo=memo, order_id=order_id, payment_id=payment_id, actor=actor,
                      reverses_id=reverses_id)


def _write(kind: str, entries: list[tuple[Account, Decimal]], *, memo: str, order_id: int | None,
           payment_id: int | None, actor: Any, reverses_id: int | None) -> LedgerTransaction:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    record = LedgerTransaction.objects.create(kind=kind, memo=memo[:200], order_id=order_id, payment_id=payment_id,
                                              created_by=user, reverses_id=reverses_id)
    LedgerEntry.objects.bulk_create([LedgerEntry(transaction=record, account=account, amount=amount)
                                     for account, amount in entries])
    moves: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for account, amount in entries:
        moves[account.pk] += amount
    for account_id in sorted(moves):
        if moves[account_id] != 0:  # legs that cancel out on one account leave its row alone (and unlocked)
            Account.objects.filter(pk=account_id).update(balance=F("balance") + moves[account_id])
    return record


@transaction.atomic
def ledger_reverse(*, actor: Any, transaction_id: int, memo: str = "") -> LedgerTransaction:
    """The correction of a posted transaction: the same entries with opposite signs, linked to it."""
    original = LedgerTransaction.objects.get(pk=transaction_id)
    lines = [(entry.account, -entry.amount) for entry in original.entries.select_related("account")]
    return ledger_post(kind="reversal", lines=lines, memo=memo or f"reverses #{original.pk}",
                       order_id=original.order_id, payment_id=original.payment_id, actor=actor,
                       reverses_id=original.pk)


@dataclass
class LedgerCheck:
    """What `ledger_verify` found: empty lists mean the ledger holds."""

    transactions: int = 0
    entries: int = 0
    unbalanced: list[int] = field(default_factory=list)  # transaction ids whose entries do not sum to zero
    empty: list[int] = field(default_factory=list)  # transactions with fewer than two entries
    drifted: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # (account, stored, recomputed)
    total: Decimal = ZERO

    @property
    def holds(self) -> bool:
        return not self.unbalanced and not self.empty and not self.drifted and self.total == 0


def _sums() -> tuple[dict[int, tuple[Decimal, int]], dict[int, Decimal]]:
    """(transaction -> (sum, legs), account -> sum), exact: PostgreSQL sums numeric exactly; SQLite would sum
    decimals as floating point, so there the entries are summed in Python."""
    by_transaction: dict[int, tuple[Decimal, int]] = {}
    by_account: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if connection.vendor == "postgresql":
        for row in LedgerEntry.objects.values("transaction_id").annotate(total=Sum("amount"), legs=Count("id")
                                                                           ).order_by():
            by_transaction[row["transaction_id"]] = (row["total"], row["legs"])
        by_account.update(LedgerEntry.objects.values_list("account_id").annotate(total=Sum("amount")).order_by())
        return by_transaction, by_account
    for transaction_id, account_id, amount in LedgerEntry.objects.values_list(
            "transaction_id", "account_id", "amount").iterator(chunk_size=5000):
        total, legs = by_transaction.get(transaction_id, (ZERO, 0))
        by_transaction[transaction_id] = (total + amount, legs + 1)
        by_account[account_id] += amount
    return by_transaction, by_account


def ledger_verify() -> LedgerCheck:
    """Recompute from the entries: every transaction sums to zero, every balance equals its entries' sum."""
    check = LedgerCheck(transactions=LedgerTransaction.objects.count(), entries=LedgerEntry.objects.count())
    by_transaction, by_account = _sums()
    for transaction_id, (total, legs) in sorted(by_transaction.items()):
        if total != 0:
            check.unbalanced.append(transaction_id)
        if legs < 2:
            check.empty.append(transaction_id)
    check.empty.extend(sorted(set(LedgerTransaction.objects.values_list("pk", flat=True)) - set(by_transaction)))
    for account in Account.objects.order_by("pk"):
        expected = by_account.get(account.pk) or ZERO
        if account.balance != expected:
            check.drifted.append((account.code, account.balance, expected))
    check.total = sum((total for total, _legs in by_transaction.values()), ZERO)
    return check
