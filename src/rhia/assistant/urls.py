from django.urls import path

from rhia.assistant.views import drafts, edit, flow, home, intake

app_name = "assistant"
urlpatterns = [
    path("", home.home, name="home"),
    path("nouveau/", intake.new_case, name="case_new"),
    path("validation/", home.validation_queue, name="validation_queue"),
    path("cas/<int:pk>/", flow.case_detail, name="case"),
    path("cas/<int:pk>/donnees/", flow.review, name="case_review"),
    path("cas/<int:pk>/sources/", flow.sources, name="case_sources"),
    path("cas/<int:pk>/situation/", flow.situation, name="case_situation"),
    path("cas/<int:pk>/propositions/", drafts.drafts, name="case_drafts"),
    path("cas/<int:pk>/propositions/etat/", drafts.drafts_state, name="case_drafts_state"),
    path("cas/<int:pk>/propositions/generer/", drafts.generate, name="case_generate"),
    path("cas/<int:pk>/choisir/", drafts.choose, name="case_choose"),
    path("cas/<int:pk>/redaction/", edit.edit, name="case_edit"),
    path("cas/<int:pk>/valider/", edit.review_for_validation, name="case_validate"),
    path("cas/<int:pk>/exporter/", edit.export, name="case_export"),
    path("cas/<int:pk>/abandonner/", flow.abandon, name="case_abandon"),
]
