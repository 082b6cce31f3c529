import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from coaction.accounts.tests.factories import PASSWORD

URL = reverse("accounts:password_reset")
NEW = "a-much-longer-passphrase-42"


def reset_link(message):
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_it_shows_the_form_to_anyone(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_it_emails_a_link_that_sets_a_new_password(client, alice):
    response = client.post(URL, {"email": alice.email})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    assert message.subject == "Reset your Coaction Hub password"
    assert "\n" not in message.subject

    link = reset_link(message)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    assert 'name="new_password1"' in form_page.content.decode()

    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})

    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert not alice.check_password(PASSWORD)
    # Resetting does not sign the person in; they sign in with the new password.
    assert SESSION_KEY not in client.session
    signed_in = client.post(reverse("accounts:login"), {"username": alice.email, "password": NEW})
    assert signed_in.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_the_link_works_only_once(client, alice):
    client.post(URL, {"email": alice.email})
    link = reset_link(mail.outbox[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})

    again = client.get(link, follow=True)

    assert 'name="new_password1"' not in again.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_a_tampered_link_sets_nothing(client, alice):
    client.post(URL, {"email": alice.email})
    link = reset_link(mail.outbox[0])
    tampered = link.rstrip("/")[:-3] + "zzz/"

    response = client.get(tampered, follow=True)

    assert 'name="new_password1"' not in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_an_unknown_email_gives_the_same_page_and_sends_nothing(client, alice):
    known = client.post(URL, {"email": alice.email}, follow=True)
    mail.outbox.clear()

    unknown = client.post(URL, {"email": "nobody@example.org"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == 200
    assert mail.outbox == []


def test_it_sends_nothing_to_a_switched_off_account(client, alice):
    alice.is_active = False
    alice.save()
    client.post(URL, {"email": alice.email})
    assert mail.outbox == []
