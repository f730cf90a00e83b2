"""The demo city's after-sales: warranty records pulled from the sales the trade step made, and on the demo
consumer's purchases from the demo staff's shop a case of every kind: a no-reason return on its way back, a
repair under warranty in progress, a dispute under the platform's review with both sides' statements and photo
evidence, and a refunded return. Without sales (no trade step before this one) it records nothing.

Everything goes through aftersales.facade (the same audited services as the pages).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from PIL import Image

from recirc.aftersales import facade as aftersales
from recirc.aftersales.contracts import EvidenceFile
from recirc.demo.people import STAFF_HOME_OPERATOR

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder


def _photo(colour: str, name: str, description: str) -> EvidenceFile:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG", quality=70)
    return EvidenceFile(name=name, content=buffer.getvalue(), description=description)


def _return_on_its_way(people: dict[str, Any], record: Any) -> None:
    request = aftersales.return_open(actor=people["consumer"], warranty_id=record.id, kind="no_reason")
    aftersales.return_approve(actor=people["clerk"], return_id=request.pk)
    aftersales.return_ship_back(actor=people["consumer"], return_id=request.pk, carrier="顺丰速运",
                                tracking_number="SF1400238871")


def _repair_in_progress(people: dict[str, Any], record: Any) -> None:
    ticket = aftersales.ticket_open(actor=people["consumer"], warranty_id=record.id,
                                    fault="充电时机身发烫，电量掉得很快",
                                    evidence=[_photo("#c44", "battery.jpg", "电池健康度截图")])
    aftersales.ticket_accept(actor=people["technician"], ticket_id=ticket.pk)


def _dispute_under_review(people: dict[str, Any], record: Any) -> None:
    dispute = aftersales.dispute_open(actor=people["consumer"], warranty_id=record.id,
                                      claim="商品页写“无划痕”，收到后背面有明显划痕，要求部分退款。",
                                      amount_claimed="100",
                                      evidence=[_photo("#888", "scratch.jpg", "背面划痕")])
    aftersales.dispute_statement_add(actor=people["manager"], dispute_id=dispute.pk,
                                     text="出库检测照片显示背面完好，划痕可能发生在运输途中。",
                                     evidence=[_photo("#ddd", "outbound.jpg", "出库检测照片")])


def _refunded_return(people: dict[str, Any], record: Any) -> None:
    request = aftersales.return_open(actor=people["consumer"], warranty_id=record.id, kind="no_reason")
    for step in (aftersales.return_approve, aftersales.return_receive, aftersales.return_refund):
        step(actor=people["clerk"], return_id=request.pk)


# (the story, which record it needs)
STORIES: tuple[tuple[Callable[[dict[str, Any], Any], None], Callable[[Any], bool]], ...] = (
    (_return_on_its_way, lambda record: record.no_reason_return_until is not None),
    (_repair_in_progress, lambda record: record.under_warranty),
    (_dispute_under_review, lambda record: True),
    (_refunded_return, lambda record: record.no_reason_return_until is not None))


def build(builder: CityBuilder) -> None:
    logins = builder.login_users  # type: ignore[attr-defined]
    people = {name: logins[name] for name in ("consumer", "clerk", "technician", "manager")}
    shop = next((op for op in builder.city.operators if op.name == STAFF_HOME_OPERATOR), None)
    with transaction.atomic():
        recorded = aftersales.warranties_sync_all()
        mine = [record for record in aftersales.warranties_of_buyer(people["consumer"])
                if record.state == "active" and shop is not None and record.seller_operator_id == shop.id]
        for story, fits in STORIES:
            record = next((record for record in mine if fits(record)), None)
            if record is not None:
                mine.remove(record)
                story(people, record)
    builder.progress("after-sales records", recorded)
