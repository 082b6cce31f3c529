"""The organisation directory, filtered, against a plain listing in the same layout.

Both sides are requested through Django's test client as the same signed-in member, so
sessions, authentication, CSRF, CSP, locale and audit middleware cost the same on each. What
the ratio measures is what the directory adds on top: filtering, counting, paginating,
prefetching and rendering the page."""

from dataclasses import dataclass
from urllib.parse import urlencode

from benchlib import Options, Row, Timings, time_batch
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path, reverse

import coaction.urls
from coaction.accounts.models import User
from coaction.organisations import selectors
from coaction.organisations.filters import DirectoryFilter
from coaction.organisations.models import Area, Language, Organisation, Specialism

TARGET = 0.5
BASELINE_ROWS = 50  # the directory's page size


_BASELINE_PAGE = """{% extends "layouts/base.html" %}
{% block title %}Organisations{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Organisations</h1>
<ul class="govuk-list">{% for org in organisations %}<li>{{ org.name }}</li>{% endfor %}</ul>
{% endblock %}"""


@login_required
def baseline(request: HttpRequest) -> HttpResponse:
    """The least a directory page could do: the first page of organisation names, unfiltered,
    in the same site layout (navigation, language links, footer) as every other page."""
    organisations = Organisation.objects.order_by("name")[:BASELINE_ROWS]
    template = engines["jinja2"].from_string(_BASELINE_PAGE)
    return HttpResponse(template.render({"organisations": organisations}, request))


# The project's URLs plus the baseline, installed only in the benchmark process. The baseline
# sits inside i18n_patterns like the directory, so LocaleMiddleware treats both alike.
urlpatterns = [
    *i18n_patterns(
        path("bench/baseline/", baseline, name="bench_baseline"), prefix_default_language=False
    ),
    *coaction.urls.urlpatterns,
]
handler403 = coaction.urls.handler403
handler404 = coaction.urls.handler404
handler500 = coaction.urls.handler500


@dataclass(frozen=True)
class Scenario:
    label: str
    query: str
    matches: int


def scenarios() -> list[Scenario]:
    """Realistic filter combinations, with values picked from the data set so that each one
    finds organisations."""
    area = (
        Area.objects.annotate(n=Count("organisations"))
        .filter(n__gt=0)
        .order_by("-n", "slug")
        .first()
    )
    language = (
        Language.objects.exclude(code="en")
        .annotate(n=Count("organisations"))
        .order_by("-n", "code")
        .first()
    )
    assert area is not None and language is not None, "the data set has no areas or languages"
    specialism = (
        Specialism.objects.filter(organisations__languages=language)
        .annotate(n=Count("organisations"))
        .order_by("-n", "code")
        .first()
    )
    assert specialism is not None, "no organisation in the data set has a specialism"
    sample = Organisation.objects.order_by("slug").first()
    assert sample is not None, "the data set has no organisations"
    fragment = sample.name.split()[0].lower()

    queries = [
        ("by-and-for", {"leadership_type": "by_and_for"}),
        ("area", {"area": area.slug}),
        ("specialism+language", {"specialism": specialism.code, "language": language.code}),
        ("name contains", {"q": fragment}),
        ("page 2, unfiltered", {"page": "2"}),
    ]
    found = []
    for label, params in queries:
        query = urlencode(params)
        filterset = DirectoryFilter(QueryDict(query), queryset=selectors.directory_queryset())
        assert filterset.is_valid(), f"{label}: {filterset.errors}"
        found.append(Scenario(label=label, query=query, matches=filterset.qs.count()))
    return found


def signed_in_client() -> Client:
    user = (
        User.objects.filter(is_hub_admin=False, is_active=True, memberships__isnull=False)
        .order_by("pk")
        .first()
    )
    assert user is not None, "the data set has no members of organisations"
    client = Client()
    client.force_login(user)
    return client


