from django import template

from rhia.policy.services import refusal_info as _refusal_info

register = template.Library()


@register.simple_tag(takes_context=True)
def refusal_info(context, decision):
    """``{% refusal_info decision as info %}``: a GuardDecision or its stored dict, plus the case in context."""
    case = context.get("case")
    reference = getattr(case, "reference", "") or ""
    return _refusal_info(decision, reference)
