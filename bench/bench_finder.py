"""The public finder's results page, with realistic text and filter searches, against a static
page in the same layout served by the same stack.

Both sides are requested anonymously through Django's test client, under /find/, so the same
middleware (including the finder's own, which strips cookies and sets the privacy headers)
and the same page layout (Exit this page, emergency numbers, language links, footer) cost
the same on each. What the ratio measures is what a search adds: the form and its choices,
the search itself (filters, meaning, words, needs, fusion, explanations), loading the matched
services with their details and rendering them.

Every timed search is new to the process: the search keeps recent query embeddings in
memory, so repeating a handful of queries would time the cache, not the search. A second,
informational row times searches that repeat (someone paging through results)."""

import itertools
from dataclasses import dataclass
from urllib.parse import urlencode

from benchlib import Options, Row, Timings, time_batch
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coaction.finder import search as finder_search
from coaction.finder import views
from coaction.finder.forms import FinderChoices, SearchForm
from coaction.finder.models import Service, ServiceLanguage
from coaction.finder.search import SearchFilters, SearchResult, search_services

TARGET = 0.5

# What someone might type, in several languages. Each is combined with a second phrase so
# that every timed search is one the process has not seen.
NEEDS = [
    "I need a safe place to stay with my children",
    "refuge for women",
    "help with forced marriage",
    "my husband controls all our money",
    "legal advice about a non-molestation order",
    "I have no recourse to public funds",
    "someone to talk to after rape",
    "counselling for trauma",
    "mujhe apne bachon ke saath rehne ki mehfooz jagah chahiye",
    "مجھے محفوظ جگہ چاہیے",
    "আমার স্বামী আমাকে মারে, সাহায্য দরকার",
    "potrzebuję pomocy prawnej, mąż mnie bije",
    "waxaan u baahanahay caawimaad, ninkaygu wuu i garaacaa",
    "أحتاج إلى مأوى آمن",
    "am nevoie de ajutor, soțul meu mă bate",
    "he tracks my phone and follows me",
]
CONTEXTS = [
    "",
    "please",
    "urgent",
    "tonight",
    "near me",
    "I am scared",
    "I don't speak English well",
    "he checks my phone",
    "I am pregnant",
    "I have a visa problem",
    "my family are forcing me",
    "I am disabled",
    "for my daughter",
    "I cannot go home",
    "in my language",
    "where can I go",
]


@dataclass(frozen=True)
class Scenario:
    label: str
    filters: dict[str, str]


def scenarios() -> list[Scenario]:
    """Filter combinations a survivor would use, with values from the data set so that each
    finds services."""
    language = (
        ServiceLanguage.objects.filter(mode="staff", service__status="active")
        .exclude(code="en")
        .values("code")
        .annotate(n=Count("id"))
        .order_by("-n", "code")
        .first()
    )
    if language is None:
        raise RuntimeError("no service in the data set lists a language other than English")
    return [
        Scenario("text only", {}),
        Scenario("text + language staff speak", {"language": language["code"]}),
        Scenario("text + need", {"need": "refuge"}),
        Scenario("text + by and for", {"by_and_for": "on"}),
        Scenario("text + NRPF + need", {"nrpf": "on", "need": "immigration-nrpf"}),
    ]


def queries() -> list[str]:
    """Every phrase, each with every context: 256 distinct searches."""
    return [f"{need} {context}".strip() for need, context in itertools.product(NEEDS, CONTEXTS)]


