"""One shared way for background tasks to report progress.

An action calls `start_tracked_task` inside its transaction; the task is enqueued once the
transaction commits, and receives `progress_id`. Inside the task, `tracking(progress_id)`
gives a reporter and records success or failure whatever happens."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from coaction.core.models import TaskProgress


class ProgressReporter:
    def __init__(self, progress: TaskProgress) -> None:
        self.progress = progress

    def update(self, *, done: int, total: int | None = None, message: str = "") -> None:
        self.progress.done = done
        fields = ["done", "updated_at"]
        if total is not None:
            self.progress.total = total
            fields.append("total")
        if message:
            self.progress.message = message[:500]
            fields.append("message")
        self.progress.save(update_fields=fields)


@contextmanager
def tracking(progress_id: str) -> Iterator[ProgressReporter]:
    progress = TaskProgress.objects.get(pk=progress_id)
    progress.status = TaskProgress.Status.RUNNING
    progress.save(update_fields=["status", "updated_at"])
    reporter = ProgressReporter(progress)
    try:
        yield reporter
    except Exception as exc:
        progress.status = TaskProgress.Status.FAILED
        progress.message = (str(exc) or exc.__class__.__name__)[:500]
        progress.save(update_fields=["status", "message", "updated_at"])
        raise
    progress.status = TaskProgress.Status.SUCCEEDED
    if progress.total:
        progress.done = progress.total
    progress.save(update_fields=["status", "done", "updated_at"])


def start_tracked_task(
    task: Any, *, label: str, owner: Any, result_url: str = "", **kwargs: Any
) -> TaskProgress:
    """Record a TaskProgress row and enqueue `task(progress_id=..., **kwargs)` on commit."""
    progress = TaskProgress.objects.create(label=label, owner=owner, result_url=result_url)

    def enqueue() -> None:
        result = task.enqueue(progress_id=str(progress.pk), **kwargs)
        TaskProgress.objects.filter(pk=progress.pk).update(task_result_id=str(result.id))

    transaction.on_commit(enqueue)
    return progress
