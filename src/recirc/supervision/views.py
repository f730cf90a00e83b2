"""The commerce regulator's statistics dashboard (tabs of charts, each with its table and CSV/XLSX export) and
the public green-impact page. The dashboard is for the commerce regulator and the platform administrator:
anonymous users are sent to sign in, other roles get 403."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from recirc.core.errors import ValidationFailed
from recirc.core.htmx import render_page
from recirc.core.http import apply_to_form
from recirc.core.permissions import role_required
from recirc.supervision import green
from recirc.supervision.catalogue import table_build
from recirc.supervision.charts import chart_option, daily_green_option
from recirc.supervision.dimensions import Filters, add_months, default_filters, filters_from, month_start
from recirc.supervision.figures import growth, growth_periods
from recirc.supervision.forms import FilterForm
from recirc.supervision.models import ActivityDaily, RefreshState, TransactionMonthly
from recirc.supervision.policy import STATISTICS_ROLES, policy_int
from recirc.supervision.refresh import month_end
from recirc.supervision.tables import Table, table_response

TABS: dict[str, tuple[str, ...]] = {
    "overview": ("trend", "growth-category", "by-category", "by-channel", "by-method", "growth-district"),
    "operators": ("operators", "top-sellers"),
    "supervision": ("activity", "flagged-weekly", "sell-through", "entities"),
    "green": ("green",),
}
DISTRICT_TABLES = frozenset({"growth-district", "by-district"})
statistics_only = role_required(*STATISTICS_ROLES)


def tab_labels() -> dict[str, str]:
    return {"overview": _("Overview"), "operators": _("Operators"), "supervision": _("Register and police"),
            "green": _("Green impact")}


def section(table: Table) -> dict[str, Any]:
    return {"table": table, "rows": list(zip(table.display_rows(), table.links or [""] * len(table.rows),
                                             strict=True)),
            "chart": chart_option(table), "chart_id": f"chart-{table.slug}"}


def _drill_links(request: HttpRequest, table: Table) -> None:
    """District rows open the operators of that district with the same filters."""
    if table.slug in DISTRICT_TABLES:
        query = {key: str(value) for key, value in request.GET.items() if key not in {"region", "tab", "page"}}
        table.links = [f"?{urlencode({**query, 'region': row['code'], 'tab': 'operators'})}" for row in table.rows]


def _kpis(filters: Filters) -> dict[str, Any]:
    """The period's headline figures: city totals, not suppressed."""
    totals = TransactionMonthly.objects.filter(filters.region_q(), month__range=(filters.first_month,
                                                                                filters.last_month))
    now = totals.aggregate(records=Sum("records"), value=Sum("value"))
    first, last, base_first, base_last = growth_periods(filters, policy_int("STATISTICS_BASELINE_YEAR"))
    year_to_date = TransactionMonthly.objects.filter(filters.region_q(), month__range=(first, last))
    base = TransactionMonthly.objects.filter(filters.region_q(), month__range=(base_first, base_last))
    years_back = last.year - base_first.year
    activity = dict(ActivityDaily.objects.filter(filters.region_q(), day__range=(
        filters.first_month, month_end(filters.last_month))).order_by().values_list("measure").annotate(Sum("records")))
    state = RefreshState.objects.filter(name="rollups").first()
    return {"records": now["records"] or 0, "value": f"{now['value'] or 0:,.0f}",
            "growth": growth(year_to_date.aggregate(value=Sum("value"))["value"],
                             base.aggregate(value=Sum("value"))["value"]) if years_back else None,
            "growth_period": f"{first:%Y-%m}–{last:%Y-%m}", "activity": activity,
            "refreshed_at": state.last_run_at if state else None}


def _filters(request: HttpRequest, form: FilterForm) -> Filters:
    try:
        return filters_from(request.GET)
    except ValidationFailed as error:
        form.is_valid()
        error.errors = {("from_" if key == "from" else key): value for key, value in error.errors.items()}
        apply_to_form(form, error)
        return default_filters()


@statistics_only
def dashboard_view(request: HttpRequest) -> HttpResponse:
    base = default_filters()
    form = FilterForm({"from": f"{base.first_month:%Y-%m}", "to": f"{base.last_month:%Y-%m}", "region": base.region,
                       **request.GET.dict()})
    filters = _filters(request, form)
    year = int(request.GET["year"]) if str(request.GET.get("year", "")).isdigit() else filters.last_month.year
    export = request.GET.get("export", "")
    if export:
        return table_response(table_build(request.user, export, filters, year), request.GET.get("format", "csv"))
    tab = str(request.GET.get("tab")) if request.GET.get("tab") in TABS else "overview"
    tables = [table_build(request.user, slug, filters, year) for slug in TABS[tab]]
    for table in tables:
        _drill_links(request, table)
    query = {key: str(value) for key, value in request.GET.items() if key not in {"tab", "export", "format"}}
    context = {"form": form, "filters": filters, "tab": tab, "tabs": tab_labels(), "year": year,
               "sections": [section(table) for table in tables], "kpis": _kpis(filters),
               "query": urlencode(query), "baseline_year": policy_int("STATISTICS_BASELINE_YEAR")}
    return render_page(request, "supervision/dashboard.html", context, partial="results")


def green_view(request: HttpRequest) -> HttpResponse:
    """Public: CO2e avoided by reuse over the last twelve complete months and this year, with the promotion days."""
    today = timezone.localdate()
    last = add_months(month_start(today), -1)
    if request.GET.get("export"):
        return table_response(green.green_table(add_months(last, -11), last), request.GET.get("format", "csv"))
    twelve_months = green.green_table(add_months(last, -11), last)
    this_year = green.green_table(dt.date(today.year, 1, 1), month_start(today))
    daily = green.green_daily(today, 120)
    context = {"table": section(twelve_months), "total": f"{green.green_total(twelve_months):,.0f}",
               "year_total": f"{green.green_total(this_year):,.0f}", "year": today.year,
               "daily_chart": daily_green_option(daily, _("kg CO2e avoided")),
               "promotion": green.promotion_now(today), "periods": green.promotion_periods(today.year),
               "period": f"{add_months(last, -11):%Y-%m}–{last:%Y-%m}",
               "items": sum(row["items"] or 0 for row in twelve_months.rows)}
    return render_page(request, "supervision/green.html", context)
