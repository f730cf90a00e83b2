"""The price estimate a report carries: valuation's estimate for the item as graded, on the condition scale
valuation's observations are recorded on (the category's own condition scale where it has one, else 成色,
`market-condition`). None when the item was refused or nothing is known; the report then says nothing."""

from __future__ import annotations

from recirc.inspection.grading import GradingResult
from recirc.items.facade import ItemRef
from recirc.valuation.facade import estimate

PRICE_SCALES = ("clothing-condition", "furniture-condition", "market-condition")


def estimate_for(item: ItemRef, result: GradingResult) -> dict[str, str] | None:
    """The estimate as plain JSON strings (money as exact decimal text), for the sealed report."""
    if not result.grade:
        return None
    graded = {entry.scale_code: entry.grade for entry in result.grades}
    scheme = next((code for code in PRICE_SCALES if code in graded), "")
    found = estimate(category_id=item.category_id, brand=item.brand, model_name=item.model_name,
                     attributes=item.attributes, grade=graded.get(scheme, ""), grading_scheme=scheme)
    if found is None:
        return None
    return {"value": str(found.value), "low": str(found.low), "high": str(found.high), "currency": found.currency,
            "method": found.method, "model_version": found.model_version, "grade": graded.get(scheme, ""),
            "grading_scheme": scheme}
