"""The double-entry ledger: accounts, transactions and their entries.

Amounts are signed Decimal yuan: a debit is positive, a credit negative, so the entries of one transaction sum
to zero (checked in Python before insert and, on PostgreSQL, by a deferred constraint trigger at commit). An
account's `balance` is the materialised sum of its entries, updated with F() under a row lock; the ledger
verification recomputes it. Transactions and entries are append-only (database triggers refuse UPDATE and
DELETE); a correction is a reversing transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER_OPERATOR = "seller_operator", _("Seller (operator)")
    SELLER_CONSUMER = "seller_consumer", _("Seller (consumer)")
    ESCROW = "escrow", _("Escrow")
    PLATFORM_FEE = "platform_fee", _("Platform fee revenue")
    PROVIDER_CLEARING = "provider_clearing", _("Payment provider clearing")
    REFUNDS = "refunds", _("Refunds payable")
    CASH_DRAWER = "cash_drawer", _("Cash drawer")


class Account(models.Model):
    """One ledger account. `code` is unique and readable ("escrow", "buyer:12", "cash:outlet:7")."""

    code = models.CharField(_("account code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices, db_index=True)
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner (user)"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    owner_operator = models.ForeignKey("operators.Operator", verbose_name=_("owner (operator)"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey("operators.Outlet", verbose_name=_("outlet"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    balance = models.DecimalField(_("balance (CNY, debit positive)"), max_digits=16, decimal_places=2,
                                  default=Decimal("0.00"))
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.code


class LedgerKind(models.TextChoices):
    PAYMENT_CAPTURED = "payment_captured", _("Payment captured into escrow")
    ESCROW_RELEASED = "escrow_released", _("Escrow released to the seller")
    REFUND = "refund", _("Refund")
    REFUND_PAID = "refund_paid", _("Refund paid out")
    POS_SALE = "pos_sale", _("Sale at the counter")
    REVERSAL = "reversal", _("Reversal")


class LedgerTransaction(models.Model):
    """One balanced movement of money. Never edited or deleted."""

    kind = models.CharField(_("kind"), max_length=20, choices=LedgerKind.choices, db_index=True)
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    order = models.ForeignKey("trade.Order", verbose_name=_("order"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="ledger_transactions")
    payment = models.ForeignKey("trade.Payment", verbose_name=_("payment"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="ledger_transactions")
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversed_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class LedgerEntry(models.Model):
    """One leg of a transaction: a signed amount on one account (debit positive, credit negative)."""

    transaction = models.ForeignKey(LedgerTransaction, verbose_name=_("transaction"), on_delete=models.PROTECT,
                                    related_name="entries")
    account = models.ForeignKey(Account, verbose_name=_("account"), on_delete=models.PROTECT,
                                related_name="entries")
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount}"
