app_name = "provenance"
urlpatterns: list = []
