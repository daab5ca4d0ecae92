"""The request type of pages behind @login_required."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user has signed in (the view is behind @login_required), so services
    that take a `User` may be given `request.user`. For type checking only: Django builds the
    request; nothing creates this class."""

    user: User
