"""Catalogue services: schema validation on write, versioned scales, carbon factors, permissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from recirc.catalog import facade, services
from recirc.catalog.errors import CategoryTreeConflict, GradingScaleInvalid, SchemaInvalid
from recirc.catalog.models import CarbonFactor, Category, GradingScale
from recirc.catalog.tests.factories import UserFactory
from recirc.core.errors import PermissionDenied, ValidationFailed
from recirc.core.models import AuditEvent
from recirc.core.roles import Role

pytestmark = pytest.mark.django_db

GRADES = [{"code": "A", "label": "甲", "label_en": "A"}, {"code": "B", "label": "乙", "label_en": "B"}]


def counts() -> tuple[int, int, int, int]:
    return (Category.objects.count(), GradingScale.objects.count(), CarbonFactor.objects.count(),
            AuditEvent.objects.count())


def test_category_create_validates_the_schema_and_audits() -> None:
    admin = UserFactory()
    category = services.category_create(
        actor=admin, code="cameras", name="相机", name_en="Cameras",
        parent_id=facade.category_get("digital-products").id,
        attribute_schema=[{"key": "mount", "type": "choice", "label": "卡口", "label_en": "Mount",
                           "choices": ["EF", "Z"]}], has_storage=False)
    assert category.attribute_schema[0]["choices"][1] == {"value": "Z", "label": "Z", "label_en": "Z"}
    event = AuditEvent.objects.get(action="catalog.category_created")
    assert (event.actor_id, event.target_id) == (admin.pk, str(category.pk))


def test_a_bad_schema_changes_nothing() -> None:
    before = counts()
    with pytest.raises(SchemaInvalid):
        services.category_create(actor=UserFactory(), code="x", name="x", name_en="x",
                                 attribute_schema=[{"key": "a", "type": "colour", "label": "a", "label_en": "a"}])
    assert counts() == before


def test_update_refuses_a_cycle() -> None:
    digital = Category.objects.get(code="digital-products")
    phones = Category.objects.get(code="mobile-phones")
    with pytest.raises(CategoryTreeConflict):
        services.category_update(actor=UserFactory(), category=digital, parent_id=phones.pk)
    digital.refresh_from_db()
    assert digital.parent_id is None


def test_update_changes_named_fields_only() -> None:
    books = Category.objects.get(code="books")
    services.category_update(actor=UserFactory(), category=books, name_en="Books and magazines")
    books.refresh_from_db()
    assert books.name_en == "Books and magazines"
    with pytest.raises(ValidationFailed):
        services.category_update(actor=UserFactory(), category=books, id=99)


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.CLERK, Role.COMMERCE_REGULATOR])
def test_only_platform_administrators_edit_the_catalogue(role: str) -> None:
    before = counts()
    with pytest.raises(PermissionDenied):
        services.category_create(actor=UserFactory(role=role), code="x", name="x", name_en="x")
    with pytest.raises(PermissionDenied):
        services.carbon_factor_set(actor=UserFactory(role=role), category_id=Category.objects.get(code="books").pk,
                                   kg_co2e_per_item=Decimal("1"), source="x", valid_from=dt.date(2026, 1, 1))
    assert counts() == before


def test_publishing_a_scale_retires_the_version_in_force() -> None:
    admin = UserFactory()
    first = services.grading_scale_publish(actor=admin, code="toy-scale", name="玩具", name_en="Toys",
                                           standard="house", grades=GRADES, effective_from=dt.date(2025, 1, 1))
    second = services.grading_scale_publish(actor=admin, code="toy-scale", name="玩具", name_en="Toys",
                                            standard="house", grades=GRADES[:1], effective_from=dt.date(2025, 6, 1))
    first.refresh_from_db()
    assert (first.version, first.retired_on) == (1, dt.date(2025, 6, 1))
    assert (second.version, second.retired_on) == (2, None)
    books = Category.objects.get(code="books").pk
    in_force = [scale for scale in facade.grading_scales_for(books, on_date=dt.date(2025, 3, 1))
                if scale.code == "toy-scale"]
    assert [scale.version for scale in in_force] == [1]


@pytest.mark.parametrize("grades", [[], [{"code": "A"}], GRADES + GRADES[:1]])
def test_bad_grades_change_nothing(grades: list[dict[str, str]]) -> None:
    before = counts()
    with pytest.raises(GradingScaleInvalid):
        services.grading_scale_publish(actor=UserFactory(), code="bad", name="x", name_en="x", standard="x",
                                       grades=grades, effective_from=dt.date(2025, 1, 1))
    assert counts() == before


def test_carbon_factor_set_replaces_the_same_date_and_children_inherit() -> None:
    admin = UserFactory()
    digital = Category.objects.get(code="digital-products")
    services.carbon_factor_set(actor=admin, category_id=digital.pk, kg_co2e_per_item=Decimal("70.5"),
                               source="Test source", valid_from=dt.date(2025, 1, 1))
    services.carbon_factor_set(actor=admin, category_id=digital.pk, kg_co2e_per_item=Decimal("71"),
                               source="Test source v2", valid_from=dt.date(2025, 1, 1), is_estimate=False)
    assert CarbonFactor.objects.filter(category=digital).count() == 1
    cameras = services.category_create(actor=admin, code="cameras", name="相机", name_en="Cameras",
                                       parent_id=digital.pk)
    assert facade.carbon_factor_for(cameras.pk, dt.date(2025, 2, 1)) == Decimal("71.00")
    assert facade.carbon_factor_for(Category.objects.get(code="mobile-phones").pk,
                                    dt.date(2025, 2, 1)) == Decimal("50.00")


def test_carbon_factor_needs_a_source_and_a_non_negative_value() -> None:
    books = Category.objects.get(code="books").pk
    before = counts()
    with pytest.raises(ValidationFailed) as caught:
        services.carbon_factor_set(actor=UserFactory(), category_id=books, kg_co2e_per_item=Decimal("1"),
                                   source=" ", valid_from=dt.date(2026, 1, 1))
    assert caught.value.code == "catalog.carbon_source_missing"
    with pytest.raises(ValidationFailed):
        services.carbon_factor_set(actor=UserFactory(), category_id=books, kg_co2e_per_item=Decimal("-1"),
                                   source="x", valid_from=dt.date(2026, 1, 1))
    assert counts() == before


def test_attributes_validate_through_the_facade() -> None:
    furniture = facade.category_get("furniture").id
    assert facade.attributes_validate(furniture, {"material": "实木", "width_cm": "120"}) == {
        "material": "实木", "width_cm": 120}
