"""Device data erasure: the API router."""

from ninja import Router

router = Router(tags=["erasure"])
