import uuid

import pytest
from django.urls import reverse

from coaction.core.models import TaskProgress


@pytest.fixture
def progress(alice):
    return TaskProgress.objects.create(
        label="Sending 4 invitations for Saffron Sisters",
        owner=alice,
        status=TaskProgress.Status.RUNNING,
        done=1,
        total=4,
        message="Sent to one@example.org",
        result_url="/organisations/saffron-sisters/members/",
    )


def url(progress):
    return reverse("core:task_progress", kwargs={"progress_id": progress.pk})


def test_the_owner_sees_how_far_it_has_got(client, alice, progress):
    client.force_login(alice)

    response = client.get(url(progress))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Sending 4 invitations for Saffron Sisters" in body
    assert 'value="25"' in body
    assert "In progress: Sent to one@example.org" in body
    assert "1 of 4" in body
    assert f'data-progress-url="{url(progress)}"' in body
    # Not finished: no button onwards yet.
    assert progress.result_url not in body


def test_the_owner_gets_json_when_asking_for_it(client, alice, progress):
    client.force_login(alice)

    response = client.get(url(progress), headers={"Accept": "application/json"})

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "running",
        "status_text": "In progress",
        "percent": 25,
        "done": 1,
        "total": 4,
        "message": "Sent to one@example.org",
        "finished": False,
    }


def test_a_finished_task_offers_the_way_on(client, alice, progress):
    progress.status = TaskProgress.Status.SUCCEEDED
    progress.save()
    client.force_login(alice)

    body = client.get(url(progress)).content.decode()

    assert f'href="{progress.result_url}"' in body
    assert "data-progress-url" not in body
    assert client.get(url(progress), headers={"Accept": "application/json"}).json()["finished"]


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_another_person_gets_a_404(client, bob, progress, accept):
    client.force_login(bob)

    response = client.get(url(progress), headers={"Accept": accept})

    assert response.status_code == 404
    assert b"Sent to one@example.org" not in response.content


def test_a_hub_admin_cannot_watch_someone_elses_task_either(verified_client, hannah, progress):
    response = verified_client(hannah).get(url(progress))
    assert response.status_code == 404


def test_an_unknown_task_is_a_404(client, alice, progress):
    client.force_login(alice)
    response = client.get(reverse("core:task_progress", kwargs={"progress_id": uuid.uuid4()}))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, progress):
    response = client.get(url(progress), headers={"Accept": "application/json"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
