"""Tracked work through the real database task queue and its worker."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from coaction.core.models import TaskProgress
from coaction.organisations.actions import do_invite_members
from coaction.organisations.models import Invitation


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """Between tasks the worker drops database connections that look stale, as a long-running
    process should. Inside a test's transaction that would close the connection holding the
    test's data, so, as Django's test client does for requests, leave it open."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def run_worker():
    """Run the worker until the queue is empty. It installs its own signal handlers for a
    graceful shutdown; put the test runner's back afterwards."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {number: signal.getsignal(number) for number in signals}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_invitations_wait_in_the_queue_until_the_worker_sends_them(
    db_tasks, charlie, org_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        progress = do_invite_members(
            acting_user=charlie,
            organisation=org_b,
            emails=["dana@example.org", "erin@example.org"],
            role="member",
        )

    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "coaction.organisations.tasks.send_invitations"
    assert queued.args_kwargs["kwargs"]["progress_id"] == str(progress.pk)
    progress.refresh_from_db()
    assert progress.task_result_id == str(queued.id)
    assert progress.status == TaskProgress.Status.QUEUED
    assert mail.outbox == []

    run_worker()

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dana@example.org",
        "erin@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["dana@example.org"])
    invitation = Invitation.objects.get(email="dana@example.org")
    assert invitation.get_absolute_url() in message.body
    assert "Northbridge Women's Aid" in message.subject
    assert "Northbridge Women's Aid" in message.body
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.SUCCEEDED
    assert (progress.done, progress.total) == (2, 2)
    assert progress.result_url == reverse("organisations:members", kwargs={"slug": org_b.slug})


def test_a_failing_task_is_recorded_as_failed(
    db_tasks, charlie, org_b, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "coaction.core.tests.test_background_tasks.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        progress = do_invite_members(
            acting_user=charlie, organisation=org_b, emails=["dana@example.org"], role="member"
        )
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY

    run_worker()

    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.FAILED
    assert progress.message == "The mail server refused the message"


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server refused the message")
