"""The user's own notification settings page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import PreferencesForm


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Every signed-in user chooses what they are mailed, and how."""
    initial = selectors.preferences_of(user=request.user)
    form = PreferencesForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.preferences_save(
                user=request.user,
                choices=form.choices(),
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Dina val för e-post är sparade."))
            return redirect("notifications:preferences")
        status = 400
    context = {
        "form": form,
        "notifications": selectors.recent_notifications(user=request.user),
    }
    return render(request, "notifications/preferences.html", context, status=status)
