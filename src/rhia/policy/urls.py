from django.urls import path

from rhia.policy import views

app_name = "policy"
urlpatterns = [
    path("", views.register, name="register"),
    path("verifier/", views.check, name="check"),
    path("<slug:slug>/", views.detail, name="detail"),
]
