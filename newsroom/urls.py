from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every page that names no icon, the admin's included.
    path("favicon.ico", lambda request: redirect(static_url("favicon.svg"), permanent=True)),
    path("", include("articles.distribution_urls")),
    path("", include("articles.search_urls")),
    path("", include("people.urls")),
    path("", include("articles.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
