"""Writes of the register: record an acquisition, record a bulk purchase, correct an entry.

Each runs in one transaction and validates everything first (intake.py): a refused intake writes nothing.
Then, in this order: the item passport (items facade), the seller's values into the vault, the screening
(policing facade, with the passport id), the statutory hold, and last the entry itself, appended to its
outlet's chain with the screening checks in it, so the chained hash seals the checks too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recirc.acquisitions import policy
from recirc.acquisitions.contracts import ArticleInput, PhotoInput, SellerInput
from recirc.acquisitions.errors import AlreadyCorrected, RecordingForbidden
from recirc.acquisitions.intake import (
    CleanArticle,
    CleanSeller,
    Problems,
    clean_article,
    clean_payment,
    clean_recorded_at,
    clean_seller,
    text,
)
from recirc.acquisitions.models import AcquisitionEntry, SellerKind, TransactionType
from recirc.acquisitions.photos import CheckedPhoto, digests, document_photos_store, photo_rows_create, photos_check
from recirc.acquisitions.selectors import entry_get
from recirc.acquisitions.vault import StoredSeller, organisation_index, seller_fields_of, seller_store
from recirc.core.audit import audit_batch, audit_record
from recirc.core.errors import NotFound, ValidationFailed, validation_from_django
from recirc.core.hashchain import chain_append, chain_append_many
from recirc.items.facade import ItemRef, StatutoryHold, item_ref, item_take_in
from recirc.operators.contracts import OperatorScope, OutletRef
from recirc.operators.facade import lookups_cached, membership_of, operator_refs, outlet_ref
from recirc.policing.contracts import IntakeFacts, ScreeningResult
from recirc.policing.facade import screen_intake
from recirc.valuation.facade import estimate_value

STATUTORY_HOLD_REASON = "Statutory hold before resale (acquisition register)"  # stored in the source language
MAX_BULK_ARTICLES = 500
CHAIN_BOOKKEEPING = ["chain_key", "sequence", "previous_hash", "entry_hash"]
RELATIONS = ["operator", "outlet", "clerk", "corrects", "item"]
TAKEN_IN_REASON = "Taken in: acquisition register"  # stored in the source language


@dataclass(frozen=True)
class Intake:
    """A validated intake, ready to write."""

    outlet: OutletRef
    licence: str
    transaction_type: str
    seller: CleanSeller
    payment_method: str
    payment_reference: str
    recorded_at: dt.datetime
    created_at: dt.datetime
    photos: list[CheckedPhoto] = field(default_factory=list)


def recording_outlet(actor: Any, outlet_id: Any) -> tuple[OutletRef, str]:
    """The outlet (an active one of the actor's own operator; the clerk's own outlet when the membership
    names one) and the operator's licence; refuses everyone else."""
    if not policy.may_record(actor):
        raise RecordingForbidden()
    membership = membership_of(actor)
    refused = ValidationFailed(_("Choose one of your own outlets."), field="outlet_id",
                               code="acquisitions.outlet_not_yours")
    if not isinstance(outlet_id, int) or membership is None:
        raise refused
    try:  # scoped to the membership's own operator: its branches' outlets are refused below all the same
        outlet = outlet_ref(outlet_id, scope=OperatorScope(city_wide=False,
                                                           operator_ids=frozenset({membership.operator_id})))
    except NotFound as error:
        raise refused from error
    if not outlet.is_active or outlet.operator_id != membership.operator_id \
            or membership.outlet_id not in (None, outlet.id):
        raise refused
    operator = operator_refs([outlet.operator_id])[outlet.operator_id]
    return outlet, operator.credit_code


def _full_clean(entry: AcquisitionEntry) -> None:
    """Field validation (lengths, choices, blanks) in Python. The entry is built from checked input and rows
    read in this transaction; its relations, its unique reference and its check constraints (one article,
    price not negative, ownership declared) are enforced by the database, which refuses the row all the same."""
    exclude = [*CHAIN_BOOKKEEPING, *RELATIONS]
    try:
        entry.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except DjangoValidationError as error:
        raise validation_from_django(error, code="acquisitions.invalid") from error


