"""The radar's pages: who sees what, marking, starting an idea, editing, importing."""

from __future__ import annotations

import datetime
import io

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding import services
from funding.models import Call, CallIdea, CallInterest
from projects.models import CalendarFeed, Project
from tests import factories
from tests.conftest import World
from tests.funding.helpers import make_call

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_radar_lists_filters_and_shows_words(world: World) -> None:
    area = factories.FocusAreaFactory(name="Ungdomars delaktighet och lärande")
    services.keywords_save(
        user=world.coordinator, focus_area_id=area.pk, data={"words_en": "youth"}
    )
    youth = make_call(title="Youth exchanges", identifier="Y1")
    make_call(
        title="Hydrogen valleys",
        identifier="H1",
        summary="Electrolysers and storage.",
        programme=factories.FundingProgrammeFactory(name="Horizon Europe"),
    )
    client = _client(world.council)

    page = client.get(reverse("funding:radar"), {"sort": "score"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Youth exchanges") < html.index("Hydrogen valleys")
    assert "youth" in html

    filtered = client.get(reverse("funding:radar"), {"focus_area": area.pk, "status": "all"})
    assert list(filtered.context["page"]) and {r.call for r in filtered.context["page"]} == {youth}


@pytest.mark.parametrize(
    "params",
    [{"programme": "x"}, {"window": "99999"}, {"page": "-3"}, {"status": "nope"}, {"sort": "1;"}],
)
def test_radar_bad_parameters_are_4xx_or_ignored_never_500(world: World, params: dict) -> None:
    response = _client(world.contact).get(reverse("funding:radar"), params)
    assert response.status_code in (200, 400)


def test_contact_sees_own_department_scores_by_default(world: World) -> None:
    make_call()
    response = _client(world.contact).get(reverse("funding:radar"))
    assert response.context["department"] == world.own_department


def test_contact_marks_and_starts_idea_coordinator_sees_it(world: World) -> None:
    call = make_call()
    contact = _client(world.contact)

    marked = contact.post(reverse("funding:mark", args=[call.pk]), {"mark": "interested"})
    assert marked.status_code == 302
    assert CallInterest.objects.get(call=call).department == world.own_department

    started = contact.post(reverse("funding:idea", args=[call.pk]))
    project = CallIdea.objects.get(call=call).project
    assert started.status_code == 302
    assert started["Location"] == reverse("projects:edit", args=[project.pk])
    form = contact.get(started["Location"])
    assert form.status_code == 200
    assert form.context["form"]["programme"].value() == call.programme.pk

    detail = _client(world.coordinator).get(reverse("funding:detail", args=[call.pk]))
    assert project.title in detail.content.decode()
    # Another department's contact does not see the draft idea listed.
    other = _client(world.other_contact).get(reverse("funding:detail", args=[call.pk]))
    assert reverse("projects:detail", args=[project.pk]) not in other.content.decode()


def test_coordinator_starts_idea_for_a_named_department(world: World) -> None:
    call = make_call()
    client = _client(world.coordinator)
    refused = client.post(reverse("funding:idea", args=[call.pk]))
    assert refused.status_code == 400 and "Välj förvaltning" in refused.content.decode()
    client.post(reverse("funding:idea", args=[call.pk]), {"department": world.other_department.pk})
    assert Project.objects.get().department == world.other_department


def test_call_form_round_trips_unchanged(world: World) -> None:
    call = make_call(cofinancing_rate="62.5", partners_abroad_required=True)
    client = _client(world.coordinator)
    form = client.get(reverse("funding:edit", args=[call.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["version"] = call.version
    before = {f: getattr(call, f) for f in services.CALL_FIELDS}

    response = client.post(reverse("funding:edit", args=[call.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert {f: getattr(call, f) for f in services.CALL_FIELDS} == before


def test_stale_edit_is_a_conflict_with_the_text_kept(world: World) -> None:
    call = make_call()
    client = _client(world.coordinator)
    form = client.get(reverse("funding:edit", args=[call.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in ((n, form[n].value()) for n in form.fields)}
    data["version"] = call.version
    services.call_update(
        user=world.coordinator, call=call, data={"title": "Changed"}, version=call.version
    )
    data["title"] = "Mine"
    response = client.post(reverse("funding:edit", args=[call.pk]), data)
    assert response.status_code == 409
    assert 'value="Mine"' in response.content.decode()


def test_import_view_previews_then_saves(world: World) -> None:
    factories.FundingProgrammeFactory(name="Nordplus")
    header = "program;id;titel;källa;sista ansökningsdag"
    content = f"{header}\nNordplus;NP-JUNIOR-2027;Nordplus Junior;Nordplus;2027-02-01\n".encode()
    client = _client(world.coordinator)
    upload = io.BytesIO(content)
    upload.name = "np.csv"
    preview = client.post(reverse("funding:import"), {"file": upload})
    assert preview.status_code == 200 and "NP-JUNIOR-2027" in preview.content.decode()
    assert Call.objects.count() == 0
    token = preview.context["preview"].token
    client.post(reverse("funding:import-confirm"), {"token": token})
    assert Call.objects.get().title == "Nordplus Junior"


def test_import_view_names_bad_rows(world: World) -> None:
    content = "program;id;titel\nOkänt;X;\n".encode()
    upload = io.BytesIO(content)
    upload.name = "bad.csv"
    response = _client(world.coordinator).post(reverse("funding:import"), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Okänt" in html and "titel" in html


def test_deadlines_of_watched_calls_in_calendar_and_ical(world: World) -> None:
    today = datetime.date.today()
    call = make_call(opening_date=None, deadline=today + datetime.timedelta(days=3))
    services.interest_mark(user=world.contact, call=call, mark="interested")
    client = _client(world.contact)
    month = call.deadline.strftime("%Y-%m")
    page = client.get(reverse("calendar"), {"month": month})
    assert call.title in page.content.decode()

    feed = CalendarFeed.objects.create(user=world.contact)
    ics = Client().get(reverse("calendar-feed", args=[feed.token]))
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    deadlines = [e for e in events if call.title in str(e["summary"])]
    assert len(deadlines) == 1
    assert deadlines[0].decoded("dtstart") == call.deadline
    # A department that does not watch the call does not get it in its calendar.
    other = _client(world.other_contact).get(reverse("calendar"), {"month": month})
    assert call.title not in other.content.decode()


def test_dashboard_block_shows_matching_calls(world: World) -> None:
    area = factories.FocusAreaFactory(name="Ungdom")
    services.keywords_save(
        user=world.coordinator, focus_area_id=area.pk, data={"words_en": "youth"}
    )
    make_call(title="Youth exchanges", deadline=datetime.date.today() + datetime.timedelta(days=40))
    html = _client(world.contact).get(reverse("dashboard")).content.decode()
    assert "Utlysningar som passar" in html and "Youth exchanges" in html


def test_radar_page_reads_the_same_number_of_queries_for_3_or_30_calls(world: World) -> None:
    client = _client(world.coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("funding:radar"), {"status": "all"}).status_code == 200
        return len(queries)

    for n in range(3):
        make_call(identifier=f"A{n}")
    few = count()
    for n in range(27):
        make_call(identifier=f"B{n}")
    assert count() == few
