"""Models of the governance app: usage kit, misuse reports, use-case lifecycle."""

from rhia.governance.models.kit import Acknowledgment, DocumentVersion, KitDocument
from rhia.governance.models.lifecycle import LifecycleStep
from rhia.governance.models.reports import MisuseReport, ReportUpdate

__all__ = [
    "Acknowledgment",
    "DocumentVersion",
    "KitDocument",
    "LifecycleStep",
    "MisuseReport",
    "ReportUpdate",
]