def _checks(screening: ScreeningResult) -> list[dict[str, str]]:
    return [{"source": check.source, "checked_at": check.checked_at.astimezone(dt.UTC).isoformat(),
             "result": check.result, "detail": str(check.detail)} for check in screening.checks]


def _estimated_value(article: CleanArticle, item: ItemRef) -> Decimal | None:
    """What an article like this sells for (valuation: the category's model, else comparable past sales), for
    the "price far below the evaluated value" rule; None when nothing is known (the rule is then skipped)."""
    return estimate_value(category=article.category, brand=item.brand, model_name=item.model_name,
                          attributes=item.attributes)


def _screen(actor: Any, intake: Intake, stored: StoredSeller, article: CleanArticle, item: ItemRef,
            source_ref: str) -> ScreeningResult:
    description = " · ".join(part for part in (article.specification, article.distinguishing_features) if part)
    return screen_intake(actor=actor, facts=IntakeFacts(
        item_id=item.id, operator_id=intake.outlet.operator_id, outlet_id=intake.outlet.id,
        category_code=article.category.code,
        identifiers=tuple((identifier.kind, identifier.value) for identifier in item.identifiers),
        title=article.title, brand=item.brand, model_name=item.model_name, colour=article.colour,
        description=description, price=article.price_paid, estimated_value=_estimated_value(article, item),
        seller_index=stored.seller_index,
        seller_age=stored.age, source_ref=source_ref))


def _statutory_hold(category_code: str, start: dt.datetime, source_ref: str) -> StatutoryHold | None:
    days = policy.statutory_hold_days(category_code)
    if days <= 0:
        return None
    return StatutoryHold(ends_at=start + dt.timedelta(days=days), reason=STATUTORY_HOLD_REASON, source_ref=source_ref)


def _take_in(actor: Any, intake: Intake, article: CleanArticle, hold: StatutoryHold | None) -> ItemRef:
    """The item passport, in stock at the outlet, with the statutory hold before resale when one applies."""
    return item_take_in(actor=actor, category=article.category, title=article.title, brand=article.brand,
                        model_name=article.model_name, attributes=article.attributes,
                        identifiers=article.identifiers, owner_operator_id=intake.outlet.operator_id,
                        outlet_id=intake.outlet.id, reason=TAKEN_IN_REASON, statutory_hold=hold)


def _append_article(actor: Any, intake: Intake, stored: StoredSeller, article: CleanArticle, *,
                    bulk_reference: uuid.UUID | None, photos: Sequence[CheckedPhoto],
                    document_tokens: Sequence[tuple[CheckedPhoto, str]]) -> AcquisitionEntry:
    reference = uuid.uuid4()
    source_ref = f"acquisitions.entry:{reference}"
    hold = _statutory_hold(article.category.code, intake.created_at, source_ref)
    item = _take_in(actor, intake, article, hold)
    screening = _screen(actor, intake, stored, article, item, source_ref)
    hold_until = hold.ends_at if hold is not None else None
    entry = AcquisitionEntry(
        reference=reference, operator_id=intake.outlet.operator_id, operator_licence=intake.licence,
        outlet_id=intake.outlet.id, clerk=actor, transaction_type=intake.transaction_type,
        created_at=intake.created_at, recorded_at=intake.recorded_at, bulk_reference=bulk_reference,
        **stored.fields, item_id=item.id, item_code=item.code, category_code=article.category.code,
        title=article.title, brand=item.brand, model_name=item.model_name, colour=article.colour, quantity=1,
        specification=article.specification, condition=article.condition,
        distinguishing_features=article.distinguishing_features,
        identifiers=[{"kind": identifier.kind, "value": identifier.value} for identifier in item.identifiers],
        attributes=dict(item.attributes), invoice_details=article.invoice_details, price_paid=article.price_paid,
        payment_method=intake.payment_method, payment_reference=intake.payment_reference,
        checks=_checks(screening), hold_until=hold_until, photo_digests=digests(photos))
    _full_clean(entry)
    chain_append_many([entry], chain_key=str(intake.outlet.id))
    photo_rows_create(entry, [photo for photo in photos if photo.kind == "item"], document_tokens)
    audit_record(actor=actor, action="acquisitions.recorded", target=entry, operator_id=entry.operator_id, payload={
        "reference": str(reference), "outlet_id": entry.outlet_id, "sequence": entry.sequence,
        "item_code": item.code, "transaction_type": entry.transaction_type, "category": entry.category_code,
        "seller_kind": entry.seller_kind, "seller_document": entry.seller_document_masked,
        "checks": {check["source"]: check["result"] for check in entry.checks}, "alerts": len(screening.alerts),
        "held": screening.held, "hold_until": hold_until.isoformat() if hold_until else None,
        "back_entry": entry.recorded_at < entry.created_at - dt.timedelta(minutes=5)})
    return entry


