from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/<slug:slug>/", views.person, name="person"),
    path("parties/<slug:slug>/", views.party, name="party"),
    path("constituencies/<slug:slug>/", views.constituency, name="constituency"),
]
