from django.urls import path

from rhia.corpus import views

app_name = "corpus"
urlpatterns = [path("", views.sources, name="sources")]
