"""Natural-person sellers over the yearly threshold (REGULATIONS.md section 3, SAMR 2025 draft: a natural person
selling no more than RECIRC_POLICY["NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN"] (100,000 yuan) a year needs no
business registration; above it they must register and are flagged).

Two pages: the moderators' list of consumer sellers whose C2C sales in a calendar year exceed the threshold, with
their totals (and its CSV), and the seller's own page with their yearly totals and, when over, the notice that
they must register as a business. Totals are trade's own sums (selectors.consumer_seller_sales_totals)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from recirc.accounts.contracts import UserRef
from recirc.accounts.facade import user_ref
from recirc.core.errors import NotFound
from recirc.core.permissions import has_role, role_required
from recirc.core.roles import Role
from recirc.core.tables import table_response
from recirc.trade import selectors
from recirc.trade.errors import TradeForbidden

REVIEWER_ROLES = (Role.MODERATOR, Role.PLATFORM_ADMIN, Role.MARKET_SUPERVISION)
PAGE_SIZE = 20
FIRST_YEAR = 2000


def threshold() -> Decimal:
    return Decimal(settings.RECIRC_POLICY.get("NATURAL_PERSON_REGISTRATION_THRESHOLD_YUAN", 100_000))


def _year(raw: str | None) -> int:
    """The asked calendar year, or this one for a missing or impossible value."""
    this_year = timezone.localdate().year
    try:
        year = int(raw or this_year)
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def _sellers(user_ids: list[int]) -> dict[int, UserRef]:
    named: dict[int, UserRef] = {}
    for user_id in user_ids:
        try:
            named[user_id] = user_ref(user_id)
        except NotFound:
            continue
    return named


@role_required(*REVIEWER_ROLES)
def seller_registration_list_view(request: HttpRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    rows = selectors.consumer_seller_sales_totals(year, above=threshold())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    named = _sellers([user_id for user_id, _amount, _orders in page.object_list])
    context = {"year": year, "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1)[:6], "page": page,
               "threshold": threshold(), "rows": [(named.get(user_id), user_id, amount, orders)
                                                  for user_id, amount, orders in page.object_list]}
    return render(request, "trade/seller_registration_list.html", context)


@role_required(*REVIEWER_ROLES)
def seller_registration_export_view(request: HttpRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    rows = selectors.consumer_seller_sales_totals(year, above=threshold())
    named = _sellers([user_id for user_id, _amount, _orders in rows])
    header = [_("User number"), _("Account name"), _("Name shown"), _("Year"), _("C2C sales (CNY)"), _("Orders"),
              _("Threshold (CNY)")]
    table = ([user_id, getattr(named.get(user_id), "username", ""), getattr(named.get(user_id), "display_name", ""),
              year, str(amount), orders, str(threshold())] for user_id, amount, orders in rows)
    return table_response(header, table, "csv", f"sellers-over-threshold-{year}")


@login_required
def seller_sales_view(request: HttpRequest) -> HttpResponse:
    """The consumer seller's own yearly C2C sales, with the registration notice when over the threshold."""
    if not has_role(request.user, Role.CONSUMER):
        raise TradeForbidden()
    this_year = timezone.localdate().year
    years = []
    for year in (this_year, this_year - 1):
        rows = selectors.consumer_seller_sales_totals(year, user_id=request.user.pk)
        amount, orders = (rows[0][1], rows[0][2]) if rows else (Decimal("0.00"), 0)
        years.append({"year": year, "amount": amount, "orders": orders, "over": amount > threshold()})
    return render(request, "trade/seller_sales.html", {"years": years, "threshold": threshold(),
                                                       "over": any(row["over"] for row in years)})
