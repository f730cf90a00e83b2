"""What the repair pages show, composed from the selectors, the policy and other contexts' facades (no writes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recirc.catalog.facade import category_get
from recirc.core.errors import NotFound
from recirc.core.permissions import has_role
from recirc.core.roles import Role
from recirc.items.facade import identifier_mask, item_ref
from recirc.operators.contracts import OperatorScope
from recirc.operators.facade import operator_refs, outlet_ref
from recirc.repairs import policy, selectors
from recirc.repairs.checklists import checklist_rows
from recirc.repairs.forms import (
    ApproveForm,
    CancelForm,
    CheckForm,
    DeclineForm,
    DiagnoseForm,
    LabourForm,
    PartForm,
    QuoteForm,
    StartForm,
    SubmitForm,
)
from recirc.repairs.models import WorkOrder, WorkOrderState

# action -> the form it shows; the order of this table is the order of the cards on the page.
ACTION_FORMS: dict[str, type[forms.Form]] = {
    "diagnose": DiagnoseForm, "quote": QuoteForm, "approve": ApproveForm, "decline": DeclineForm,
    "start_repair": StartForm, "part": PartForm, "labour": LabourForm, "submit": SubmitForm, "check": CheckForm,
    "cancel": CancelForm,
}
ACTION_TITLES: dict[str, Any] = {
    "diagnose": _("Record the diagnosis"), "quote": _("Quote the repair"), "approve": _("Approve the quote"),
    "decline": _("Decline the quote"), "start_repair": _("Start the repair"), "part": _("Add a part fitted"),
    "labour": _("Log labour"), "submit": _("Send to the quality check"), "check": _("Record the quality check"),
    "cancel": _("Cancel the work order"),
}
CITY_WIDE = OperatorScope(city_wide=True, operator_ids=frozenset())
STATE_BADGES: dict[str, str] = {WorkOrderState.COMPLETED: "ok", WorkOrderState.DECLINED: "",
                                 WorkOrderState.CANCELLED: "", WorkOrderState.QUOTED: "warn",
                                 WorkOrderState.QUALITY_CHECK: "warn"}


def make_form(action: str, order: WorkOrder, data: Any = None) -> forms.Form:
    form_class = ACTION_FORMS[action]
    if action == "part":
        return PartForm(data, category_code=order.category_code, item_brand=order.item_brand, prefix="part")
    if action == "check":
        return CheckForm(data, category_code=order.category_code, prefix="check")
    if action == "quote" and order.quote_valid_until is not None and data is None:  # revising: start from the last
        return QuoteForm(initial={"parts_amount": order.quote_parts, "labour_amount": order.quote_labour,
                                  "valid_until": order.quote_valid_until.isoformat(), "notes": order.quote_notes},
                         prefix=action)
    return form_class(data, prefix=action)


def operator_of(order: WorkOrder) -> Any:
    """The operator's public registry facts (name, credit code), or None."""
    return operator_refs([order.operator_id]).get(order.operator_id)


def outlet_name(order: WorkOrder) -> str:
    if order.outlet_id is None:
        return ""
    try:
        return outlet_ref(order.outlet_id, scope=CITY_WIDE).name
    except NotFound:
        return ""


def item_facts(order: WorkOrder) -> dict[str, Any]:
    item = item_ref(order.item_id)
    try:
        category_name = category_get(order.category_code).display_name
    except NotFound:
        category_name = order.category_code
    return {"item": item, "category_name": category_name,
            "identifiers": [(identifier.kind.upper(), identifier_mask(identifier.kind, identifier.value))
                            for identifier in item.identifiers]}


def timeline(order: WorkOrder, checks: list[Any]) -> list[dict[str, Any]]:
    steps = [(order.created_at, _("Taken in"), order.opened_by),
             (order.diagnosed_at, _("Diagnosed"), order.diagnosed_by),
             (order.quoted_at, _("Quoted"), order.quoted_by),
             (order.decided_at, _("Quote declined") if order.state == WorkOrderState.DECLINED
              else _("Quote approved"), order.decided_by),
             (order.repair_started_at, _("Repair started"), order.technician),
             (order.submitted_at, _("Sent to the quality check"), order.technician),
             (order.cancelled_at, _("Cancelled"), order.cancelled_by)]
    steps += [(check.checked_at, _("Quality check passed") if check.passed else _("Quality check failed"),
               check.checked_by) for check in checks]
    happened = [(at, label, by) for at, label, by in steps if at is not None]
    return [{"at": at, "label": label, "by": by} for at, label, by in sorted(happened, key=lambda step: step[0])]