def _intake(problems: Problems, *, outlet: OutletRef, licence: str, transaction_type: str, seller: CleanSeller,
            payment_method: str, payment_reference: str, recorded_at: dt.datetime, now: dt.datetime,
            photos: Iterable[PhotoInput]) -> Intake:
    checked = photos_check(problems, photos)
    problems.raise_if_any()
    return Intake(outlet=outlet, licence=licence, transaction_type=transaction_type, seller=seller,
                  payment_method=payment_method, payment_reference=payment_reference, recorded_at=recorded_at,
                  created_at=now, photos=checked)


@transaction.atomic
def acquisition_record(*, actor: Any, outlet_id: int, transaction_type: str, seller: SellerInput,
                       article: ArticleInput, payment_method: str, payment_reference: str = "",
                       recorded_at: dt.datetime | None = None, photos: Iterable[PhotoInput] = ()) -> AcquisitionEntry:
    """Record one article taken in at the outlet. Refused input raises ValidationFailed and writes nothing."""
    with lookups_cached(), audit_batch():
        return _record(actor=actor, outlet_id=outlet_id, transaction_type=transaction_type, seller=seller,
                       article=article, payment_method=payment_method, payment_reference=payment_reference,
                       recorded_at=recorded_at, photos=photos)


def _record(*, actor: Any, outlet_id: int, transaction_type: str, seller: SellerInput, article: ArticleInput,
            payment_method: str, payment_reference: str, recorded_at: dt.datetime | None,
            photos: Iterable[PhotoInput]) -> AcquisitionEntry:
    outlet, licence = recording_outlet(actor, outlet_id)
    problems, now = Problems(), timezone.now()
    when = clean_recorded_at(problems, recorded_at, now)
    bulk = transaction_type == TransactionType.BULK_PURCHASE and seller.kind == SellerKind.ORGANISATION
    cleaned = clean_article(problems, article, bulk_from_organisation=bulk)
    clean = clean_seller(problems, seller, category=cleaned.category if cleaned else None,
                         price=cleaned.price_paid if cleaned else None, on_day=timezone.localdate(when),
                         transaction_type=transaction_type)
    reference = clean_payment(problems, transaction_type=transaction_type, method=payment_method,
                              reference=payment_reference, price=cleaned.price_paid if cleaned else None)
    intake = _intake(problems, outlet=outlet, licence=licence, transaction_type=transaction_type, seller=clean,
                     payment_method=payment_method, payment_reference=reference, recorded_at=when, now=now,
                     photos=photos)
    assert cleaned is not None  # no problems were found
    stored = seller_store(clean, actor=actor)
    tokens = document_photos_store(actor, intake.photos)
    return _append_article(actor, intake, stored, cleaned, bulk_reference=None, photos=intake.photos,
                           document_tokens=tokens)


