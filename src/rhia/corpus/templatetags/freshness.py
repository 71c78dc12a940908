"""``{% source_freshness source as fresh %}``: a stored source's dates and warning, for any template."""

from __future__ import annotations

import datetime as dt

from django import template

from rhia.corpus.freshness import Freshness, french, of_source

register = template.Library()


@register.simple_tag
def source_freshness(source: dict) -> Freshness:
    return of_source(source)


@register.filter
def french_date(value: str | None) -> str:
    """An ISO date of the status figures (« 2020-02-01 ») as the page writes dates (« 01/02/2020 »)."""
    if not value:
        return "—"
    try:
        return french(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)
