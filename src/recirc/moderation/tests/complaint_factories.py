"""Test data of the complaint tests: operator A (an outlet, a clerk, a manager, a technician, an inspector, a
market manager) and operator B with a clerk; a buyer, another consumer and a C2C seller; a moderator, a platform
administrator, a commerce regulator, a police officer and a market supervision officer; A's jacket and a C2C
bookcase and coat, published with sealed disclosures. Fixture code may use the models and test factories of
contexts listed before moderation; complaints about orders (trade comes after moderation) are tested in the
project's tests/test_complaint_orders.py."""

from __future__ import annotations

import io
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from recirc.core.models import AuditEvent
from recirc.core.roles import Role
from recirc.items.models import Item, ItemState
from recirc.items.tests.factories import (
    ItemFactory,
    OperatorFactory,
    OutletFactory,
    UserFactory,
    category,
    staff_member,
)
from recirc.listings.models import Listing, ListingStatus
from recirc.listings.tests.factories import seal_disclosure
from recirc.moderation import complaint_casework as casework
from recirc.moderation import complaint_services as services
from recirc.moderation.complaint_contracts import ComplaintFile
from recirc.moderation.models import Complaint, ComplaintEvidence, ComplaintNote

ROLES_OF_PEOPLE = {
    "anonymous": None, "buyer": Role.CONSUMER, "other_consumer": Role.CONSUMER, "seller": Role.CONSUMER,
    "clerk_a": Role.CLERK, "manager_a": Role.OPERATOR_MANAGER, "technician_a": Role.TECHNICIAN,
    "inspector_a": Role.INSPECTOR, "market_manager_a": Role.MARKET_MANAGER, "clerk_b": Role.CLERK,
    "moderator": Role.MODERATOR, "admin": Role.PLATFORM_ADMIN, "regulator": Role.COMMERCE_REGULATOR,
    "police": Role.POLICE, "supervision": Role.MARKET_SUPERVISION,
}
COMPLAINT_FIELDS = ("pk", "state", "answer", "answered_at", "escalation_reason", "escalated_at", "case_opened_at",
                    "referred_at", "decision", "closed_at", "overdue_at")


