"""CSV and XLSX exports of the ledger (accounts with balances, transactions with their entries)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def _response(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> HttpResponse:
    from openpyxl import Workbook

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append([str(value) if value is not None else "" for value in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument."
                                                                 "spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
        return response
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


def accounts_export(accounts: Iterable[Any], fmt: str) -> HttpResponse:
    header = [_("Account"), _("Kind"), _("Balance (CNY, debit positive)")]
    return _response("ledger-accounts", header, ((a.code, a.kind, a.balance) for a in accounts), fmt)


def transactions_export(transactions: Iterable[Any], fmt: str) -> HttpResponse:
    header = [_("Transaction"), _("Recorded at"), _("Kind"), _("Order"), _("Payment"), _("Account"), _("Amount")]
    rows = ([t.pk, timezone.localtime(t.created_at).isoformat(timespec="seconds"), t.kind,
             t.order.number if t.order else "", t.payment.number if t.payment else "", entry.account.code,
             entry.amount] for t in transactions for entry in t.entries.all())
    return _response("ledger-transactions", header, rows, fmt)
