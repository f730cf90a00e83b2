"""The roles of DESIGN.md. Every user has exactly one role; operator staff also hold a membership."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CONSUMER = "consumer", _("Consumer")
    CLERK = "clerk", _("Clerk")
    INSPECTOR = "inspector", _("Inspector")
    TECHNICIAN = "technician", _("Technician")
    OPERATOR_MANAGER = "operator_manager", _("Operator manager")
    MARKET_MANAGER = "market_manager", _("Market manager")
    MODERATOR = "moderator", _("Platform moderator")
    COMMERCE_REGULATOR = "commerce_regulator", _("Commerce regulator")
    POLICE = "police", _("Public security")
    MARKET_SUPERVISION = "market_supervision", _("Market supervision")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


OPERATOR_STAFF_ROLES = frozenset({Role.CLERK, Role.INSPECTOR, Role.TECHNICIAN, Role.OPERATOR_MANAGER,
                                  Role.MARKET_MANAGER})
REGULATOR_ROLES = frozenset({Role.COMMERCE_REGULATOR, Role.POLICE, Role.MARKET_SUPERVISION})
# Roles that see every operator's records (read-only for regulators).
CITY_WIDE_ROLES = REGULATOR_ROLES | {Role.PLATFORM_ADMIN, Role.MODERATOR}