def _bulk_articles(problems: Problems, articles: Sequence[ArticleInput]) -> list[CleanArticle]:
    """Each listed article cleaned once, then repeated by its quantity (one entry per physical article)."""
    if not articles:
        problems.add("articles", _("List at least one article."), "acquisitions.articles_required")
    expanded: list[CleanArticle] = []
    for index, article in enumerate(articles):
        prefix = f"articles.{index}."
        try:
            count = int(article.quantity)
        except (TypeError, ValueError):
            count = 0
        if count > 1 and article.identifiers:
            problems.add(f"{prefix}quantity", _("Articles with identifiers are listed one by one, each with its own "
                                                "identifiers."), "acquisitions.lumped")
            continue
        cleaned = clean_article(problems, dataclasses.replace(article, quantity=1 if count >= 1 else count),
                                prefix=prefix)
        if cleaned is not None:
            expanded.extend([cleaned] * count)
    if len(expanded) > MAX_BULK_ARTICLES:
        problems.add("articles", _("A bulk purchase is recorded in parts of at most %(count)s articles.")
                     % {"count": MAX_BULK_ARTICLES}, "acquisitions.bulk_too_large")
    return expanded


@transaction.atomic
def acquisition_bulk_record(*, actor: Any, outlet_id: int, seller: SellerInput, articles: Sequence[ArticleInput],
                            payment_method: str, payment_reference: str = "", recorded_at: dt.datetime | None = None,
                            photos: Iterable[PhotoInput] = ()) -> list[AcquisitionEntry]:
    """A bulk purchase from an organisation: one entry (and passport) per article, all in one transaction.

    An article with quantity N and no identifiers becomes N entries; photos are attached to the first entry.
    """
    with lookups_cached(), audit_batch():
        return _bulk_record(actor=actor, outlet_id=outlet_id, seller=seller, articles=articles,
                            payment_method=payment_method, payment_reference=payment_reference,
                            recorded_at=recorded_at, photos=photos)


def _bulk_record(*, actor: Any, outlet_id: int, seller: SellerInput, articles: Sequence[ArticleInput],
                 payment_method: str, payment_reference: str, recorded_at: dt.datetime | None,
                 photos: Iterable[PhotoInput]) -> list[AcquisitionEntry]:
    outlet, licence = recording_outlet(actor, outlet_id)
    problems, now = Problems(), timezone.now()
    when = clean_recorded_at(problems, recorded_at, now)
    expanded = _bulk_articles(problems, articles)
    clean = clean_seller(problems, seller, category=None, price=None, on_day=timezone.localdate(when),
                         transaction_type=TransactionType.BULK_PURCHASE)
    total = sum((article.price_paid for article in expanded), start=Decimal(0))
    reference = clean_payment(problems, transaction_type=TransactionType.BULK_PURCHASE, method=payment_method,
                              reference=payment_reference, price=total, price_field="articles")
    intake = _intake(problems, outlet=outlet, licence=licence, transaction_type=TransactionType.BULK_PURCHASE,
                     seller=clean, payment_method=payment_method, payment_reference=reference, recorded_at=when,
                     now=now, photos=photos)
    stored = seller_store(clean, actor=actor)
    tokens = document_photos_store(actor, intake.photos)
    bulk_reference = uuid.uuid4()
    entries = [_append_article(actor, intake, stored, article, bulk_reference=bulk_reference,
                               photos=intake.photos if index == 0 else [],
                               document_tokens=tokens if index == 0 else [])
               for index, article in enumerate(expanded)]
    audit_record(actor=actor, action="acquisitions.bulk_recorded", target=entries[0], operator_id=outlet.operator_id,
                 payload={"bulk_reference": str(bulk_reference), "entries": len(entries), "outlet_id": outlet.id,
                          "sequences": [entries[0].sequence, entries[-1].sequence]})
    return entries


