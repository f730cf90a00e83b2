"""The quality-check checklist per kind of goods (the same groups as the part lists).

Every check gets "pass", "fail" or "na" (not applicable); a check passes when none fails. The last check of
every list, "record_matches", asks the checker to confirm that the parts in the item are the parts recorded on
the work order: the record is what the buyer will be shown.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from recirc.repairs.parts import group_for

RESULTS = ("pass", "fail", "na")
RESULT_LABELS: dict[str, Any] = {"pass": _("Pass"), "fail": _("Fail"), "na": _("Not applicable")}

CHECK_LABELS: dict[str, Any] = {
    "powers_on": _("Powers on and starts normally"),
    "display_touch": _("Display and touch work across the whole screen"),
    "cameras": _("Cameras and flash work"),
    "charging": _("Charges by cable (and wirelessly where supported)"),
    "network_calls": _("Network, calls and SIM detection work"),
    "audio": _("Speakers and microphones work"),
    "buttons_sensors": _("Buttons, biometrics and sensors work"),
    "housing_seal": _("Housing closed, screws and seals in place"),
    "display": _("Display without dead pixels or marks"),
    "keyboard_trackpad": _("Keyboard and trackpad work"),
    "storage_health": _("Storage drive reports healthy"),
    "battery_charging": _("Battery charges and holds its charge"),
    "ports": _("Ports and wireless connections work"),
    "cooling": _("Runs under load without overheating"),
    "core_function": _("Does its job (cools, washes, heats...) through a full cycle"),
    "electrical_safety": _("Electrical safety: earth, insulation, no exposed wiring"),
    "leaks_noise": _("No leaks, smells or unusual noise"),
    "structure_stable": _("Stands stable and bears load"),
    "joints_hardware": _("Joints, hinges and fittings tight and working"),
    "surfaces": _("Surfaces clean, finish even"),
    "upholstery": _("Upholstery intact and clean"),
    "frame_fork": _("Frame and fork without cracks"),
    "brakes": _("Brakes stop the wheel safely"),
    "drivetrain_gears": _("Chain and gears shift and run smoothly"),
    "wheels_tyres": _("Wheels true, tyres sound and inflated"),
    "movement_accuracy": _("Movement keeps time within its specification"),
    "hardware_finish": _("Hardware, stitching and finish sound"),
    "harness_buckles": _("Harness and buckles lock and release safely"),
    "works_as_intended": _("Works as intended"),
    "cosmetic_finish": _("Cosmetic finish as described"),
    "safe_to_use": _("Safe to use"),
    "record_matches": _("Parts in the item match the parts recorded on this work order"),
}

CHECKLISTS: dict[str, tuple[str, ...]] = {
    "handheld": ("powers_on", "display_touch", "cameras", "charging", "network_calls", "audio", "buttons_sensors",
                 "housing_seal"),
    "computer": ("powers_on", "display", "keyboard_trackpad", "storage_health", "battery_charging", "ports",
                 "cooling"),
    "appliance": ("powers_on", "core_function", "electrical_safety", "leaks_noise"),
    "furniture": ("structure_stable", "joints_hardware", "surfaces", "upholstery"),
    "bicycle": ("frame_fork", "brakes", "drivetrain_gears", "wheels_tyres"),
    "luxury": ("movement_accuracy", "hardware_finish", "cosmetic_finish"),
    "baby": ("works_as_intended", "harness_buckles", "safe_to_use"),
}
GENERAL = ("works_as_intended", "cosmetic_finish", "safe_to_use")


def checklist_for(category_code: str) -> tuple[str, ...]:
    """The check codes for the category, always ending with "record_matches"."""
    return (*CHECKLISTS.get(group_for(category_code), GENERAL), "record_matches")


def checklist_rows(category_code: str, results: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Checks with their labels (and results, when given) for pages and receipts."""
    results = results or {}
    return [{"code": code, "label": CHECK_LABELS[code], "result": results.get(code, ""),
             "result_label": RESULT_LABELS.get(results.get(code, ""), "")} for code in checklist_for(category_code)]
