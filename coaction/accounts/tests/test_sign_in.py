import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coaction.accounts.tests.factories import PASSWORD
from coaction.accounts.tests.otp import current_code, wrong_code

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:verify")


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def sign_in(client, email, password=PASSWORD, next_url=None):
    data = {"username": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data)


def test_it_shows_the_sign_in_form(client, db):
    response = client.get(LOGIN + "?next=/organisations/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body and 'name="password"' in body
    assert 'name="next" value="/organisations/"' in body


def test_it_signs_in_with_the_right_password_and_goes_to_a_safe_next(client, alice):
    response = sign_in(client, alice.email, next_url="/organisations/")

    assert response.status_code == 302
    assert response.url == "/organisations/"
    assert signed_in_user_id(client) == str(alice.pk)


def test_it_goes_home_when_there_is_no_next(client, alice):
    response = sign_in(client, alice.email)
    assert response.url == reverse("core:home")
    assert signed_in_user_id(client) == str(alice.pk)


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/path", "https:evil.example", "javascript:alert(1)"],
)
def test_it_ignores_an_off_site_next(client, alice, next_url):
    response = sign_in(client, alice.email, next_url=next_url)

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert signed_in_user_id(client) == str(alice.pk)


def test_it_does_not_carry_an_off_site_next_into_the_form(client, db):
    response = client.get(LOGIN, {"next": "https://evil.example/"})
    body = response.content.decode()
    assert f'name="next" value="{reverse("core:home")}"' in body


def test_it_refuses_a_wrong_password_with_an_error_summary(client, alice):
    response = sign_in(client, alice.email, password="not-the-password")

    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body
    assert signed_in_user_id(client) is None


def test_it_refuses_an_unknown_email_the_same_way(client, db):
    response = sign_in(client, "nobody@example.org")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_it_refuses_a_switched_off_account(client, alice):
    alice.is_active = False
    alice.save()
    response = sign_in(client, alice.email)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_it_locks_the_account_after_five_failures_even_with_the_right_password(client, alice):
    for _ in range(4):
        response = sign_in(client, alice.email, password="guess")
        assert response.status_code == 200
    response = sign_in(client, alice.email, password="guess")
    assert response.status_code == 429

    response = sign_in(client, alice.email)

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert AccessAttempt.objects.filter(username=alice.email).exists()


def test_the_lockout_does_not_stop_someone_else_signing_in(client, alice, bob):
    for _ in range(5):
        sign_in(client, alice.email, password="guess")

    response = sign_in(client, bob.email)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(bob.pk)


def test_a_success_before_the_limit_clears_earlier_failures(client, alice):
    for _ in range(4):
        sign_in(client, alice.email, password="guess")
    assert sign_in(client, alice.email).status_code == 302
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        assert sign_in(client, alice.email, password="guess").status_code == 200
    assert sign_in(client, alice.email).status_code == 302


def test_a_signed_in_person_is_sent_on_from_the_sign_in_page(client, alice):
    client.force_login(alice)
    response = client.get(LOGIN, {"next": "/organisations/"})
    assert response.status_code == 302
    assert response.url == "/organisations/"


@pytest.fixture
def device(alice):
    return TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)


def test_it_asks_for_a_code_when_the_person_has_two_factor_sign_in(client, alice, device):
    response = sign_in(client, alice.email, next_url="/organisations/")

    assert response.status_code == 302
    assert response.url == VERIFY
    assert signed_in_user_id(client) is None
    # Pages that need a sign-in are still closed.
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_it_signs_in_with_a_valid_code_and_goes_to_the_saved_next(client, alice, device):
    sign_in(client, alice.email, next_url="/organisations/")

    response = client.post(VERIFY, {"token": current_code(device)})

    assert response.status_code == 302
    assert response.url == "/organisations/"
    assert signed_in_user_id(client) == str(alice.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_it_accepts_a_code_with_spaces_around_it(client, alice, device):
    sign_in(client, alice.email)
    response = client.post(VERIFY, {"token": f" {current_code(device)} "})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(alice.pk)


def test_it_refuses_an_invalid_code(client, alice, device):
    sign_in(client, alice.email)

    response = client.post(VERIFY, {"token": wrong_code(device)})

    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "That code did not match" in body
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("token", ["", "12345", "1234567", "abcdef"])
def test_it_refuses_a_code_that_is_not_six_digits(client, alice, device, token):
    sign_in(client, alice.email)
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_it_will_not_reuse_a_code(client, alice, device):
    code = current_code(device)
    sign_in(client, alice.email)
    client.post(VERIFY, {"token": code})
    client.post(reverse("accounts:logout"))

    sign_in(client, alice.email)
    response = client.post(VERIFY, {"token": code})

    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_the_code_page_sends_someone_without_a_password_back_to_sign_in(client, alice, device):
    response = client.post(VERIFY, {"token": current_code(device)})

    assert response.status_code == 302
    assert response.url == LOGIN
    assert signed_in_user_id(client) is None


def test_a_code_for_another_persons_device_does_not_sign_in(client, alice, bob, device):
    bobs = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    sign_in(client, alice.email)

    response = client.post(VERIFY, {"token": current_code(bobs)})

    assert response.status_code == 200
    assert signed_in_user_id(client) is None
