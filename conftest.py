"""Shared fixtures. Personas, as in DESIGN.md, in two organisations:

- alice: manager of org A (a by-and-for organisation)
- bob: member of org A
- charlie: manager of org B (a white-led organisation): an outsider to org A
- hannah: hub administrator, signed in with her second factor
"""

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):  # type: ignore[no-untyped-def]
    """Run background tasks inline in tests, except where a test asks for the database
    backend with the `db_tasks` fixture."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _reset_language():  # type: ignore[no-untyped-def]
    """A request to an /ur/ page leaves Urdu active in the thread; put English back so later
    tests reverse and render in the default language."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def db_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _fast_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def org_a(db):  # type: ignore[no-untyped-def]
    from coaction.organisations.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Saffron Sisters", leadership_type="by_and_for")


@pytest.fixture
def org_b(db):  # type: ignore[no-untyped-def]
    from coaction.organisations.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Northbridge Women's Aid", leadership_type="white_led")


def _member(org, role, **user_kwargs):  # type: ignore[no-untyped-def]
    from coaction.accounts.tests.factories import UserFactory
    from coaction.organisations.models import Membership

    user = UserFactory(**user_kwargs)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def alice(org_a):  # type: ignore[no-untyped-def]
    return _member(org_a, "manager", email="alice@a.example.org", full_name="Alice Adeyemi")


@pytest.fixture
def bob(org_a):  # type: ignore[no-untyped-def]
    return _member(org_a, "member", email="bob@a.example.org", full_name="Bob Begum")


@pytest.fixture
def charlie(org_b):  # type: ignore[no-untyped-def]
    return _member(org_b, "manager", email="charlie@b.example.org", full_name="Charlie Clarke")


@pytest.fixture
def hannah(db):  # type: ignore[no-untyped-def]
    from coaction.accounts.tests.factories import UserFactory

    return UserFactory(
        email="hannah@hub.example.org",
        full_name="Hannah Hub",
        is_hub_admin=True,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def verified_client(client):  # type: ignore[no-untyped-def]
    """A client factory that signs a user in with a confirmed second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def sign_in(user):  # type: ignore[no-untyped-def]
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return sign_in


def pytest_report_header(config):  # type: ignore[no-untyped-def]
    return f"database: {settings.DATABASES['default']['ENGINE']}"
