"""Governance pages under /gouvernance/."""

from django.urls import path

from rhia.governance.views import kit, lifecycle, reports

app_name = "governance"
urlpatterns = [
    path("", kit.kit, name="kit"),
    path("kit/<slug:slug>/", kit.document, name="document"),
    path("kit/<slug:slug>/pdf/", kit.document_pdf, name="document_pdf"),
    path("kit/<slug:slug>/nouvelle-version/", kit.version_new, name="version_new"),
    path("versions/<int:pk>/modifier/", kit.version_edit, name="version_edit"),
    path("versions/<int:pk>/valider/", kit.version_validate, name="version_validate"),
    path("versions/<int:pk>/renvoyer/", kit.version_return, name="version_return"),
    path("versions/<int:pk>/publier/", kit.version_publish, name="version_publish"),
    path("charte/prise-de-connaissance/", kit.acknowledge, name="acknowledge"),
    path("signaler/", reports.report_new, name="report_new"),
    path("mes-signalements/", reports.my_reports, name="my_reports"),
    path("signalements/", reports.reports, name="reports"),
    path("signalements/<int:pk>/", reports.report_detail, name="report_detail"),
    path("cycle-de-vie/", lifecycle.lifecycle, name="lifecycle"),
    path("cycle-de-vie/<slug:slug>/", lifecycle.lifecycle_detail, name="lifecycle_detail"),
    path("pieces/<int:pk>/", lifecycle.evidence_file, name="evidence_file"),
]
