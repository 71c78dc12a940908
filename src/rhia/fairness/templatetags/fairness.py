from django import template

from rhia.fairness.services import findings_for

register = template.Library()


@register.simple_tag
def bias_findings(text, case=None):
    """``{% bias_findings text case as findings %}``: the checker's findings, for the findings panel."""
    return findings_for(str(text or ""), case)
