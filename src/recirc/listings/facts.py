"""What a disclosure says, in the reader's language, and what is still missing before publication.

`facts()` turns sealed disclosure data into (label, value) pairs in display order (pages, receipts, the
trade context). `missing()` names every item a listing still lacks (REGULATIONS.md section 4), all at once.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from recirc.inspection.facade import counterfeit_referral_open
from recirc.items.facade import item_circulation_blockers
from recirc.listings.disclosure import localised
from recirc.listings.models import Channel, Listing, SellerKind
from recirc.listings.policy import no_reason_return_days, warranty_minimum_days
from recirc.repairs.facade import item_has_open_work_order

Fact = tuple[str, str]


def _grade_text(grade: dict[str, Any]) -> str:
    return _("%(grade)s on the scale “%(scale)s”") % {"grade": localised(grade, "label"),
                                                       "scale": localised(grade, "scale_name")}


def _inspection_facts(data: dict[str, Any]) -> list[Fact]:
    inspection = data.get("inspection")
    if inspection:
        rows = [(_("Inspection report"), _("%(code)s, issued %(date)s") % {
            "code": inspection["report_code"], "date": inspection["issued_at"][:10]})]
        # one row per grading scheme, named by it: "CTIA 外观等级: A 级", "成色: 99新"
        rows += [(localised(grade, "scale_name"), localised(grade, "label")) for grade in inspection["grades"]]
        return rows
    rows = [(_("Inspection"), _("Not inspected by the platform. The condition below is the seller's own "
                                "statement; the buyer may ask for the platform's inspection (验货)."))]
    declared = data.get("declared") or {}
    if declared.get("grade"):
        rows.append((_("Condition declared by the seller"), _grade_text(declared["grade"])))
    if declared.get("condition"):
        rows.append((_("Condition in the seller's words"), declared["condition"]))
    return rows


def _part_text(part: dict[str, Any]) -> str:
    from recirc.repairs.facade import RepairPartRecord

    record = RepairPartRecord(kind=part["kind"], is_main_part=part["main_part"], origin=part["origin"],
                              brand=part["brand"], producer=part["producer"], part_number=part["part_number"])
    main = _(" (main part)") if part["main_part"] else ""
    return _("%(part)s%(main)s: %(origin)s, brand %(brand)s, made by %(producer)s") % {
        "part": record.kind_label, "main": main, "origin": record.origin_label, "brand": part["brand"],
        "producer": part["producer"]}


def _repair_facts(data: dict[str, Any]) -> list[Fact]:
    repairs = data["repairs"]
    rows: list[Fact] = []
    for record in repairs["records"]:
        parts = "; ".join(_part_text(part) for part in record["parts"]) or _("no parts replaced")
        rows.append((_("Repair %(number)s (%(date)s)") % {"number": record["work_order"],
                                                           "date": record["completed_at"]}, parts))
    if repairs["refurbished"]:
        rows.append((_("Refurbished"), _("Yes: main parts replaced or refurbishment declared.")))
    declared = data.get("declared") or {}
    if not repairs["records"]:
        if declared.get("repairs"):
            rows.append((_("Repairs declared by the seller"), declared["repairs"]))
        elif declared.get("no_repairs"):
            rows.append((_("Repairs"), _("None, as declared by the seller.")))
        elif data["seller_kind"] == SellerKind.OPERATOR:
            rows.append((_("Repairs"), _("No repair or refurbishment recorded on the passport.")))
    return rows


def _device_facts(data: dict[str, Any]) -> list[Fact]:
    rows: list[Fact] = []
    battery = data.get("battery")
    if battery and battery.get("percent") is not None:
        source = _("from the passport") if battery["source"] == "passport" else _("declared by the seller")
        rows.append((_("Battery health"), f"{battery['percent']} % ({source})"))
    erasure = data.get("erasure")
    if erasure and erasure.get("code"):
        rows.append((_("Data erasure certificate"), _("%(code)s, issued %(date)s") % {
            "code": erasure["code"], "date": erasure["issued_at"][:10]}))
    return rows


def facts(data: dict[str, Any]) -> tuple[Fact, ...]:
    """The disclosure as (label, value) pairs in display order, in the active language."""
    rows: list[Fact] = [(_("Used goods"), _("This is a used (second-hand, 旧货) item."))]
    rows += _inspection_facts(data) + _repair_facts(data) + _device_facts(data)
    if data.get("known_defects"):
        rows += [(_("Known defect"), defect) for defect in data["known_defects"]]
    elif data.get("no_known_defects"):
        rows.append((_("Known defects"), _("None known to the seller.")))
    if data.get("seller_notes"):
        rows.append((_("Seller's notes"), data["seller_notes"]))
    return tuple(rows)


# --- completeness ------------------------------------------------------------------------------------------

def _disclosure_gaps(listing: Listing, data: dict[str, Any]) -> dict[str, str]:
    gaps: dict[str, str] = {}
    inspection = data.get("inspection")
    declared = data.get("declared") or {}
    if inspection is None and listing.seller_kind == SellerKind.OPERATOR:
        gaps["report"] = _("An inspection report: inspect the item first.")
    if inspection is not None and inspection["outcome"] != "graded":
        gaps["report"] = _("A graded inspection report: the item's inspection refused it.")
    if not (inspection and inspection["grades"]) and not declared.get("grade"):
        gaps["grade"] = _("A grade with its scheme (the inspection's, or your declared condition).")
    if inspection is None and listing.seller_kind == SellerKind.CONSUMER and not declared.get("condition"):
        gaps["condition"] = _("The item's condition in your own words (it was not inspected by the platform).")
    if not data["repairs"]["records"] and listing.seller_kind == SellerKind.CONSUMER \
            and not (declared.get("repairs") or declared.get("no_repairs")):
        gaps["repairs"] = _("A repair history statement: the repairs done, or that there were none.")
    if not data.get("known_defects") and not data.get("no_known_defects"):
        gaps["known_defects"] = _("Known defects, or the statement that none are known.")
    if data.get("battery") and data["battery"].get("percent") is None:
        gaps["battery"] = _("The battery health (%).")
    if data.get("erasure") and not data["erasure"].get("code"):
        gaps["erasure"] = _("A data erasure certificate for this device.")
    if data.get("used_label") is not True:
        gaps["used_label"] = _("The “used goods” label.")
    return gaps


def _terms_gaps(listing: Listing, photo_count: int) -> dict[str, str]:
    gaps: dict[str, str] = {}
    minimum = warranty_minimum_days()
    if listing.warranty_days is None:
        gaps["warranty_days"] = _("A warranty period (days; 0 only for an individual seller's “no warranty”).")
    elif listing.seller_kind == SellerKind.OPERATOR and listing.warranty_days < minimum:
        gaps["warranty_days"] = _("A warranty of at least %(days)s days.") % {"days": minimum}
    days = no_reason_return_days()
    if listing.return_window_days is None:
        gaps["return_window_days"] = _("A return policy (the no-reason return window in days).")
    elif listing.seller_kind == SellerKind.OPERATOR and listing.channel != Channel.IN_STORE \
            and listing.return_window_days < days:
        gaps["return_window_days"] = _("A no-reason return window of at least %(days)s days for online "
                                       "sales.") % {"days": days}
    if listing.price is None:
        gaps["price"] = _("A price.")
    if photo_count < 1:
        gaps["photos"] = _("At least one photo.")
    if not listing.title.strip():
        gaps["title"] = _("A title.")
    if listing.seller_kind == SellerKind.CONSUMER and not listing.district_code:
        gaps["district_code"] = _("The district where the item is.")
    return gaps


def _blockers(listing: Listing) -> dict[str, str]:
    gaps = {blocker.code: str(blocker.message) for blocker in item_circulation_blockers(listing.item_id)}
    if item_has_open_work_order(listing.item_id):
        gaps["repairs.open"] = _("The item is in an open repair work order.")
    if counterfeit_referral_open(listing.item_id) is not None:
        gaps["counterfeit"] = _("The item is referred to market supervision as a suspected counterfeit.")
    return gaps


def missing(listing: Listing, data: dict[str, Any], photo_count: int) -> dict[str, str]:
    """Everything that stops the listing from being published, by field (empty when it may be)."""
    return {**_disclosure_gaps(listing, data), **_terms_gaps(listing, photo_count), **_blockers(listing)}
