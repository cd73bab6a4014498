from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("articles/<slug:slug>/", views.article, name="article"),
]
