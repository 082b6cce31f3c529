"""What the public finder shows of a service: contacts, opening hours, languages,
accessibility, vacancies and locations, ready for a template. Locations always pass through
`selectors.public_location`, which withholds a confidential address."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from coaction.finder.forms import KM_PER_MILE, LanguageChoice, language_choice
from coaction.finder.models import Location, Phone, Schedule, Service, ServiceLanguage
from coaction.finder.search import Match
from coaction.finder.selectors import PublicLocation, public_location

# A confidential location's distance is shown no finer than this, so that distances from
# several postcodes cannot be combined to find it.
CONFIDENTIAL_DISTANCE_STEP_MILES = 5
DAY_ORDER = [day for day, _label in Schedule.Day.choices]


@dataclass(frozen=True)
class ContactLine:
    label: str
    value: str
    href: str = ""


@dataclass(frozen=True)
class CapacityLine:
    unit: str
    available: int
    maximum: int | None
    updated: datetime.datetime
    updated_text: str


@dataclass
class ServiceSummary:
    """What anyone may see of a service, ready for a template."""

    service: Service
    url: str
    by_and_for: bool
    reasons: list[str] = field(default_factory=list)
    contacts: list[ContactLine] = field(default_factory=list)
    website: str = ""
    hours: list[tuple[str, str]] = field(default_factory=list)
    open_now: bool | None = None
    staff_languages: list[LanguageChoice] = field(default_factory=list)
    interpreter_languages: list[LanguageChoice] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    capacities: list[CapacityLine] = field(default_factory=list)
    locations: list[PublicLocation] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=dict)
    areas: list[str] = field(default_factory=list)
    distance: str = ""


_PHONE_LABELS = {
    Phone.PhoneType.VOICE: lambda: _("Call"),
    Phone.PhoneType.TEXT: lambda: _("Text"),
    Phone.PhoneType.TEXTPHONE: lambda: _("Textphone"),
    Phone.PhoneType.VIDEO: lambda: _("Video relay (BSL)"),
}
_PHONE_SCHEMES = {
    Phone.PhoneType.VOICE: "tel:",
    Phone.PhoneType.TEXT: "sms:",
    Phone.PhoneType.TEXTPHONE: "tel:",
}


def _contacts(service: Service) -> list[ContactLine]:
    lines = []
    phones = sorted(
        service.phones.all(),
        key=lambda p: list(_PHONE_LABELS).index(p.type) if p.type in _PHONE_LABELS else 99,
    )
    for phone in phones:
        if phone.type not in _PHONE_LABELS:
            continue  # fax: no use to a survivor
        number = phone.number
        if phone.extension:
            number = _("%(number)s extension %(extension)s") % {
                "number": phone.number,
                "extension": phone.extension,
            }
        dialled = "".join(ch for ch in phone.number if ch.isdigit() or ch == "+")
        scheme = _PHONE_SCHEMES.get(phone.type, "")
        lines.append(
            ContactLine(
                label=_PHONE_LABELS[phone.type](),
                value=number,
                href=f"{scheme}{dialled}" if scheme and dialled else "",
            )
        )
    if service.email:
        lines.append(
            ContactLine(label=_("Email"), value=service.email, href=f"mailto:{service.email}")
        )
    return lines


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def _is_all_day(slot: Schedule) -> bool:
    return slot.opens_at == datetime.time(0, 0) and slot.closes_at in (
        datetime.time(23, 59),
        datetime.time(0, 0),
    )


def _hours(schedules: list[Schedule]) -> list[tuple[str, str]]:
    """Opening hours by day, Monday first, with runs of days that keep the same hours joined:
    "Monday to Friday: 09:00 to 17:00"."""
    if not schedules:
        return []
    labels = dict(Schedule.Day.choices)
    by_day: dict[str, list[Schedule]] = {day: [] for day in DAY_ORDER}
    for slot in schedules:
        if slot.byday in by_day:
            by_day[slot.byday].append(slot)
    texts = []
    for day in DAY_ORDER:
        slots = sorted(by_day[day], key=lambda s: s.opens_at)
        if not slots:
            texts.append((day, _("Closed")))
        elif any(_is_all_day(slot) for slot in slots):
            texts.append((day, _("Open 24 hours")))
        else:
            texts.append(
                (
                    day,
                    ", ".join(
                        _("%(opens)s to %(closes)s")
                        % {"opens": _time(s.opens_at), "closes": _time(s.closes_at)}
                        for s in slots
                    ),
                )
            )
    if len({text for _day, text in texts}) == 1:
        return [(_("Every day"), texts[0][1])]
    rows = []
    for text, run in groupby(texts, key=lambda item: item[1]):
        days = [day for day, _text in run]
        if len(days) == 1:
            rows.append((str(labels[days[0]]), text))
        elif len(days) == 2:
            pair = _("%(first)s and %(second)s") % {
                "first": labels[days[0]],
                "second": labels[days[1]],
            }
            rows.append((pair, text))
        else:
            span = _("%(first)s to %(last)s") % {
                "first": labels[days[0]],
                "last": labels[days[-1]],
            }
            rows.append((span, text))
    return rows


def _open_now(schedules: list[Schedule], now: datetime.datetime) -> bool | None:
    if not schedules:
        return None
    today = DAY_ORDER[now.weekday()]
    moment = now.time()
    for slot in schedules:
        if slot.byday != today:
            continue
        if _is_all_day(slot):
            return True
        if slot.opens_at <= slot.closes_at:
            if slot.opens_at <= moment < slot.closes_at:
                return True
        elif moment >= slot.opens_at:  # closes after midnight
            return True
    return False


def _distance(match: Match | None, locations: list[PublicLocation]) -> str:
    if match is None or match.distance_km is None:
        return ""
    miles = match.distance_km / KM_PER_MILE
    places = [loc for loc in locations if loc.location_type != Location.LocationType.VIRTUAL]
    if places and all(loc.confidential for loc in places):
        step = CONFIDENTIAL_DISTANCE_STEP_MILES
        rounded = max(step, round(miles / step) * step)
        return _("About %(miles)s miles away (the address is confidential)") % {"miles": rounded}
    if miles < 0.1:
        return _("Less than 0.1 miles away")
    return _("%(miles)s miles away") % {"miles": f"{miles:.1f}"}


def _updated_text(updated: datetime.datetime, now: datetime.datetime) -> str:
    if now - updated < datetime.timedelta(minutes=1):
        return _("updated just now")
    return _("updated %(time)s ago") % {"time": timesince(updated, now, depth=1)}


def service_url_pattern() -> str:
    """The address of a service's page with "-id-" for its id: reverse once a page, not once
    a result, on the results page's hot path."""
    return reverse("finder:service", kwargs={"service_id": "-id-"})


