from django.urls import reverse

from coaction.organisations.tests.factories import AreaFactory, OrganisationFactory

HOME = reverse("core:home")


def test_it_names_the_service_for_anonymous_visitors(client, db):
    response = client.get(HOME)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Coaction Hub" in body
    assert f'href="{reverse("accounts:login")}"' in body
    assert "Your organisations" not in body


def test_it_lists_your_organisations_when_signed_in(client, alice, org_a, org_b):
    client.force_login(alice)

    body = client.get(HOME).content.decode()

    assert "Welcome, Alice" in body
    assert "Your organisations" in body
    assert f'href="{org_a.get_absolute_url()}">{org_a.name}</a>' in body
    assert "Manager" in body
    assert org_b.get_absolute_url() not in body


def test_it_says_so_when_you_belong_to_no_organisation(client, db):
    from coaction.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(full_name="Nadia Noone"))
    body = client.get(HOME).content.decode()
    assert "You are not a member of any organisation yet" in body


def test_it_counts_who_else_works_in_your_areas(client, alice, org_a, org_b):
    area = AreaFactory(name="Northbridge")
    elsewhere = AreaFactory(name="Elsewhere")
    org_a.areas.add(area)
    org_b.areas.add(area)
    OrganisationFactory(leadership_type="white_led").areas.add(area)
    OrganisationFactory(leadership_type="white_led").areas.add(elsewhere)
    client.force_login(alice)

    body = client.get(HOME).content.decode()

    assert "Who else works in Northbridge" in body
    assert "Elsewhere" not in body
    white_led_row = body.split(f"area={area.slug}&amp;leadership_type=white_led", 1)[1]
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>'
        in white_led_row.split("</tr>", 1)[0]
    )
