from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from coaction.accounts.models import User

URL = reverse("accounts:settings")


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={URL}"


def test_it_refuses_an_anonymous_post(client, alice):
    response = client.post(URL, {"full_name": "Someone Else"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adeyemi"


def test_it_shows_your_details_and_organisations(client, alice, org_a):
    client.force_login(alice)
    body = client.get(URL).content.decode()
    assert alice.email in body
    assert 'value="Alice Adeyemi"' in body
    assert org_a.name in body
    assert "Manager" in body


def test_it_shows_only_your_own_organisations(client, charlie, org_a, org_b):
    client.force_login(charlie)
    body = client.get(URL).content.decode()
    assert org_b.name.replace("'", "&#39;") in body
    assert org_a.name not in body


def test_it_saves_your_name(client, alice):
    client.force_login(alice)

    response = client.post(URL, {"full_name": "Alice A. Adeyemi"}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Your details have been saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.full_name == "Alice A. Adeyemi"


def test_it_only_changes_your_own_account(client, alice, bob):
    client.force_login(alice)
    client.post(URL, {"full_name": "Changed", "email": bob.email})
    bob.refresh_from_db()
    alice.refresh_from_db()
    assert bob.full_name == "Bob Begum"
    assert alice.email == "alice@a.example.org"


def test_it_refuses_a_name_over_150_characters(client, alice):
    client.force_login(alice)

    response = client.post(URL, {"full_name": "A" * 151})

    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "at most 150 characters" in body
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adeyemi"


def test_it_accepts_a_name_of_exactly_150_characters(client, alice):
    client.force_login(alice)
    client.post(URL, {"full_name": "A" * 150})
    alice.refresh_from_db()
    assert alice.full_name == "A" * 150


def test_it_refuses_an_empty_name(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"full_name": "  "})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adeyemi"


def test_it_refuses_a_forged_post_with_our_error_page(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(URL, {"full_name": "Forged Name"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "did not come from this site" in body
    assert "Coaction Hub" in body and "govuk-skip-link" in body
    assert User.objects.get(pk=alice.pk).full_name == "Alice Adeyemi"
    assert client.session.get(SESSION_KEY) == str(alice.pk)


def test_it_accepts_a_post_carrying_the_forms_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(URL).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    response = client.post(URL, {"full_name": "Alice Real", "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert User.objects.get(pk=alice.pk).full_name == "Alice Real"
