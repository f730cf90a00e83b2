"""Build a deterministic demo pilot city through the contexts' facades, so every invariant holds.

The same seed and scale always give the same city. Nothing here is a real person or company: identity
numbers, credit codes and IMEIs are synthetic with valid check digits (see demo.synthetic).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from recirc.accounts import facade as accounts
from recirc.core.roles import Role
from recirc.demo import (
    aftersales_steps,
    erasure_steps,
    goods,
    inspection_steps,
    listings_steps,
    moderation_steps,
    register,
    repairs_steps,
    supervision_steps,
    trade_steps,
    valuation_steps,
)
from recirc.demo.people import DEMO_LOGINS, DEMO_PASSWORD, MARKET_HOME_OPERATOR, STAFF_HOME_OPERATOR, person_name
from recirc.demo.synthetic import credit_code, resident_id
from recirc.demo.vocabulary import NICKNAMES, OPERATOR_NAMES, STREETS, SURNAMES
from recirc.operators import facade as operators

Progress = Callable[[str, int], None]

# Which kinds of outlet each kind of operator runs, and how many (low, high) at scale 1.
OUTLETS_PER_KIND: dict[str, tuple[str, int, int]] = {
    "transaction_market": ("market", 1, 1),
    "rural_trade_centre": ("market", 1, 1),
    "online_platform": ("warehouse", 1, 2),
    "enterprise": ("store", 3, 6),
    "individual_operator": ("store", 1, 1),
    "community_consignment_shop": ("community_shop", 1, 1),
}
MANAGER_ROLES = frozenset({Role.OPERATOR_MANAGER, Role.MARKET_MANAGER})


@dataclass
class City:
    """What the builder made, for the summary and for later steps."""

    admin: Any = None
    operators: list[Any] = field(default_factory=list)
    outlets: dict[int, list[Any]] = field(default_factory=dict)
    staff: dict[int, Any] = field(default_factory=dict)
    consumers: list[Any] = field(default_factory=list)
    item_count: int = 0
    customer_item_count: int = 0  # consumers' own items left at a counter (repairs)
    acquisition_count: int = 0
    watchlist_count: int = 0


class CityBuilder:
    def __init__(self, *, scale: float = 1.0, seed: int = 2024, progress: Progress | None = None) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.city = City()
        self.progress = progress or (lambda step, count: None)
        self.today = dt.date(2026, 11, 30)
        self.districts = [code for code, _label in operators.district_choices(parent_code="330100")]
        self.password_hash = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose

    def build(self) -> City:
        with transaction.atomic():
            self._logins()
            self._operators()
            self._outlets()
            self._staff()
            self._markets()
            self._consumers()
        goods.register_items(self, count=max(20, round(3000 * self.scale)))
        register.record_acquisitions(self, count=max(10, round(300 * self.scale)))
        register.record_watchlist(self, scale=self.scale)
        valuation_steps.build(self)  # first: inspection reports carry price estimates
        inspection_steps.build(self)
        erasure_steps.build(self)  # lists some erased devices
        repairs_steps.build(self)
        listings_steps.build(self)  # after repairs: disclosures read the repair history
        trade_steps.build(self)  # after listings: residents buy, the demo consumer's orders at every stage
        moderation_steps.build(self)  # the transaction rules: version 1 in force, version 2 announced
        aftersales_steps.build(self)  # after the sales: warranty records and cases on the demo consumer's buys
        supervision_steps.build(self)  # last: its statistics count what the other steps made
        return self.city

    # --- people -------------------------------------------------------------------------------------

    def _user(self, username: str, role: str, display_name: str) -> Any:
        return accounts.user_create(actor=self.city.admin, username=username, password_hash=self.password_hash,
                                    role=role, display_name=display_name)

    def _logins(self) -> None:
        admin_login = next(login for login in DEMO_LOGINS if login.role == Role.PLATFORM_ADMIN)
        self.city.admin = self._user(admin_login.username, admin_login.role, admin_login.display_name)
        self.login_users = {admin_login.username: self.city.admin}
        for login in DEMO_LOGINS:
            if login is not admin_login:
                self.login_users[login.username] = self._user(login.username, login.role, login.display_name)
        self.progress("logins", len(DEMO_LOGINS))

    def _consumers(self) -> None:
        count = max(5, round(150 * self.scale))
        self.city.consumers.append(self._demo_user("consumer"))
        for number in range(1, count + 1):
            # Display names are nicknames: a private person's legal name goes only to the vault.
            self.city.consumers.append(self._user(f"resident{number:04d}", Role.CONSUMER,
                                                  f"{self.rng.choice(NICKNAMES)}{number:04d}"))
        for consumer in self.city.consumers[: int(len(self.city.consumers) * 0.6)]:
            accounts.realname_verify(actor=consumer, user=consumer, document_type="resident_id",
                                     id_number=self._identity_number(),
                                     legal_name=person_name(self.rng),
                                     method="online_face_match", face_matched=True,
                                     consent_text_version="2026-01")
        self.progress("consumers", len(self.city.consumers))

    def _identity_number(self) -> str:
        """A synthetic number from a district that already existed when its holder was born."""
        for region in self.rng.sample(self.districts, len(self.districts)):
            try:
                return resident_id(self.rng, region, today=self.today)
            except ValueError:
                continue
        raise ValueError("no district of the demo city can issue a valid identity number")

    def _demo_user(self, username: str) -> Any:
        return self.login_users[username]

    # --- operators ----------------------------------------------------------------------------------

    def _operators(self) -> None:
        admin = self.city.admin
        for kind, names in OPERATOR_NAMES.items():
            for name, name_en in names:
                district = self.rng.choice(self.districts)
                operator = operators.operator_register(
                    actor=admin, kind=kind, name=name, name_en=name_en, credit_code=credit_code(self.rng, district),
                    district_code=district, licence_number=f"JY{self.rng.randrange(10**12):012d}",
                    licence_valid_from=dt.date(2020 + self.rng.randrange(5), 1 + self.rng.randrange(12), 1),
                    licence_valid_until=dt.date(2028 + self.rng.randrange(4), 1 + self.rng.randrange(12), 1),
                    registered_address=self._address(district))
                self.city.operators.append(operator)
        self._chain_branches()
        self.progress("operators", len(self.city.operators))

    def _chain_branches(self) -> None:
        """A chain with directly owned branches and a franchise, as the plan encourages."""
        head = next(op for op in self.city.operators if op.name == "绿色回收")
        for index, (suffix, is_franchise) in enumerate((("西湖店", False), ("滨江店", False), ("萧山加盟店", True),
                                                        ("余杭加盟店", True))):
            district = self.districts[(index * 3) % len(self.districts)]
            branch = operators.operator_register(
                actor=self.city.admin, kind="enterprise", name=f"绿色回收·{suffix}",
                name_en=f"Green Recycling {index + 1}", credit_code=credit_code(self.rng, district),
                district_code=district, parent_id=head.id, is_franchise=is_franchise,
                registered_address=self._address(district))
            self.city.operators.append(branch)

    def _address(self, district_code: str) -> str:
        return f"{self.rng.choice(STREETS)}{self.rng.randrange(1, 999)}号"

    def _outlets(self) -> None:
        for operator in self.city.operators:
            outlet_kind, low, high = OUTLETS_PER_KIND[operator.kind]
            count = self.rng.randint(low, high)
            outlets = []
            for number in range(1, count + 1):
                district = operator.district_code if number == 1 else self.rng.choice(self.districts)
                suffix = "" if count == 1 else f"{number}号店" if outlet_kind == "store" else f"{number}号仓"
                outlets.append(operators.outlet_create(
                    actor=self.city.admin, operator_id=operator.id, name=f"{operator.name}{suffix}",
                    kind=outlet_kind, district_code=district, address=self._address(district),
                    floor_area_m2=self.rng.randrange(30, 2000), opening_hours="09:00-21:00"))
            self.city.outlets[operator.id] = outlets
        self.progress("outlets", sum(len(v) for v in self.city.outlets.values()))

    def _staff(self) -> None:
        demo_staff = {login.username: login for login in DEMO_LOGINS}
        for operator in self.city.operators:
            first_outlet = self.city.outlets[operator.id][0]
            if operator.name == STAFF_HOME_OPERATOR:
                members: list[tuple[Any, str]] = [(self._demo_user(name), demo_staff[name].role)
                           for name in ("manager", "clerk", "inspector", "technician")]
            elif operator.name == MARKET_HOME_OPERATOR:
                members = [(self._demo_user("market"), Role.MARKET_MANAGER)]
            else:
                role: str = Role.MARKET_MANAGER if operator.kind in {"transaction_market", "rural_trade_centre"} \
                    else Role.OPERATOR_MANAGER
                surname = self.rng.choice(SURNAMES)
                members = [(self._user(f"op{operator.id:03d}-manager", role, f"{surname}经理"), role),
                           (self._user(f"op{operator.id:03d}-clerk", Role.CLERK, f"{self.rng.choice(SURNAMES)}店员"),
                            Role.CLERK)]
            for user, member_role in members:
                # Managers work across all their operator's outlets; counter staff at the first one.
                at_outlet = None if member_role in MANAGER_ROLES else first_outlet.id
                operators.membership_add(actor=self.city.admin, operator_id=operator.id, user_id=user.pk,
                                         role=member_role, outlet_id=at_outlet, started_on=dt.date(2025, 1, 2))
            self.city.staff[operator.id] = members[0][0]
        self.progress("staff", len(self.city.staff))

    def _markets(self) -> None:
        """Numbered stalls in every market hall, most let to individual operators."""
        vendors = [op for op in self.city.operators if op.kind == "individual_operator"]
        stalls = 0
        for market in (op for op in self.city.operators if op.kind in {"transaction_market", "rural_trade_centre"}):
            hall = self.city.outlets[market.id][0]
            for number in range(1, max(4, round(24 * self.scale)) + 1):
                stall = operators.stall_create(actor=self.city.admin, market_id=market.id, outlet_id=hall.id,
                                               code=f"{chr(65 + (number - 1) // 12)}-{number:02d}",
                                               area_m2=self.rng.choice((6, 8, 10, 12, 15)),
                                               monthly_rent=self.rng.choice((600, 800, 1200, 1500)))
                stalls += 1
                if vendors and self.rng.random() < 0.7:
                    operators.stall_tenancy_start(actor=self.city.admin, stall_id=stall.id,
                                                  vendor_id=self.rng.choice(vendors).id,
                                                  starts_on=dt.date(2026, 1 + self.rng.randrange(10), 1))
        self.progress("stalls", stalls)


def build_city(*, scale: float = 1.0, seed: int = 2024, progress: Progress | None = None) -> City:
    return CityBuilder(scale=scale, seed=seed, progress=progress).build()
