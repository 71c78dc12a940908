"""``{% source_freshness source as fresh %}``: a stored source's dates and warning, for any template."""

from __future__ import annotations

from django import template

from rhia.corpus.freshness import Freshness, of_source

register = template.Library()


@register.simple_tag
def source_freshness(source: dict) -> Freshness:
    return of_source(source)
