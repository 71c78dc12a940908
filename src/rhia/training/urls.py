from django.urls import path

from rhia.training import views

app_name = "training"
urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan/export.csv", views.plan_csv, name="plan_csv"),
    path("plan/export.pdf", views.plan_pdf, name="plan_pdf"),
    path("plan/questionnaire/", views.questions, name="questions"),
    path("plan/sessions/<int:pk>/", views.session_detail, name="session"),
    path("plan/formations/<int:pk>/", views.training_edit, name="training_edit"),
]
