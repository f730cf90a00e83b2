"""Repairs and refurbishment: the API router."""

from ninja import Router

router = Router(tags=["repairs"])
