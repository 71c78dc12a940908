from django.urls import path

from rhia.corpus import supersession_views, views

app_name = "corpus"
urlpatterns = [
    path("", views.sources, name="sources"),
    path("remplacements/", supersession_views.supersessions, name="supersessions"),
    path(
        "remplacements/<int:pk>/supprimer/",
        supersession_views.delete_supersession,
        name="supersession_delete",
    ),
]
