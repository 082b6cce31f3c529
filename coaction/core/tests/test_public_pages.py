import pytest
from django.urls import reverse


def test_the_accessibility_statement_opens_for_anyone(client, db):
    response = client.get(reverse("core:accessibility"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "zoomed to 400%." in body
    assert "Coaction Hub" in body


def test_the_privacy_notice_opens_for_anyone(client, db):
    response = client.get(reverse("core:privacy"))
    assert response.status_code == 200
    assert "Coaction Hub" in response.content.decode()


@pytest.mark.parametrize("name", ["core:home", "core:accessibility", "core:privacy"])
def test_each_public_page_opens_in_urdu(client, db, name):
    response = client.get("/ur" + reverse(name))
    assert response.status_code == 200
    assert 'lang="ur" dir="rtl"' in response.content.decode()