def fetch(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    if response.cookies:
        raise RuntimeError(f"GET {url} set a cookie")


def queries_per_request(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return len(captured)


def run(options: Options) -> list[Row]:
    rounds, per_round = (1, 10) if options.quick else (6, 40)
    services = Service.objects.filter(status=Service.Status.ACTIVE).count()
    if not services:
        raise RuntimeError("the data set has no services: rebuild it with --rebuild")

    client = Client()
    results_url = reverse("finder:results")
    baseline_url = reverse("finder:browsing_safely")
    cases = scenarios()

    def url_for(query: str, case: Scenario) -> str:
        return f"{results_url}?{urlencode({'q': query, **case.filters})}"

    pool = queries()
    # Warm-up uses its own searches (the last few phrases); the timed ones are never repeated.
    needed = rounds * per_round
    warm_pool, timed_pool = pool[-len(cases) :], pool[: len(pool) - len(cases)]
    if needed > len(timed_pool):
        raise RuntimeError(f"{needed} timed searches but only {len(timed_pool)} distinct ones")
    timed = [url_for(query, cases[i % len(cases)]) for i, query in enumerate(timed_pool[:needed])]

    # Warm-up: load the embedding model and the search index, fill template caches, and
    # check that every scenario finds something.
    for query, case in zip(warm_pool, cases, strict=True):
        fetch(client, url_for(query, case))
        found = search_services(
            query=query,
            filters=SearchFilters(
                need=case.filters.get("need", ""),
                language=case.filters.get("language", ""),
                by_and_for="by_and_for" in case.filters,
                nrpf="nrpf" in case.filters,
            ),
            limit=1,
        )
        if not found.total:
            raise RuntimeError(f"{case.label}: {query!r} finds no service")
    for _ in range(3):
        fetch(client, baseline_url)

    results, base = Timings(), Timings()
    per_case: dict[str, list[float]] = {case.label: [] for case in cases}
    for round_number in range(rounds):
        batch = timed[round_number * per_round : (round_number + 1) * per_round]
        sides = [("results", batch), ("baseline", [baseline_url] * len(batch))]
        if round_number % 2:
            sides.reverse()
        for side, urls in sides:
            calls = [lambda url=url: fetch(client, url) for url in urls]
            latencies = time_batch(calls, results if side == "results" else base)
            if side == "results":
                for offset, latency in enumerate(latencies):
                    index = (round_number * per_round + offset) % len(cases)
                    per_case[cases[index].label].append(latency)

    # Repeated searches (paging, going back): the query embedding is cached.
    repeat_urls = [url_for(query, case) for query, case in zip(warm_pool, cases, strict=True)]
    repeated, repeat_base = Timings(), Timings()
    for round_number in range(2 if options.quick else 4):
        batch = repeat_urls * (1 if options.quick else 4)
        sides = [("repeated", batch), ("baseline", [baseline_url] * len(batch))]
        if round_number % 2:
            sides.reverse()
        for side, urls in sides:
            calls = [lambda url=url: fetch(client, url) for url in urls]
            time_batch(calls, repeated if side == "repeated" else repeat_base)

    # The page without the search: the same requests, answered by a stand-in that returns
    # matches found beforehand, so what remains is the form, loading the services and
    # rendering them. The search's own latency has its own benchmark.
    answers = {}
    for url in repeat_urls:
        form = SearchForm(QueryDict(url.split("?", 1)[1]), choices=FinderChoices.load())
        if not form.is_valid():
            raise RuntimeError(f"{url}: {form.errors}")
        answers[form.cleaned_data["q"]] = search_services(
            query=form.cleaned_data["q"], filters=form.filters(), limit=views.PAGE_SIZE
        )

    def answered(*, query: str = "", **kwargs: object) -> SearchResult:
        return answers[query]

    page_only, page_base = Timings(), Timings()
    real_search = views.search_services
    views.search_services = answered
    try:
        for round_number in range(2 if options.quick else 4):
            batch = repeat_urls * (1 if options.quick else 4)
            sides = [("page", batch), ("baseline", [baseline_url] * len(batch))]
            if round_number % 2:
                sides.reverse()
            for side, urls in sides:
                calls = [lambda url=url: fetch(client, url) for url in urls]
                time_batch(calls, page_only if side == "page" else page_base)
    finally:
        views.search_services = real_search

    baseline_queries = queries_per_request(client, baseline_url)
    results_queries = [queries_per_request(client, url) for url in repeat_urls]

    search_doc = (finder_search.__doc__ or "").strip().splitlines()[0]
    notes = [
        f"data set: {services:,} active services; {len(cases)} filter combinations in "
        f"rotation, {len(timed)} distinct searches in {len(NEEDS)} phrasings and several "
        "languages",
        f"search: {search_doc}",
        f"results:  median {results.median * 1000:.1f} ms, p95 {results.p95 * 1000:.1f} ms "
        f"over {len(results.latencies)} requests ({results.full_collections} full GCs)",
        f"baseline: median {base.median * 1000:.1f} ms, p95 {base.p95 * 1000:.1f} ms over "
        f"{len(base.latencies)} requests (browsing-safely page: same layout, no search)",
        f"SQL queries per request: baseline {baseline_queries}, results "
        f"{min(results_queries)}-{max(results_queries)}",
    ]
    details_cases = []
    width = max(len(case.label) for case in cases)
    for case in cases:
        timings = Timings(latencies=per_case[case.label])
        notes.append(
            f"  {case.label:<{width}}  median {timings.median * 1000:6.1f} ms  "
            f"p95 {timings.p95 * 1000:6.1f} ms"
        )
        details_cases.append(
            {
                "label": case.label,
                "filters": case.filters,
                "median_ms": timings.median * 1000,
                "p95_ms": timings.p95 * 1000,
            }
        )
    return [
        Row(
            name="finder results (new searches, anonymous)",
            figure=results.throughput,
            baseline=base.throughput,
            unit="req/s",
            target=TARGET,
            notes=notes,
            details={
                "requests": len(results.latencies),
                "results_median_ms": results.median * 1000,
                "results_p95_ms": results.p95 * 1000,
                "baseline_median_ms": base.median * 1000,
                "baseline_p95_ms": base.p95 * 1000,
                "results_full_collections": results.full_collections,
                "baseline_full_collections": base.full_collections,
                "baseline_queries": baseline_queries,
                "results_queries": results_queries,
                "scenarios": details_cases,
            },
        ),
        Row(
            name="finder results (repeated searches)",
            figure=repeated.throughput,
            baseline=repeat_base.throughput,
            unit="req/s",
            notes=[
                f"the same {len(repeat_urls)} searches again and again, as when paging: the "
                "query embedding comes from the search's in-memory cache",
                f"repeated: median {repeated.median * 1000:.1f} ms, p95 "
                f"{repeated.p95 * 1000:.1f} ms over {len(repeated.latencies)} requests",
            ],
            details={
                "requests": len(repeated.latencies),
                "median_ms": repeated.median * 1000,
                "p95_ms": repeated.p95 * 1000,
            },
        ),
        Row(
            name="finder results page without the search",
            figure=page_only.throughput,
            baseline=page_base.throughput,
            unit="req/s",
            notes=[
                "the same pages with the search answered instantly from matches found "
                "beforehand: what the page itself costs (form and choices, loading 10 services "
                "with their details, rendering)",
                f"page: median {page_only.median * 1000:.1f} ms, p95 "
                f"{page_only.p95 * 1000:.1f} ms over {len(page_only.latencies)} requests",
            ],
            details={
                "requests": len(page_only.latencies),
                "median_ms": page_only.median * 1000,
                "p95_ms": page_only.p95 * 1000,
            },
        ),
    ]