def fetch(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        # A redirect here would mean we were timing the sign-in page, not the directory.
        raise RuntimeError(
            f"GET {url} answered {response.status_code} {response.get('Location', '')}"
        )


def queries_per_request(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return len(captured)


def run(options: Options) -> list[Row]:
    # Rounds alternate which side goes first, so a slow patch on a shared machine lands on
    # both sides rather than on one.
    rounds, per_scenario, warm_up = (1, 2, 1) if options.quick else (6, 8, 3)

    with override_settings(ROOT_URLCONF=__name__):
        client = signed_in_client()
        directory_url = reverse("organisations:directory")
        baseline_url = reverse("bench_baseline")
        cases = scenarios()
        urls = [f"{directory_url}?{case.query}" for case in cases]
        # Rotate through the scenarios so each batch is a mix, as real traffic would be.
        rotation = [url for _ in range(per_scenario) for url in urls]

        # Warm-up: fill template and URL caches, open the database connection and check
        # every URL answers 200 before anything is timed.
        for url in [baseline_url, *urls] * warm_up:
            fetch(client, url)

        directory, base = Timings(), Timings()
        per_url: dict[str, list[float]] = {url: [] for url in urls}
        for round_number in range(rounds):
            sides = [("directory", rotation), ("baseline", [baseline_url] * len(rotation))]
            if round_number % 2:
                sides.reverse()
            for side, batch in sides:
                calls = [lambda url=url: fetch(client, url) for url in batch]
                latencies = time_batch(calls, directory if side == "directory" else base)
                if side == "directory":
                    for url, latency in zip(batch, latencies, strict=True):
                        per_url[url].append(latency)

        # Counted outside the timed loop: capturing queries slows every query down.
        baseline_queries = queries_per_request(client, baseline_url)
        directory_queries = [queries_per_request(client, url) for url in urls]

    notes = [
        f"data set: {Organisation.objects.count():,} organisations, "
        f"{Area.objects.count():,} areas; {len(cases)} filter combinations in rotation",
        f"directory: median {directory.median * 1000:.1f} ms, p95 {directory.p95 * 1000:.1f} ms "
        f"over {len(directory.latencies)} requests ({directory.full_collections} full GCs)",
        f"baseline:  median {base.median * 1000:.1f} ms, p95 {base.p95 * 1000:.1f} ms "
        f"over {len(base.latencies)} requests ({base.full_collections} full GCs)",
        f"SQL queries per request: baseline {baseline_queries}, directory "
        f"{min(directory_queries)}-{max(directory_queries)}",
    ]
    per_scenario_details = []
    width = max(len(case.label) for case in cases)
    for case, url, count in zip(cases, urls, directory_queries, strict=True):
        timings = Timings(latencies=per_url[url])
        notes.append(
            f"  {case.label:<{width}}  ?{case.query:<40}  {case.matches:>5} matches  "
            f"median {timings.median * 1000:6.1f} ms  p95 {timings.p95 * 1000:6.1f} ms  "
            f"{count} queries"
        )
        per_scenario_details.append(
            {
                "label": case.label,
                "query": case.query,
                "matches": case.matches,
                "median_ms": timings.median * 1000,
                "p95_ms": timings.p95 * 1000,
                "queries": count,
            }
        )
    return [
        Row(
            name="directory (filtered, signed in)",
            figure=directory.throughput,
            baseline=base.throughput,
            unit="req/s",
            target=TARGET,
            notes=notes,
            details={
                "requests": len(directory.latencies),
                "directory_median_ms": directory.median * 1000,
                "directory_p95_ms": directory.p95 * 1000,
                "baseline_median_ms": base.median * 1000,
                "baseline_p95_ms": base.p95 * 1000,
                "directory_full_collections": directory.full_collections,
                "baseline_full_collections": base.full_collections,
                "baseline_queries": baseline_queries,
                "scenarios": per_scenario_details,
            },
        )
    ]
