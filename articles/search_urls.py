"""Site search."""

app_name = "search"
urlpatterns = []