def totals(parts: list[Any], labour: list[Any]) -> dict[str, Any]:
    return {"parts_cost": sum((part.cost for part in parts), Decimal("0.00")),
            "labour_minutes": sum(entry.minutes for entry in labour),
            "labour_amount": sum((entry.amount for entry in labour), Decimal("0.00"))}


def check_rows(order: WorkOrder, checks: list[Any]) -> list[dict[str, Any]]:
    return [{"check": check, "rows": checklist_rows(order.category_code, check.results)} for check in checks]


def record_context(order: WorkOrder) -> dict[str, Any]:
    """Everything recorded on the order, for the detail, quote and print pages."""
    parts, labour = selectors.parts_of(order), selectors.labour_of(order)
    checks = list(order.checks.select_related("checked_by", "repaired_by").order_by("checked_at", "id"))
    operator = operator_of(order)
    return {"operator": operator, "operator_name": operator.name if operator else "", "order": order,
            "state_badge": STATE_BADGES.get(order.state, "warn"), "parts": parts, "labour": labour,
            "checks": check_rows(order, checks), "timeline": timeline(order, checks),
            "totals": totals(parts, labour), "outlet_name": outlet_name(order),
            "is_refurbished": order.refurbishment_declared or any(part.is_main_part for part in parts),
            "main_part_replaced": any(part.is_main_part for part in parts), **item_facts(order)}


MAIN_PATH = (WorkOrderState.INTAKE, WorkOrderState.DIAGNOSED, WorkOrderState.QUOTED, WorkOrderState.APPROVED,
             WorkOrderState.IN_REPAIR, WorkOrderState.QUALITY_CHECK, WorkOrderState.COMPLETED)


def _reached(order: WorkOrder) -> int:
    """How far along the main path a declined or cancelled order got."""
    marks = (order.diagnosed_at, order.quoted_at, order.decided_at)
    return max([0, *(index + 1 for index, mark in enumerate(marks) if mark is not None)])


def steps(order: WorkOrder) -> list[dict[str, Any]]:
    """The progress bar: the main path, with where the order stands (or where it stopped)."""
    labels = dict(WorkOrderState.choices)
    if order.state in MAIN_PATH:
        now = MAIN_PATH.index(WorkOrderState(order.state))
        return [{"label": labels[state], "status": "done" if index < now else "now" if index == now else ""}
                for index, state in enumerate(MAIN_PATH)]
    reached = _reached(order)
    done = [{"label": labels[state], "status": "done"} for state in MAIN_PATH[: reached + 1]]
    return [*done, {"label": labels[order.state], "status": "stopped"}]


def action_cards(actor: Any, order: WorkOrder, bound: dict[str, forms.Form] | None = None) -> list[dict[str, Any]]:
    """The forms of the actions this actor may take now, a form bound to a failed post shown as it was."""
    bound, allowed = bound or {}, set(policy.actions_for(actor, order))
    return [{"action": action, "title": ACTION_TITLES[action], "form": bound.get(action) or make_form(action, order)}
            for action in ACTION_FORMS if action in allowed]


def detail_context(actor: Any, order: WorkOrder, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    cards = action_cards(actor, order, bound)
    shown = {card["action"] for card in cards}
    # A refused step whose form is no longer offered (the order moved on, or the role may not): say why on top.
    refusals = [message for action, form in (bound or {}).items() if action not in shown
                for messages in form.errors.values() for message in messages]
    return {**record_context(order), "cards": cards, "refusals": refusals,
            "may_see_costs": not has_role(actor, Role.CONSUMER),
            "steps": steps(order), "may_remove_parts": any(card["action"] == "part" for card in cards),
            "is_customer": order.customer_id == getattr(actor, "pk", None)}


def list_rows(orders: Any) -> list[dict[str, Any]]:
    """Rows of the list (orders annotated by selectors.work_order_list with their part counts)."""
    return [{"order": order, "badge": STATE_BADGES.get(order.state, "warn"),
             "refurbished": order.refurbishment_declared or bool(order.main_part_count)} for order in orders]


def state_tabs(counts: dict[str, int]) -> list[dict[str, Any]]:
    """One tab per state that has work orders, in the order of the state machine."""
    return [{"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in WorkOrderState.choices if counts.get(value)]


def quote_context(actor: Any, order: WorkOrder, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    """The quote page: the order as the customer sees it, with only the approve and decline forms."""
    context = detail_context(actor, order, bound)
    context["cards"] = [card for card in context["cards"] if card["action"] in ("approve", "decline")]
    context["may_remove_parts"] = False
    return context
