from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from coaction.core.models import TaskProgress
from coaction.organisations.selectors import home_summary_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    return render(request, "core/home.html", home_summary_for(user=request.user))


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def _get_progress_for_user(request: HttpRequest, progress_id: str) -> TaskProgress:
    # Only the person who started the work can watch it: a 404 for anyone else.
    return get_object_or_404(TaskProgress, pk=progress_id, owner=request.user)


@login_required
def task_progress(request: HttpRequest, progress_id: str) -> HttpResponse:
    progress = _get_progress_for_user(request, progress_id)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "status": progress.status,
                "status_text": progress.get_status_display(),
                "percent": progress.percent,
                "done": progress.done,
                "total": progress.total,
                "message": progress.message,
                "finished": progress.is_finished,
            }
        )
    return render(request, "core/task_progress.html", {"progress": progress})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "errors/403.html",
        {
            "detail": _(
                "The form had expired or did not come from this site. Nothing was changed. "
                "Go back, reload the page and try again."
            )
        },
        status=403,
    )


def raise_404(request: HttpRequest) -> HttpResponse:
    raise Http404
