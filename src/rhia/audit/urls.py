from django.urls import path

from rhia.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.journal, name="journal"),
    path("verifier/", views.verify, name="verify"),
    path("export/", views.export, name="export"),
]