def correction_input(original: AcquisitionEntry, changes: Mapping[str, Any]) -> ArticleInput:
    """The article as it will stand after the correction: the original facts with the changed ones."""
    attributes = {**original.attributes, **dict(changes.get("attributes") or {})}
    return ArticleInput(
        category=original.category_code, quantity=1, attributes=attributes,
        identifiers=tuple((identifier["kind"], identifier["value"]) for identifier in original.identifiers),
        **{name: changes.get(name, getattr(original, name)) for name in (
            "title", "brand", "model_name", "colour", "specification", "condition", "distinguishing_features",
            "invoice_details", "price_paid")})


CORRECTABLE = frozenset({"transaction_type", "recorded_at", "payment_method", "payment_reference", "seller", "title",
                         "brand", "model_name", "colour", "specification", "condition", "distinguishing_features",
                         "invoice_details", "price_paid", "attributes"})
COMPARED_FACTS = ("transaction_type", "recorded_at", "title", "brand", "model_name", "colour", "specification",
                  "condition", "distinguishing_features", "attributes", "invoice_details", "price_paid",
                  "payment_method", "payment_reference")


def _require_newest(original: AcquisitionEntry) -> None:
    newest = original.corrections.order_by("-sequence").first()
    if newest is not None:
        raise AlreadyCorrected(params={"sequence": newest.sequence})


def _change_keys(problems: Problems, changes: Mapping[str, Any]) -> None:
    unknown = sorted(set(changes) - CORRECTABLE)
    if unknown:
        problems.add("changes", _("These facts cannot be corrected in the register: %(names)s. The category and the "
                                  "identifiers belong to the item passport.") % {"names": ", ".join(unknown)},
                     "acquisitions.not_correctable")
    elif not changes:
        problems.add("changes", _("Change at least one fact."), "acquisitions.nothing_changed")


def _corrected_seller(problems: Problems, original: AcquisitionEntry, changes: Mapping[str, Any],
                      article: CleanArticle | None, transaction_type: str, when: dt.datetime) -> CleanSeller | None:
    seller = changes.get("seller")
    if isinstance(seller, SellerInput):
        return clean_seller(problems, seller, category=article.category if article else None,
                            price=article.price_paid if article else None, on_day=timezone.localdate(when),
                            transaction_type=transaction_type)
    if transaction_type == TransactionType.BULK_PURCHASE and original.seller_kind != SellerKind.ORGANISATION:
        problems.add("seller.kind", _("A bulk purchase is made from an organisation."),
                     "acquisitions.bulk_needs_organisation")
    return None


# Facts the screening reads: a correction of any of them is screened again, so that an entry cannot be made
# clean and then corrected into what it really was (another seller, a different phone, a lower price).
SCREENED_CHANGES = frozenset({"seller", "title", "brand", "model_name", "colour", "specification",
                              "distinguishing_features", "price_paid", "attributes"})


def _original_seller(original: AcquisitionEntry) -> StoredSeller:
    """The original's seller as the screening saw it (the pseudonym is kept beside the sealed facts)."""
    index = (original.seller_document_pseudonym if original.seller_kind != SellerKind.ORGANISATION
             else organisation_index(original.organisation_credit_code))
    return StoredSeller(fields=seller_fields_of(original), seller_index=index, age=original.seller_age)


def _rescreen(actor: Any, original: AcquisitionEntry, entry: AcquisitionEntry, stored: StoredSeller,
              article: CleanArticle) -> ScreeningResult:
    """The corrected facts through the intake's screening (watchlist, rules, alerts to the police); the new
    entry keeps the new checks."""
    description = " · ".join(part for part in (article.specification, article.distinguishing_features) if part)
    item = item_ref(original.item_id)
    return screen_intake(actor=actor, facts=IntakeFacts(
        item_id=original.item_id, operator_id=original.operator_id, outlet_id=original.outlet_id,
        category_code=original.category_code,
        identifiers=tuple((identifier["kind"], identifier["value"]) for identifier in original.identifiers),
        title=article.title, brand=article.brand, model_name=article.model_name, colour=article.colour,
        description=description, price=article.price_paid,
        estimated_value=estimate_value(category=article.category, brand=article.brand,
                                       model_name=article.model_name, attributes=item.attributes),
        seller_index=stored.seller_index, seller_age=stored.age, source_ref=f"acquisitions.entry:{entry.reference}"))


