from django.urls import path

from rhia.search import views

app_name = "search"
urlpatterns = [path("", views.page, name="page")]
