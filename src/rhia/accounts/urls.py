from django.urls import path

from rhia.accounts import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("en-attente/", views.pending, name="pending"),
]
