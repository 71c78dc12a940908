from django.urls import path

from rhia.gateway import views

app_name = "gateway"
urlpatterns = [
    path("", views.keys, name="keys"),
    path("<int:pk>/revoquer/", views.revoke, name="revoke"),
    path("consommation/", views.usage, name="usage"),
]