def png(colour: str = "red", size: tuple[int, int] = (32, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(name: str = "tag.png", colour: str = "red") -> ComplaintFile:
    return ComplaintFile(name=name, content=png(colour))


def stock_item(operator: Any, outlet: Any = None, title: str = "优衣库羽绒服 Down jacket") -> Item:
    return ItemFactory(category=category("clothing"), title=title, brand="Uniqlo", owner_operator=operator,
                       outlet=outlet, state=ItemState.LISTED)


def consumer_item(owner: Any, title: str = "宜家书架 Billy bookcase") -> Item:
    return ItemFactory(category=category("furniture"), title=title, brand="IKEA", attributes={},
                       owner_operator=None, owner_user=owner, state=ItemState.LISTED)


def published(item: Item, *, price: str, creator: Any, outlet: Any = None) -> Listing:
    """A published listing of the item with its sealed disclosure (version 1), as publishing leaves it."""
    consumer = item.owner_user_id is not None
    listing = Listing(code=f"L{uuid.uuid4().hex[:10].upper()}", item=item, item_code=item.code,
                      category_id=item.category_id, category_code=item.category.code, title=item.title,
                      brand=item.brand, price=Decimal(price), status=ListingStatus.PUBLISHED, version=1,
                      seller_kind="consumer" if consumer else "operator",
                      seller_operator_id=None if consumer else item.owner_operator_id,
                      seller_outlet=None if consumer else outlet, seller_user_id=item.owner_user_id,
                      district_code="330106", warranty_days=0 if consumer else 90, return_window_days=7,
                      terms_text="三个月保修 Three months' warranty", no_known_defects=True, disclosure_version=1,
                      created_by=creator, published_at=timezone.now())
    listing.save()
    return seal_disclosure(listing)


def snapshot() -> tuple[Any, ...]:
    """Everything a refused request must leave unchanged."""
    return (AuditEvent.objects.count(), ComplaintEvidence.objects.count(), ComplaintNote.objects.count(),
            list(Complaint.objects.order_by("pk").values_list(*COMPLAINT_FIELDS)))


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = str(tmp_path)
    operator_a, operator_b = OperatorFactory(name="甲二手"), OperatorFactory(name="乙二手")
    outlet_a = OutletFactory(operator=operator_a, name="甲二手文三路店")
    people = {
        "clerk_a": staff_member(operator_a, outlet=outlet_a, username="clerk.a"),
        "manager_a": staff_member(operator_a, role=Role.OPERATOR_MANAGER, username="boss.a"),
        "technician_a": staff_member(operator_a, role=Role.TECHNICIAN, username="tech.a"),
        "inspector_a": staff_member(operator_a, role=Role.INSPECTOR, username="qc.a"),
        "market_manager_a": staff_member(operator_a, role=Role.MARKET_MANAGER, username="market.a"),
        "clerk_b": staff_member(operator_b, username="clerk.b"),
        "buyer": UserFactory(role=Role.CONSUMER, username="buyer.li", display_name="小李"),
        "other_consumer": UserFactory(role=Role.CONSUMER, username="neighbour"),
        "seller": UserFactory(role=Role.CONSUMER, username="seller.wang", display_name="老王"),
        "moderator": UserFactory(role=Role.MODERATOR, username="moderator"),
        "admin": UserFactory(role=Role.PLATFORM_ADMIN, username="admin"),
        "regulator": UserFactory(role=Role.COMMERCE_REGULATOR, username="commerce"),
        "police": UserFactory(role=Role.POLICE, username="police.zhao"),
        "supervision": UserFactory(role=Role.MARKET_SUPERVISION, username="samr.qian"),
    }
    jacket = published(stock_item(operator_a, outlet_a), price="199.00", creator=people["clerk_a"], outlet=outlet_a)
    bookcase = published(consumer_item(people["seller"]), price="120.00", creator=people["seller"])
    coat = published(stock_item(operator_a, outlet_a, title="Wool coat 羊毛大衣"), price="350.50",
                     creator=people["clerk_a"], outlet=outlet_a)
    return {"operator_a": operator_a, "operator_b": operator_b, "outlet_a": outlet_a, **people, "jacket": jacket,
            "bookcase": bookcase, "coat": coat}


def filed(world: dict[str, Any], *, about: str = "listing", reference: str | None = None, by: str = "buyer",
          category: str = "not_as_disclosed", evidence: tuple[ComplaintFile, ...] = ()) -> Complaint:
    """A complaint about the jacket (by default) through the service."""
    return services.complaint_file(actor=world[by], category=category, statement="吊牌与描述不符",
                                   subject_kind=about, reference=reference or world["jacket"].code,
                                   evidence=evidence)


def answered(world: dict[str, Any], **options: Any) -> Complaint:
    complaint = filed(world, **options)
    seller = world["seller"] if complaint.seller_user_id is not None else world["clerk_a"]
    return services.complaint_answer(actor=seller, complaint_id=complaint.pk, answer="已核实，可退货")


def escalated(world: dict[str, Any], **options: Any) -> Complaint:
    complaint = answered(world, **options)
    return services.complaint_reject(actor=complaint.complainant, complaint_id=complaint.pk, reason="商家拒绝退款")


def investigating(world: dict[str, Any], **options: Any) -> Complaint:
    complaint = escalated(world, **options)
    return casework.complaint_case_open(actor=world["supervision"], complaint_id=complaint.pk, findings="立案调查")


def referred(world: dict[str, Any], **options: Any) -> Complaint:
    complaint = investigating(world, **options)
    return casework.complaint_refer(actor=world["supervision"], complaint_id=complaint.pk, reason="疑似赃物")


def closed(world: dict[str, Any], **options: Any) -> Complaint:
    complaint = investigating(world, **options)
    return casework.complaint_close(actor=world["supervision"], complaint_id=complaint.pk, decision="upheld",
                                    reasons="描述与实物不符")
