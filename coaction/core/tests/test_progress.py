import pytest

from coaction.core.models import TaskProgress
from coaction.core.progress import start_tracked_task, tracking


@pytest.fixture
def progress(alice):
    return TaskProgress.objects.create(label="Working", owner=alice)


def reload(progress):
    return TaskProgress.objects.get(pk=progress.pk)


def test_it_starts_queued_with_nothing_done(progress):
    assert progress.status == TaskProgress.Status.QUEUED
    assert progress.percent == 0
    assert not progress.is_finished


def test_it_marks_running_while_the_work_happens(progress):
    with tracking(str(progress.pk)) as reporter:
        assert reload(progress).status == TaskProgress.Status.RUNNING
        reporter.update(done=2, total=5, message="Halfway-ish")
        during = reload(progress)
        assert (during.done, during.total, during.message) == (2, 5, "Halfway-ish")
        assert during.percent == 40


def test_it_marks_success_and_completes_the_count(progress):
    with tracking(str(progress.pk)) as reporter:
        reporter.update(done=3, total=10)

    after = reload(progress)
    assert after.status == TaskProgress.Status.SUCCEEDED
    assert after.done == 10
    assert after.percent == 100
    assert after.is_finished


def test_it_marks_failure_with_the_message_and_re_raises(progress):
    with pytest.raises(RuntimeError, match="mail server refused"):
        with tracking(str(progress.pk)) as reporter:
            reporter.update(done=1, total=3)
            raise RuntimeError("mail server refused")

    after = reload(progress)
    assert after.status == TaskProgress.Status.FAILED
    assert after.message == "mail server refused"
    assert after.done == 1
    assert after.is_finished


def test_a_failure_without_a_message_records_the_kind_of_error(progress):
    with pytest.raises(KeyError):
        with tracking(str(progress.pk)):
            raise KeyError

    assert reload(progress).message == "KeyError"


def test_it_cuts_long_messages_to_fit(progress):
    with pytest.raises(ValueError):
        with tracking(str(progress.pk)) as reporter:
            reporter.update(done=0, message="x" * 600)
            assert len(reload(progress).message) == 500
            raise ValueError("y" * 600)
    assert reload(progress).message == "y" * 500


def test_percent_never_passes_a_hundred(progress):
    progress.done, progress.total = 12, 10
    assert progress.percent == 100


def test_start_tracked_task_enqueues_only_after_commit(alice, django_capture_on_commit_callbacks):
    calls = []

    class FakeTask:
        def enqueue(self, **kwargs):
            calls.append(kwargs)

            class Result:
                id = "result-123"

            return Result()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        progress = start_tracked_task(
            FakeTask(), label="Sending", owner=alice, result_url="/done/", invitation_ids=[1]
        )
    assert calls == []
    assert progress.status == TaskProgress.Status.QUEUED

    for callback in callbacks:
        callback()

    assert calls == [{"progress_id": str(progress.pk), "invitation_ids": [1]}]
    assert reload(progress).task_result_id == "result-123"