def _correction(actor: Any, original: AcquisitionEntry, licence: str, article: CleanArticle,
                stored: StoredSeller | None, *, transaction_type: str, when: dt.datetime, reason: str,
                payment_method: str, payment_reference: str) -> AcquisitionEntry:
    """The correcting entry: the original's facts with the corrected ones (not yet appended)."""
    return AcquisitionEntry(
        operator_id=original.operator_id, operator_licence=licence, outlet_id=original.outlet_id, clerk=actor,
        transaction_type=transaction_type, created_at=timezone.now(), recorded_at=when, corrects=original,
        correction_reason=reason, bulk_reference=original.bulk_reference,
        **(stored.fields if stored else seller_fields_of(original)),
        item_id=original.item_id, item_code=original.item_code, category_code=original.category_code,
        title=article.title, brand=article.brand, model_name=article.model_name, colour=article.colour, quantity=1,
        specification=article.specification, condition=article.condition,
        distinguishing_features=article.distinguishing_features, identifiers=original.identifiers,
        attributes=article.attributes, invoice_details=article.invoice_details, price_paid=article.price_paid,
        payment_method=payment_method, payment_reference=payment_reference, checks=original.checks,
        hold_until=original.hold_until, photo_digests=original.photo_digests)


@transaction.atomic
def acquisition_correct(*, actor: Any, entry_id: int, changes: Mapping[str, Any], reason: str) -> AcquisitionEntry:
    """A new entry, linked to the one it corrects, with the changed facts (the register only grows).

    `changes` names facts of the entry (see CORRECTABLE); "seller" takes a complete SellerInput (the vault
    holds only tokens, so a corrected seller is entered again in full). Checks, hold and photos carry over.
    """
    original = entry_get(actor, entry_id)
    _outlet, licence = recording_outlet(actor, original.outlet_id)
    _require_newest(original)
    problems = Problems()
    reason = text(problems, "reason", reason, max_length=500, required=True)
    _change_keys(problems, changes)
    transaction_type = str(changes.get("transaction_type", original.transaction_type))
    when = (clean_recorded_at(problems, changes["recorded_at"], original.created_at)
            if changes.get("recorded_at") else original.recorded_at)
    article = clean_article(problems, correction_input(original, changes))
    seller = _corrected_seller(problems, original, changes, article, transaction_type, when)
    payment_method = str(changes.get("payment_method", original.payment_method))
    reference = clean_payment(problems, transaction_type=transaction_type, method=payment_method,
                              reference=str(changes.get("payment_reference", original.payment_reference)),
                              price=article.price_paid if article else None)
    problems.raise_if_any()
    assert article is not None  # no problems were found
    stored = seller_store(seller, actor=actor) if seller else None
    entry = _correction(actor, original, licence, article, stored, transaction_type=transaction_type, when=when,
                        reason=reason, payment_method=payment_method, payment_reference=reference)
    if seller is None and all(getattr(entry, name) == getattr(original, name) for name in COMPARED_FACTS):
        raise ValidationFailed(_("Nothing would change: the corrected facts equal the entry's facts."),
                               field="changes", code="acquisitions.nothing_changed")
    screening = None
    if SCREENED_CHANGES & set(changes):
        screening = _rescreen(actor, original, entry, stored or _original_seller(original), article)
        entry.checks = _checks(screening)
    _full_clean(entry)
    chain_append(entry, chain_key=original.chain_key)
    audit_record(actor=actor, action="acquisitions.corrected", target=entry, operator_id=entry.operator_id, payload={
        "reference": str(entry.reference), "sequence": entry.sequence, "corrects_id": original.pk,
        "corrects_sequence": original.sequence, "changed": sorted(changes), "rescreened": screening is not None,
        "alerts": len(screening.alerts) if screening else 0})
    return entry
