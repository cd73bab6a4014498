"""Staff accounts: who is asking to sign in, what a locked-out person sees, password resets.

Signing in is throttled by django-axes (its settings are in `newsroom.settings`): after
`AXES_FAILURE_LIMIT` wrong passwords for one username from one address, that username
is refused from that address until `AXES_COOLOFF_TIME` has passed or an administrator
lifts the lock (the admin's "Access attempts", or `manage.py axes_reset_username NAME`).
The lock is on the pair, so colleagues behind the same office address can still sign
in while someone guesses at one account, and a guesser cannot lock a reporter out from
everywhere.

Password resets go through the admin's own pages. They are for staff only, and one
address gets at most one reset mail every `RESET_MAIL_INTERVAL`, so the form cannot be
used to flood someone's inbox; the page says the same whether or not a mail was sent,
so it tells no one which addresses have accounts.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.shortcuts import render

RESET_MAIL_INTERVAL = timedelta(minutes=5)


def client_ip(request) -> str | None:
    """The address a request came from, for the sign-in throttle.

    Behind the TLS proxy (`DJANGO_SECURE_PROXY_SSL`) every request arrives from the proxy,
    so the client is the last address the proxy added to X-Forwarded-For (nginx's
    `$proxy_add_x_forwarded_for`); addresses before it are whatever the client claimed.
    Without a proxy, the header is the client's own word and is ignored.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded.strip():
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR")


def locked_out(request, response=None, credentials=None):
    """What a locked-out person sees instead of the sign-in page: why, and what to do."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {"title": "Too many failed sign-ins", "minutes": minutes}
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form, mailing staff only, and one address at most once an interval."""

    def get_users(self, email):
        if not cache.add(_reset_key(email), True, RESET_MAIL_INTERVAL.total_seconds()):
            return
        for user in super().get_users(email):
            if user.is_staff:
                yield user


def _reset_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    return f"password-reset-mail:{digest}"
