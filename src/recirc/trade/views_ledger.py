"""Ledger pages for the platform administrator: accounts and balances, transactions with their entries, the
verification result, and CSV / XLSX exports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from recirc.core.htmx import render_page
from recirc.core.permissions import role_required
from recirc.core.roles import Role
from recirc.trade import pages, selectors
from recirc.trade.exports import accounts_export, transactions_export
from recirc.trade.ledger import ledger_verify
from recirc.trade.models import AccountKind, LedgerKind


@role_required(Role.PLATFORM_ADMIN)
def ledger_accounts_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in AccountKind.values else ""
    accounts = selectors.accounts_list(kind=kind)
    if request.GET.get("format") in ("csv", "xlsx"):
        return accounts_export(accounts, request.GET["format"])
    page, query = pages.page_of(request, accounts)
    check = ledger_verify() if request.GET.get("verify") == "1" else None
    return render_page(request, "trade/ledger_accounts.html", {"page": page, "query": query, "kind": kind,
                                                               "kinds": AccountKind.choices, "check": check},
                       partial="results")


@role_required(Role.PLATFORM_ADMIN)
def ledger_transactions_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in LedgerKind.values else ""
    account = request.GET.get("account", "")[:60]
    transactions = selectors.transactions_list(kind=kind, account=account)
    if request.GET.get("format") in ("csv", "xlsx"):
        return transactions_export(transactions[:50000], request.GET["format"])
    page, query = pages.page_of(request, transactions)
    return render_page(request, "trade/ledger_transactions.html", {"page": page, "query": query, "kind": kind,
                                                                   "account": account, "kinds": LedgerKind.choices},
                       partial="results")
