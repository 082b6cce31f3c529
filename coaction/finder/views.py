"""The public finder: search, the question-led path, results, a service's page and how to
browse safely. Every page here is GET, reads only public data and sets no cookie (see
coaction/finder/middleware.py). What each shows of a service comes from
coaction/finder/summaries.py, which shows locations only through `public_location`."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from coaction.finder.forms import FinderChoices, QuestionsForm, SearchForm
from coaction.finder.search import SearchError, search_services
from coaction.finder.selectors import public_services, with_public_details
from coaction.finder.summaries import describe_service, service_url_pattern

PAGE_SIZE = 10


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only; anything else is 405. Exempt from CSRF checks because these pages
    never change anything, so a stray POST gets a 405 rather than a CSRF failure page."""
    return csrf_exempt(require_safe(view))


@public_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(choices=FinderChoices.none())
    return render(request, "finder/search.html", {"form": form})


@public_page
def questions(request: HttpRequest) -> HttpResponse:
    form = QuestionsForm(request.GET or None, choices=FinderChoices.load())
    step = form.step()
    if step == "results":
        query = form.results_query()
        return redirect(reverse("finder:results") + ("?" + urlencode(query) if query else ""))
    answers = getattr(form, "cleaned_data", {})
    earlier = {"help": [], "language": ["need"], "where": ["need", "language"]}[step]
    hidden = {name: answers[name] for name in earlier if answers.get(name)}
    here = reverse("finder:questions")
    back = {
        "help": reverse("finder:search"),
        "language": f"{here}?{urlencode({'need': hidden.get('need', '')})}",
        "where": f"{here}?{urlencode({**hidden, 'answered': 'help'})}",
    }[step]
    titles = {
        "help": _("What help do you need?"),
        "language": _("Which language would you like to speak?"),
        "where": _("Where are you?"),
    }
    return render(
        request,
        "finder/questions.html",
        {
            "form": form,
            "step": step,
            "title": titles[step],
            "question": {"help": "need", "language": "language"}.get(step, "postcode"),
            "step_number": QuestionsForm.STEPS.index(step) + 1,
            "step_count": len(QuestionsForm.STEPS),
            "hidden": hidden,
            "back": back,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@public_page
def results(request: HttpRequest) -> HttpResponse:
    choices = FinderChoices.load()
    form = SearchForm(request.GET, choices=choices)
    context: dict[str, Any] = {"form": form, "summaries": [], "page": None}
    if not form.is_valid():
        return render(request, "finder/results.html", context, status=400)
    number = form.cleaned_data.get("page") or 1
    query = form.cleaned_data.get("q") or ""
    filters = form.filters()
    try:
        found = search_services(
            query=query, filters=filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
        )
        if not found.matches and found.total and number > 1:
            # Past the last page (results changed since the link was made): show the last.
            number = (found.total - 1) // PAGE_SIZE + 1
            found = search_services(
                query=query, filters=filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
            )
    except SearchError as error:
        form.add_error(None, str(error))
        return render(request, "finder/results.html", context, status=400)
    ids = [match.service_id for match in found.matches]
    services = {
        service.id: service for service in with_public_details(public_services().filter(id__in=ids))
    }
    url_pattern = service_url_pattern()
    context["summaries"] = [
        describe_service(services[match.service_id], match, url_pattern=url_pattern)
        for match in found.matches
        if match.service_id in services
    ]
    context["page"] = Paginator(range(found.total), PAGE_SIZE).get_page(number)
    context["total"] = found.total
    others = request.GET.copy()
    others.pop("page", None)
    context["query"] = others.urlencode()
    return render(request, "finder/results.html", context)


@public_page
def service(request: HttpRequest, service_id: str) -> HttpResponse:
    found = with_public_details(public_services()).filter(pk=service_id).first()
    if found is None:
        return not_found(request)
    return render(request, "finder/service.html", {"summary": describe_service(found)})


@public_page
def browsing_safely(request: HttpRequest) -> HttpResponse:
    return render(request, "finder/browsing_safely.html")


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under the finder: a not-found page that still carries Exit this
    page and the emergency numbers."""
    return render(request, "finder/not_found.html", status=404)
