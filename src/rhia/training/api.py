"""JSON API endpoints of this app, mounted under /api/ (see rhia.api)."""

from ninja import Router

router = Router(tags=["Formation"])
