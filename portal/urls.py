from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from partners import urls as partner_urls
from projects import urls as project_urls
from reports import urls as report_urls

from . import calendar, history, views, widget
from .accounts import urls as account_urls
from .configuration import urls as settings_urls
from .configuration import views as configuration_views
from .search import views as search_views

admin.site.site_header = _("Internationella portalen – administration")
admin.site.site_title = _("Internationella portalen")

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/reports/", views.accessibility_reports, name="accessibility-reports"),
    path(
        "accessibility/reports/<id:pk>/handled/",
        views.accessibility_report_handled,
        name="accessibility-report-handled",
    ),
    path("health/", views.health, name="health"),
    path("widget/", widget.widget_page, name="widget"),
    path("widget/fragment.html", widget.widget_fragment, name="widget-fragment"),
    path("widget/style.css", widget.widget_css, name="widget-css"),
    path("widget/code/", widget.widget_code, name="widget-code"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/count/", views.todo_count, name="todo-count"),
    path("history/<str:label>/<id:pk>/", history.history, name="history"),
    path(
        "history/<str:label>/<id:pk>/restore/<id:history_id>/",
        history.restore,
        name="history-restore",
    ),
    path("accounts/", include(account_urls)),
    path("settings/", include(settings_urls)),
    path("logo/", configuration_views.municipality_logo, name="municipality-logo"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("search/", search_views.search, name="search"),
    path("public/search/", search_views.public_search, name="public-search"),
    path("account/notifications/", include("intl_portal.notifications.urls")),
    path("projects/", include("projects.urls")),
    path("partners/", include("partners.urls")),
    path("funding/", include("funding.urls")),
    path("reports/", include("reports.urls")),
    path("", include("actionplans.urls")),
    path(
        "public/projects/",
        include((project_urls.public_urlpatterns, "public_projects")),
    ),
    path(
        "public/partnerships/",
        include((partner_urls.public_urlpatterns, "public_partnerships")),
    ),
    path("open/", include("portal.open_data.urls")),
    path(
        "public/reports/",
        include((report_urls.public_urlpatterns, "public_reports")),
    ),
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/link/", calendar.calendar_feed_link, name="calendar-feed-link"),
    path("calendar/feed/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path("admin/", admin.site.urls),
]

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
