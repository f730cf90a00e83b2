"""Identification and inspection: the API router."""

from ninja import Router

router = Router(tags=["inspection"])
