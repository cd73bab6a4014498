from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path

from newsroom.accounts import StaffPasswordResetForm

# Password resets for staff, on the admin's own pages: routing `admin_password_reset`
# is what makes the admin's sign-in page offer "Forgotten your login credentials?".
password_reset = [
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=StaffPasswordResetForm),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/password_reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/password_reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *password_reset,
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every page that names no icon, the admin's included.
    path("favicon.ico", lambda request: redirect(static_url("favicon.svg"), permanent=True)),
    path("", include("reader.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