def describe_service(
    service: Service, match: Match | None = None, *, url_pattern: str = ""
) -> ServiceSummary:
    """Everything the finder shows of a service, from a service fetched through
    `with_public_details`. Locations pass through `public_location`, which withholds a
    confidential address; free text attached to a confidential location is left out too, as
    it may name the street."""
    summary = ServiceSummary(
        service=service,
        url=(url_pattern or service_url_pattern()).replace("-id-", quote(service.id, safe="")),
        by_and_for=service.organisation.is_by_and_for,
        reasons=list(match.reasons) if match else [],
        contacts=_contacts(service),
    )
    if service.url.lower().startswith(("https://", "http://")):
        summary.website = service.url
    schedules = list(service.schedules.all())
    summary.hours = _hours(schedules)
    summary.open_now = _open_now(schedules, timezone.localtime())
    for language in service.languages.all():
        choice = language_choice(language.code, language.name)
        if language.mode == ServiceLanguage.Mode.STAFF:
            summary.staff_languages.append(choice)
        else:
            summary.interpreter_languages.append(choice)
    accessibility: list[str] = []
    for link in service.service_at_locations.all():
        location = link.location
        summary.locations.append(public_location(location))
        for feature in location.accessibility.all():
            if not location.confidential:
                accessibility.append(feature.description)
            if feature.step_free:
                accessibility.append(_("Step-free access"))
            if feature.hearing_loop:
                accessibility.append(_("Hearing loop"))
            if feature.bsl:
                accessibility.append(_("British Sign Language (BSL) on site"))
    summary.accessibility = list(dict.fromkeys(a for a in accessibility if a))
    now = timezone.now()
    for capacity in service.capacities.all():
        summary.capacities.append(
            CapacityLine(
                unit=_(capacity.unit.name),
                available=capacity.available,
                maximum=capacity.maximum,
                updated=capacity.updated,
                updated_text=_updated_text(capacity.updated, now),
            )
        )
    facets: dict[str, list[str]] = {}
    for term in service.terms.all():
        facets.setdefault(term.facet, []).append(_(term.name))
    summary.terms = facets
    summary.areas = [area.name for area in service.service_areas.all()]
    summary.distance = _distance(match, summary.locations)
    return summary
