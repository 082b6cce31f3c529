from io import StringIO

from django.core.management import call_command

from coaction.accounts.models import User
from coaction.organisations.models import Membership, Organisation


def test_the_demo_data_set_has_every_leadership_type_and_is_idempotent(db):
    out = StringIO()
    call_command("generate_dataset", "--scale", "demo", stdout=out)
    count = Organisation.objects.count()
    assert 55 <= count <= 65
    types = set(Organisation.objects.values_list("leadership_type", flat=True))
    assert types == {"by_and_for", "white_led", "generic", "statutory"}
    assert "amina@saffron-sisters.example.org" in out.getvalue()
    # Every organisation has someone who can administer it.
    assert not Organisation.objects.exclude(memberships__role=Membership.Role.ADMIN).exists()
    assert User.objects.get(email="admin@coaction-hub.example.org").is_hub_admin

    call_command("generate_dataset", "--scale", "demo", stdout=StringIO())
    assert Organisation.objects.count() == count


def test_the_demo_sign_ins_work(client, db):
    from coaction.organisations.dataset import DEMO_PASSWORD

    call_command("generate_dataset", "--scale", "demo", stdout=StringIO())
    response = client.post(
        "/accounts/sign-in/",
        {"username": "amina@saffron-sisters.example.org", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
