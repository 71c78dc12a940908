"""Governance status in figures: charter coverage, reports per status, lifecycle states (aggregates).

Read by ``rhia governance_status`` on the server (administrators), never shown per person.
"""

from __future__ import annotations

from collections import Counter

from rhia.accounts.models import User
from rhia.governance import lifecycle_service, services
from rhia.governance.lifecycle_flow import LABELS
from rhia.governance.models import MisuseReport
from rhia.governance.models.reports import ReportStatus
from rhia.policy.models import UseCase


def status_summary() -> dict:
    charter = services.current_charter()
    active = User.objects.filter(is_active=True, access=User.Access.ACTIVE)
    acknowledged = (
        services.acknowledgments_of_current_charter()
        .filter(user__in=active)
        .values("user")
        .distinct()
        .count()
    )
    reports = Counter(MisuseReport.objects.values_list("status", flat=True))
    states = Counter(str(lifecycle_service.current_state(uc)) for uc in UseCase.objects.all())
    return {
        "charter_version": charter.label if charter else None,
        "active_users": active.count(),
        "acknowledged_current_major": acknowledged,
        "reports": {status: reports.get(status, 0) for status in ReportStatus.values},
        "anonymous_reports": MisuseReport.objects.filter(anonymous=True).count(),
        "lifecycle": {str(state): states.get(str(state), 0) for state in LABELS},
    }
