from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from coaction.accounts.tests.factories import PASSWORD

URL = reverse("accounts:password_change")


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_changes_the_password_and_keeps_you_signed_in(client, alice):
    client.force_login(alice)
    new = "a-much-longer-passphrase-42"

    response = client.post(
        URL, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:settings")
    assert "Your password has been changed." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(new)
    # The session survives the change, so the settings page still opens.
    assert response.status_code == 200
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_it_refuses_a_wrong_old_password(client, alice):
    client.force_login(alice)
    new = "a-much-longer-passphrase-42"
    response = client.post(
        URL, {"old_password": "wrong-one", "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_refuses_a_short_new_password(client, alice):
    client.force_login(alice)
    response = client.post(
        URL, {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"}
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
