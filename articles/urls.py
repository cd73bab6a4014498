from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("section/<slug:slug>/", views.section, name="section"),
    # Tag slugs may be Unicode ("café"), which the slug converter would refuse.
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("<int:year>/", views.archive, name="archive_year"),
    path("<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("<int:year>/<int:month>/<int:day>/", views.archive, name="archive_day"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("preview/share/<str:token>/", views.shared_preview, name="shared_preview"),
]
