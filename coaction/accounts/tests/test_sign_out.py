from django.contrib.auth import SESSION_KEY
from django.urls import reverse

LOGOUT = reverse("accounts:logout")


def test_it_refuses_a_get(client, alice):
    client.force_login(alice)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert client.session.get(SESSION_KEY) == str(alice.pk)


def test_it_ends_the_session_on_post(client, alice):
    client.force_login(alice)
    old_key = client.session.session_key

    response = client.post(LOGOUT, follow=True)

    assert response.redirect_chain == [(reverse("core:home"), 302)]
    assert SESSION_KEY not in client.session
    assert client.session.session_key != old_key
    assert "You have signed out." in response.content.decode()
    # The account's pages are closed again.
    settings_page = client.get(reverse("accounts:settings"))
    assert settings_page.status_code == 302
    assert settings_page.url.startswith(reverse("accounts:login"))


def test_it_is_harmless_for_someone_not_signed_in(client, db):
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
