"""The demo city's data erasure: most devices with storage in stock get the owner's consent, an erasure by a
technician and a verification by a colleague (a few fail and are erased again, a few are destroyed); about
half of the certified ones are then listed for sale; one re-verification sample is drawn and partly done.
Devices under a hold (police, watchlist, statutory) and a share of the others stay in the queue, and some
jobs stay open, so every state shows on the technicians' pages.

Every operator that keeps devices needs two people: the demo staff's own shop has a technician and an
inspector; every other operator gets a technician here, and its manager verifies (a market, whose manager
is a market manager, also gets an inspector). Only facades are used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from recirc.core.roles import Role
from recirc.demo.people import STAFF_HOME_OPERATOR
from recirc.demo.vocabulary import SURNAMES
from recirc.erasure import facade as erasure
from recirc.items import facade as items
from recirc.operators import facade as operators

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

ERASED_SHARE = 0.8  # of the demo staff's shop's waiting devices
DEVICES_AT_SCALE_ONE = 150  # the budget: about 0.1-0.2 s each
LISTED_SHARE = 0.5  # of the certified devices, put on sale
DESTROYED_SHARE = 0.05  # storage destroyed (broken devices): scrapped, to recycling
FAILED_SHARE = 0.06  # the first verification fails: erased again
OPEN_SHARE = 0.08  # jobs left planned, running or waiting for verification
TOOLS = (("Blancco Mobile Diagnostics & Erasure", "5.4.1"), ("NIST Purge Tool", "2.1"),
         ("爱回收数据清除工具", "3.2"), ("WhiteCanyon WipeDrive", "10.2"))
MEDIA = {"mobile-phones": "flash_embedded", "tablets": "flash_embedded", "laptops": "ssd", "desktop-computers": "hdd"}
STAFF_TITLES: dict[str, str] = {Role.TECHNICIAN: "技师", Role.INSPECTOR: "质检员"}


@dataclass(frozen=True)
class Team:
    """Who erases and who verifies at one operator: always two different people."""

    operator: Any
    verifier: Any


def build(builder: CityBuilder) -> None:
    teams: dict[int, Team] = {}
    chosen = _chosen_devices(builder)
    erased = 0
    for start in range(0, len(chosen), 50):
        with transaction.atomic():
            for item in chosen[start:start + 50]:
                team = teams.get(item.owner_operator_id) or _team(builder, item.owner_operator_id, teams)
                erased += _erase(builder, team, item)
                builder.progress("erasure", erased)
    _sample(builder)


def _chosen_devices(builder: CityBuilder) -> list[Any]:
    """Most waiting devices of the demo staff's own shop and one or two of every other operator, within a
    budget that keeps the demo quick (each erasure is a dozen audited writes); only devices in stock and
    under no other hold, since a held device's data stays untouched as evidence."""
    budget = max(40, round(DEVICES_AT_SCALE_ONE * builder.scale))
    home = next(op.id for op in builder.city.operators if op.name == STAFF_HOME_OPERATOR)
    waiting = _waiting_by_operator(builder)
    home_ids = waiting.pop(home, [])
    wanted = home_ids[: min(round(len(home_ids) * ERASED_SHARE), budget * 2 // 3)]
    others = [ids for _operator, ids in sorted(waiting.items())]
    for round_number in range(2):
        wanted += [ids[round_number] for ids in others if len(ids) > round_number + 2]
    chosen = []
    for item_id in wanted[:budget]:
        item = items.item_ref(item_id)
        held = [b for b in items.item_circulation_blockers(item_id) if b.code != "items.erasure_pending"]
        if item.state == "in_stock" and not held and item.owner_operator_id is not None:
            chosen.append(item)
    return chosen


def _waiting_by_operator(builder: CityBuilder) -> dict[int, list[int]]:
    """Ids of the devices waiting for erasure that each operator's staff see (each device once), in id order."""
    seen: set[int] = set()
    waiting: dict[int, list[int]] = {}
    for operator in builder.city.operators:
        ids = sorted({hold.item_id for hold in items.holds_list(builder.city.staff[operator.id],
                                                                kind="erasure_pending")} - seen)
        seen.update(ids)
        if ids:
            waiting[operator.id] = ids
    return waiting


def _team(builder: CityBuilder, operator_id: int, teams: dict[int, Team]) -> Team:
    operator = next(op for op in builder.city.operators if op.id == operator_id)
    if operator.name == STAFF_HOME_OPERATOR:
        team = Team(operator=builder.login_users["technician"], verifier=builder.login_users["inspector"])
    else:
        manager = builder.city.staff[operator.id]
        verifier = manager if manager.role == Role.OPERATOR_MANAGER else _member(builder, operator, Role.INSPECTOR)
        team = Team(operator=_member(builder, operator, Role.TECHNICIAN), verifier=verifier)
    teams[operator_id] = team
    return team


def _member(builder: CityBuilder, operator: Any, role: str) -> Any:
    """A technician (or, where the manager runs a market, an inspector) at the operator's first outlet."""
    user = builder._user(f"op{operator.id:03d}-{role}", role, f"{builder.rng.choice(SURNAMES)}{STAFF_TITLES[role]}")
    operators.membership_add(actor=builder.city.admin, operator_id=operator.id, user_id=user.pk, role=role,
                             outlet_id=builder.city.outlets[operator.id][0].id, started_on=dt.date(2025, 1, 2))
    return user


def _consent(builder: CityBuilder, item: Any, *, destroy: bool) -> erasure.ConsentInput:
    rng = builder.rng
    return erasure.ConsentInput(
        subject_reference=f"form {item.created_at:%Y%m%d}-{rng.randrange(1, 999):03d}",
        scope=rng.choice(("internal_storage", "internal_and_removable")),
        erasure_kind="destruction" if destroy else "software",
        channel=rng.choice(("signed_form", "signed_form", "in_app", "staff_witnessed")), effect_explained=True,
        given_at=item.created_at, text_version="2026-01")


def _erase(builder: CityBuilder, team: Team, item: Any) -> int:
    """One device through consent, plan, erasure and (mostly) verification; 1 when it got a certificate."""
    rng = builder.rng
    destroy = rng.random() < DESTROYED_SHARE
    media = MEDIA.get(item.category_code, "other")
    job = erasure.job_open(actor=team.operator, item_id=item.id, consent=_consent(builder, item, destroy=destroy),
                           media_type=media, storage_serial=f"S{rng.randrange(10**9):09d}")
    stage = rng.random()
    if stage < OPEN_SHARE / 3:
        return 0  # planned, waiting at the bench
    started = timezone.now() - dt.timedelta(minutes=rng.randrange(40, 600))
    erasure.job_start(actor=team.operator, job_id=job, started_at=started)
    if stage < 2 * OPEN_SHARE / 3:
        return 0  # the tool is still running
    _complete(builder, team, job, media=media, destroy=destroy, started=started)
    if stage < OPEN_SHARE:
        return 0  # waiting for a colleague
    if not destroy and rng.random() < FAILED_SHARE:
        erasure.job_verify(actor=team.verifier, job_id=job, method="sampled_readback", result="failed",
                           note="回读发现用户分区残留数据")
        erasure.job_replan(actor=team.operator, job_id=job)
        started = timezone.now() - dt.timedelta(minutes=30)
        erasure.job_start(actor=team.operator, job_id=job, started_at=started)
        _complete(builder, team, job, media=media, destroy=False, started=started, method="block_erase")
    method = "physical_inspection" if destroy else rng.choice(("full_readback", "sampled_readback"))
    erasure.job_verify(actor=team.verifier, job_id=job, method=method, result="passed")
    if not destroy and rng.random() < LISTED_SHARE:
        items.item_transition(actor=team.operator, item_id=item.id, to_state="listed", reason="demo")
    return 1


def _complete(builder: CityBuilder, team: Team, job: int, *, media: str, destroy: bool, started: dt.datetime,
              method: str = "") -> None:
    tool, version = builder.rng.choice(TOOLS)
    if destroy:
        method, level, destination, tool, version = "destroy", "destroy", "recycling", "碎盘机 SD-200", "2023"
    else:
        method = method or builder.rng.choice(("crypto_erase", "block_erase", "overwrite"))
        if media == "hdd" and method == "block_erase":
            method = "overwrite"
        level = "clear" if method == "overwrite" and media != "hdd" else "purge"
        destination = builder.rng.choice(("resale", "resale", "resale", "export"))
    erasure.job_complete(actor=team.operator, job_id=job, data=erasure.CompletionInput(
        method=method, level=level, tool=tool, tool_version=version, destination=destination,
        ended_at=started + dt.timedelta(minutes=builder.rng.randrange(8, 35))))


def _sample(builder: CityBuilder) -> None:
    """This month's re-verification sample of the demo staff's shop; the manager re-verifies most of it."""
    home = next(op for op in builder.city.operators if op.name == STAFF_HOME_OPERATOR)
    with transaction.atomic():
        sample = erasure.sample_draw(actor=None, operator_id=home.id, period=erasure.period_of(timezone.now()))
        for number, check_id in enumerate(sample.check_ids):
            if number % 3 != 2:
                erasure.check_record(actor=builder.login_users["manager"], check_id=check_id,
                                     method="full_readback", result="passed")
    builder.progress("erasure samples", sample.size)
