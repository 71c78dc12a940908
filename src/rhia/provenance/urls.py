from django.urls import path

from rhia.provenance import views

app_name = "provenance"
urlpatterns = [
    path("", views.verify, name="verify"),
]
