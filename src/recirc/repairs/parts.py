"""The controlled list of parts per kind of goods, and which of them are main parts.

REGULATIONS.md section 4: repairs and refurbishment of main parts may not be hidden, and replacement parts are
named with their brand and producer. Replacing a main part makes the item "refurbished" on its disclosure.
Categories are matched by code, walking up the category tree (a tablet is a handheld, a new sub-category of
phones inherits the phones' list); anything unmatched uses the general list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from recirc.catalog.facade import category_get
from recirc.core.errors import NotFound


class PartOrigin(models.TextChoices):
    ORIGINAL = "original", _("Original (new, from the brand)")
    OEM_COMPATIBLE = "oem_compatible", _("Compatible (third-party)")
    USED_ORIGINAL = "used_original", _("Used original (taken from another unit)")


class PartKind(models.TextChoices):
    SCREEN = "screen", _("Screen")
    BATTERY = "battery", _("Battery")
    MAINBOARD = "mainboard", _("Mainboard")
    CAMERA = "camera", _("Camera")
    HOUSING = "housing", _("Housing")
    CHARGING_PORT = "charging_port", _("Charging port")
    SPEAKER = "speaker", _("Speaker")
    MICROPHONE = "microphone", _("Microphone")
    BUTTONS = "buttons", _("Buttons")
    BACK_COVER = "back_cover", _("Back cover")
    STORAGE = "storage", _("Storage drive")
    MEMORY = "memory", _("Memory")
    KEYBOARD = "keyboard", _("Keyboard")
    POWER_SUPPLY = "power_supply", _("Power supply")
    COOLING_FAN = "cooling_fan", _("Cooling fan")
    COMPRESSOR = "compressor", _("Compressor")
    MOTOR = "motor", _("Motor")
    CONTROL_BOARD = "control_board", _("Control board")
    HEATING_ELEMENT = "heating_element", _("Heating element")
    DOOR_SEAL = "door_seal", _("Door seal")
    PUMP = "pump", _("Pump")
    FRAME = "frame", _("Frame")
    LEGS = "legs", _("Legs")
    UPHOLSTERY = "upholstery", _("Upholstery")
    CUSHION_FOAM = "cushion_foam", _("Cushion foam")
    HINGE = "hinge", _("Hinges")
    DRAWER_RUNNER = "drawer_runner", _("Drawer runners")
    HARDWARE = "hardware", _("Fittings and hardware")
    FORK = "fork", _("Fork")
    WHEEL = "wheel", _("Wheel")
    DRIVETRAIN = "drivetrain", _("Drivetrain")
    BRAKES = "brakes", _("Brakes")
    TYRE = "tyre", _("Tyre")
    SADDLE = "saddle", _("Saddle")
    MOVEMENT = "movement", _("Movement")
    WATCH_CASE = "watch_case", _("Watch case")
    CRYSTAL = "crystal", _("Crystal")
    DIAL = "dial", _("Dial")
    STRAP = "strap", _("Strap or bracelet")
    LEATHER_PANEL = "leather_panel", _("Leather panel")
    LINING = "lining", _("Lining")
    ZIP = "zip", _("Zip")
    HARNESS = "harness", _("Safety harness")
    FABRIC_COVER = "fabric_cover", _("Fabric cover")
    BINDING = "binding", _("Binding")
    BOOK_COVER = "book_cover", _("Cover")
    MECHANISM = "mechanism", _("Mechanism")
    ELECTRONICS = "electronics", _("Electronics")
    OTHER = "other", _("Other part")


K = PartKind


@dataclass(frozen=True)
class PartList:
    """The parts a technician may record for a kind of goods; `main` are its main parts."""

    group: str
    kinds: tuple[str, ...]
    main: frozenset[str]


PART_LISTS: dict[str, PartList] = {lst.group: lst for lst in (
    PartList("handheld", (K.SCREEN, K.BATTERY, K.MAINBOARD, K.CAMERA, K.HOUSING, K.CHARGING_PORT, K.SPEAKER,
                          K.MICROPHONE, K.BUTTONS, K.BACK_COVER, K.OTHER),
             frozenset({K.SCREEN, K.BATTERY, K.MAINBOARD, K.CAMERA, K.HOUSING})),
    PartList("computer", (K.SCREEN, K.BATTERY, K.MAINBOARD, K.STORAGE, K.MEMORY, K.KEYBOARD, K.HOUSING,
                          K.POWER_SUPPLY, K.COOLING_FAN, K.OTHER),
             frozenset({K.SCREEN, K.BATTERY, K.MAINBOARD, K.STORAGE, K.HOUSING})),
    PartList("appliance", (K.COMPRESSOR, K.MOTOR, K.CONTROL_BOARD, K.HEATING_ELEMENT, K.PUMP, K.DOOR_SEAL,
                           K.HOUSING, K.OTHER),
             frozenset({K.COMPRESSOR, K.MOTOR, K.CONTROL_BOARD, K.HEATING_ELEMENT})),
    PartList("furniture", (K.FRAME, K.LEGS, K.UPHOLSTERY, K.CUSHION_FOAM, K.HINGE, K.DRAWER_RUNNER, K.HARDWARE,
                           K.OTHER),
             frozenset({K.FRAME, K.LEGS, K.UPHOLSTERY})),
    PartList("bicycle", (K.FRAME, K.FORK, K.WHEEL, K.DRIVETRAIN, K.BRAKES, K.BATTERY, K.MOTOR, K.TYRE, K.SADDLE,
                         K.OTHER),
             frozenset({K.FRAME, K.FORK, K.WHEEL, K.DRIVETRAIN, K.BATTERY, K.MOTOR})),
    PartList("luxury", (K.MOVEMENT, K.WATCH_CASE, K.DIAL, K.CRYSTAL, K.STRAP, K.LEATHER_PANEL, K.LINING,
                        K.HARDWARE, K.OTHER),
             frozenset({K.MOVEMENT, K.WATCH_CASE, K.DIAL, K.LEATHER_PANEL})),
    PartList("clothing", (K.ZIP, K.BUTTONS, K.LINING, K.OTHER), frozenset()),
    PartList("baby", (K.FRAME, K.WHEEL, K.HARNESS, K.FABRIC_COVER, K.BRAKES, K.OTHER),
             frozenset({K.FRAME, K.HARNESS, K.BRAKES})),
    PartList("book", (K.BINDING, K.BOOK_COVER, K.OTHER), frozenset()),
    PartList("general", (K.FRAME, K.HOUSING, K.MECHANISM, K.ELECTRONICS, K.HARDWARE, K.OTHER),
             frozenset({K.FRAME, K.MECHANISM, K.ELECTRONICS})),
)}
# Category codes (catalog reference data) -> part list; sub-categories inherit through the tree.
CATEGORY_GROUPS: dict[str, str] = {
    "mobile-phones": "handheld", "tablets": "handheld", "laptops": "computer", "desktop-computers": "computer",
    "digital-products": "computer", "household-appliances": "appliance", "furniture": "furniture",
    "bicycles": "bicycle", "luxury-bags-watches": "luxury", "clothing": "clothing", "baby-goods": "baby",
    "books": "book",
}


def group_for(category_code: str) -> str:
    """The part-list group of a category, walking up its parents; "general" when none matches."""
    code: str | int | None = category_code
    for _depth in range(10):  # category trees are shallow; the bound guards against a cycle
        if code is None:
            break
        try:
            category = category_get(code)
        except NotFound:
            break
        if category.code in CATEGORY_GROUPS:
            return CATEGORY_GROUPS[category.code]
        code = category.parent_id
    return "general"


def part_list_for(category_code: str) -> PartList:
    return PART_LISTS[group_for(category_code)]


def part_choices(category_code: str) -> list[tuple[str, str]]:
    """(kind, label) for the category's parts, main parts marked, in the list's order."""
    parts = part_list_for(category_code)
    labels = dict(PartKind.choices)
    return [(kind, f"{labels[kind]} ★" if kind in parts.main else str(labels[kind])) for kind in parts.kinds]


def is_main_part(category_code: str, kind: str) -> bool:
    return kind in part_list_for(category_code).main
