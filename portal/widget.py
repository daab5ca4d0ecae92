"""The website widget: published projects and partnerships for the municipality's own site.

Three ways in, one content: `/widget/` is a page made for an <iframe> (framing allowed only
from the origins in `WIDGET_FRAME_ANCESTORS`), `/widget/fragment.html` the same content as an
HTML fragment for server-side inclusion (Sitevision and most CMSs can include a URL), and
`/widget/style.css` the colours chosen in the URL. No JavaScript anywhere. Coordinators find
the code to paste on `/widget/code/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from intl_portal.organisation import policy
from intl_portal.organisation.models import FocusArea, Municipality
from partners.models import Partnership
from partners.selectors import public_partnerships
from projects.models import FundingProgramme, Project
from projects.selectors import public_projects

DEFAULT_ACCENT = "0b4f8a"
DEFAULT_TEXT = "1a1a1a"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text, against the white background
SHOW_CHOICES = [("projekt", _("Pågående projekt")), ("samarbeten", _("Vänorter och samarbeten"))]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    return 1.05 / (_luminance(hex_colour) + 0.05)


class ColourField(forms.RegexField):
    """Six hex digits without '#', readable on white (WCAG AA contrast)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            regex=r"^[0-9a-fA-F]{6}$",
            required=False,
            error_messages={"invalid": _("Ange färgen som sex hexadecimala tecken, t.ex. 0b4f8a.")},
            **kwargs,
        )

    def clean(self, value: Any) -> str:
        colour = super().clean(value).lower()
        if colour and contrast_on_white(colour) < MIN_CONTRAST:
            ratio = f"{contrast_on_white(colour):.1f}".replace(".", ",")
            raise forms.ValidationError(
                _(
                    "Färgen %(colour)s har för låg kontrast mot vit bakgrund "
                    "(%(ratio)s:1, minst 4,5:1)."
                )
                % {"colour": colour, "ratio": ratio}
            )
        return colour


class WidgetParams(forms.Form):
    """What the URL asks for; every parameter is optional."""

    visa = forms.MultipleChoiceField(
        choices=SHOW_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    fokus = forms.ModelChoiceField(
        queryset=FocusArea.objects.all(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    program = forms.ModelChoiceField(
        queryset=FundingProgramme.objects.all(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    sprak = forms.ChoiceField(
        choices=[("", "svenska"), ("en", "English")],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    farg = ColourField(widget=forms.TextInput(attrs={"class": "form-control"}))
    text = ColourField(widget=forms.TextInput(attrs={"class": "form-control"}))
    antal = forms.IntegerField(
        min_value=1,
        max_value=50,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


@dataclass(frozen=True)
class WidgetContent:
    projects: list[Project] | None
    partnerships: list[Partnership] | None
    municipality: Municipality
    language: str
    css_url: str  # relative: the framed page loads it from the portal itself
    site_url: str
    more_projects_url: str
    more_partnerships_url: str


def _params(request: HttpRequest) -> WidgetParams:
    data = request.GET.copy()
    if "visa" in data:  # "visa=projekt,samarbeten" as well as repeated parameters
        data.setlist("visa", [v for item in data.getlist("visa") for v in item.split(",") if v])
    return WidgetParams(data)


def _limited(qs: QuerySet[Any], limit: int) -> list[Any]:
    return list(qs[:limit])


def _content(params: WidgetParams) -> WidgetContent:
    data = params.cleaned_data
    show = set(data["visa"] or ["projekt", "samarbeten"])
    limit = data["antal"] or 10
    projects = partnerships = None
    if "projekt" in show:
        qs = public_projects().prefetch_related("focus_areas")
        if data["fokus"]:
            qs = qs.filter(focus_areas=data["fokus"])
        if data["program"]:
            qs = qs.filter(programme=data["program"])
        projects = _limited(qs.distinct(), limit)
    if "samarbeten" in show:
        qs_p = public_partnerships()
        if data["fokus"]:
            qs_p = qs_p.filter(focus_areas=data["fokus"])
        partnerships = _limited(qs_p.distinct(), limit)
    colours = {"farg": data["farg"] or DEFAULT_ACCENT, "text": data["text"] or DEFAULT_TEXT}
    site = settings.SITE_URL
    return WidgetContent(
        projects=projects,
        partnerships=partnerships,
        municipality=Municipality.current(),
        language=data["sprak"] or "sv",
        css_url=f"{reverse('widget-css')}?{urlencode(colours)}",
        site_url=site,
        more_projects_url=f"{site}{reverse('public_projects:public-list')}",
        more_partnerships_url=f"{site}{reverse('public_partnerships:public-list')}",
    )


def _respond(request: HttpRequest, template: str, *, frameable: bool) -> HttpResponse:
    params = _params(request)
    if not params.is_valid():
        response = render(request, "widget/invalid.html", {"errors": params.errors}, status=400)
    else:
        content = _content(params)
        with translation.override(content.language):
            response = render(request, template, {"widget": content})
    if frameable:
        # Only the origins the municipality named may show the page in a frame (and the
        # portal itself, for the preview on the code page).
        response._csp_replace = {  # type: ignore[attr-defined]
            "frame-ancestors": ["'self'", *settings.WIDGET_FRAME_ANCESTORS]
        }
        response.xframe_options_exempt = True
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def widget_page(request: HttpRequest) -> HttpResponse:
    """The widget as a page of its own, to show in an <iframe>."""
    return _respond(request, "widget/page.html", frameable=True)


@require_GET
def widget_fragment(request: HttpRequest) -> HttpResponse:
    """The widget as an HTML fragment, for server-side inclusion in the municipality's site."""
    return _respond(request, "widget/fragment.html", frameable=False)


@require_GET
def widget_css(request: HttpRequest) -> HttpResponse:
    """The widget's colours as CSS custom properties (no inline styles: the CSP forbids them)."""
    params = _params(request)
    if not params.is_valid():
        return HttpResponse(
            "/* ogiltig färg */", status=400, content_type="text/css; charset=utf-8"
        )
    accent = params.cleaned_data["farg"] or DEFAULT_ACCENT
    text = params.cleaned_data["text"] or DEFAULT_TEXT
    css = f".intl-widget{{--widget-accent:#{accent};--widget-text:#{text};}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
@login_required
def widget_code(request: HttpRequest) -> HttpResponse:
    """For coordinators: the code to paste into the municipality's website, with a preview."""
    if not policy.is_coordinator(request.user):
        raise PermissionDenied
    params = _params(request)
    valid = params.is_valid()
    query = request.GET.urlencode() if valid else ""
    site = settings.SITE_URL
    page_url = f"{site}{reverse('widget')}" + (f"?{query}" if query else "")
    fragment_url = f"{site}{reverse('widget-fragment')}" + (f"?{query}" if query else "")
    return render(
        request,
        "widget/code.html",
        {
            "params": params,
            "page_url": page_url,
            "fragment_url": fragment_url,
            "preview_url": reverse("widget") + (f"?{query}" if query else ""),
            "iframe_code": format_html(
                '<iframe src="{}" title="{}" width="100%" height="600" loading="lazy"></iframe>',
                page_url,
                _("Internationellt arbete"),
            ),
            "allowed_origins": settings.WIDGET_FRAME_ANCESTORS,
        },
        status=200 if valid else 400,
    )
