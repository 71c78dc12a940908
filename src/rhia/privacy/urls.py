from django.urls import path

from rhia.privacy import views

app_name = "privacy"
urlpatterns = [
    path("essai/", views.try_shield, name="try"),
]
