"""The organisation every app shares: the municipality, its committees, departments and users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Municipality(models.Model):
    """The one municipality this installation serves."""

    name = models.CharField(_("namn"), max_length=200)
    logo = models.FileField(_("logotyp"), upload_to="municipality/", blank=True)
    logo_alt = models.CharField(
        _("logotypens alternativtext"),
        max_length=200,
        blank=True,
        help_text=_("Det en skärmläsare läser upp i stället för bilden. Tomt: kommunens namn."),
    )
    vision = models.TextField(_("vision"), blank=True)
    website = models.URLField(_("kommunens webbplats"), blank=True)
    contact_email = models.EmailField(_("kontaktadress (e-post)"), blank=True)
    site_url = models.URLField(
        _("portalens adress"),
        blank=True,
        help_text=_("Används i länkar i e-post, t.ex. https://internationellt.kommun.se."),
    )
    dormancy_years = models.PositiveSmallIntegerField(
        _("vilande efter (år)"),
        default=3,
        help_text=_("En vänort utan kontakt med den politiska ledningen så här länge flaggas."),
    )
    personal_data_retention_years = models.PositiveSmallIntegerField(
        _("gallring av personuppgifter efter (år)"),
        default=2,
        null=True,
        blank=True,
        help_text=_(
            "Namn och e-postadresser tas bort så här många år efter att ett partnerskap, "
            "ett projekt eller en aktivitet avslutades. Tomt: ingen gallring."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    @property
    def logo_text(self) -> str:
        """The logo's alternative text: what was entered, else the municipality's name."""
        return self.logo_alt or self.name

    @classmethod
    def current(cls) -> Municipality:
        """The configured municipality, or an unsaved placeholder before setup."""
        return cls.objects.order_by("pk").first() or cls(name=str(_("Kommunen")))


class Committee(models.Model):
    """A nämnd (or the kommunstyrelse)."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    abbreviation = models.CharField(_("förkortning"), max_length=20, blank=True)
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("En avvecklad nämnd finns kvar i historiken.")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A förvaltning, belonging to a committee."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    abbreviation = models.CharField(_("förkortning"), max_length=20, blank=True)
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    is_active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("En avvecklad förvaltning finns kvar på sina gamla poster och i historiken."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")

    def __str__(self) -> str:
        return self.name


class FocusArea(models.Model):
    """A strategic focus area (inriktning), e.g. "Hållbar regional utveckling".

    Lives in the organisation core because partners, projects and plans all refer to it.
    """

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")

    def __str__(self) -> str:
        return self.name


class SustainableDevelopmentGoal(models.Model):
    """One of the UN's 17 Sustainable Development Goals (Agenda 2030), filled by a migration.

    Lives in the organisation core because partners, projects and plans are all tagged with them.
    """

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name_sv = models.CharField(_("namn på svenska"), max_length=100)
    name_en = models.CharField(_("namn på engelska"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("globalt mål")
        verbose_name_plural = _("globala mål")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        """The name in the language of the request (Swedish unless English is active)."""
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Samordnare")
    CONTACT = "contact", _("Kontaktperson")
    COUNCIL = "council", _("Förtroendevald")
    # Signed in through the municipality's login but not yet given a role: no rights at all.
    NONE = "none", _("Ingen roll ännu")


class User(AbstractUser):
    """A portal user: a role, and for department contacts, a department."""

    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.COUNCIL)
    department = models.ForeignKey(
        Department,
        verbose_name=_("förvaltning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    invited_at = models.DateTimeField(_("senast inbjuden"), null=True, blank=True)
    # Audited like every domain model; the password hash and sign-in times are not history.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        # Lazy translations, which django-stubs' AbstractUser.Meta declares as plain str.
        verbose_name = _("användare")  # type: ignore[assignment]
        verbose_name_plural = _("användare")  # type: ignore[assignment]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="contact") | models.Q(department__isnull=False),
                name="contact_has_department",
                violation_error_message=_("En kontaktperson måste höra till en förvaltning."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AccessibilityReport(models.Model):
    """A reported accessibility problem (the law requires a way to report them)."""

    page = models.CharField(_("sida"), max_length=500, blank=True)
    description = models.TextField(_("beskrivning av problemet"), max_length=4000)
    email = models.EmailField(_("e-post för svar"), blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)
    handled_at = models.DateTimeField(_("åtgärdad"), null=True, blank=True)
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("åtgärdad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tillgänglighetsanmälan")
        verbose_name_plural = _("tillgänglighetsanmälningar")

    def __str__(self) -> str:
        return self.description[:60]
