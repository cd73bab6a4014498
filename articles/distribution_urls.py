"""Feeds, sitemaps and robots.txt: how stories travel beyond the site."""

urlpatterns = []
