"""Template helpers of the entity review include."""

from __future__ import annotations

from django import template

from rhia.privacy.review import REVIEW_LABELS, segments

register = template.Library()


@register.simple_tag
def entity_segments(text, entities):
    return segments(text or "", entities or [])


@register.simple_tag
def review_labels():
    return list(REVIEW_LABELS.items())
