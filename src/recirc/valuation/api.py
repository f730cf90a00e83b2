"""Price evaluation: the API router."""

from ninja import Router

router = Router(tags=["valuation"])
