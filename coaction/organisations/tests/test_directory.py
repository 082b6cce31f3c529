import csv
import io

import pytest
from django.urls import reverse

from coaction.organisations.models import Language, Specialism
from coaction.organisations.tests.factories import AreaFactory, OrganisationFactory

URL = reverse("organisations:directory")


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lists_organisations(client, alice, org_b):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Saffron Sisters" in response.content
    assert b"Northbridge Women" in response.content


def test_it_filters_by_leadership_type(client, alice, org_b):
    client.force_login(alice)
    response = client.get(URL, {"leadership_type": "by_and_for"})
    assert b"Saffron Sisters" in response.content
    assert b"Northbridge Women" not in response.content


def test_it_filters_by_area_specialism_and_language(client, alice, org_a, org_b):
    area = AreaFactory(name="Northbridge", slug="northbridge")
    org_a.areas.add(area)
    org_a.specialisms.add(Specialism.objects.get(code="forced-marriage"))
    org_a.languages.add(Language.objects.get(code="ur"))
    org_b.areas.add(area)
    client.force_login(alice)

    both = client.get(URL, {"area": "northbridge"})
    assert b"Saffron Sisters" in both.content and b"Northbridge Women" in both.content

    one = client.get(
        URL, {"area": "northbridge", "specialism": "forced-marriage", "language": "ur"}
    )
    assert b"Saffron Sisters" in one.content
    assert b"Northbridge Women" not in one.content


def test_it_says_so_when_a_filter_value_is_unknown(client, alice):
    client.force_login(alice)
    response = client.get(URL, {"language": "not-a-language"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Saffron Sisters" not in response.content


def test_it_paginates(client, alice):
    OrganisationFactory.create_batch(60)
    client.force_login(alice)
    first = client.get(URL)
    assert b"61 organisations" in first.content
    assert first.content.count(b'<h2 class="govuk-heading-s') == 50
    assert b"page=2" in first.content
    second = client.get(URL, {"page": 2})
    assert second.content.count(b'<h2 class="govuk-heading-s') == 11


def test_it_shows_an_empty_state_when_nothing_matches(client, alice):
    client.force_login(alice)
    response = client.get(URL, {"q": "nothing like this"})
    assert b"No organisations match these filters" in response.content


def test_it_exports_the_filtered_directory_as_csv(client, alice, org_b):
    client.force_login(alice)
    response = client.get(reverse("organisations:directory_csv"), {"leadership_type": "white_led"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["name", "leadership_type"]
    assert [r[0] for r in rows[1:]] == ["Northbridge Women's Aid"]


def test_it_refuses_a_csv_export_with_an_unknown_filter(client, alice):
    client.force_login(alice)
    response = client.get(reverse("organisations:directory_csv"), {"leadership_type": "bogus"})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["directory", "directory_csv"])
def test_it_refuses_anonymous_export_and_listing(client, db, name):
    assert client.get(reverse(f"organisations:{name}")).status_code == 302


def test_a_new_area_appears_in_the_filter_at_once(client, alice):
    client.force_login(alice)
    client.get(URL)  # fills the cached filter options
    AreaFactory(name="Wyndham Vale", slug="wyndham-vale")
    response = client.get(URL)
    assert b'value="wyndham-vale"' in response.content


def test_the_directory_query_count_does_not_grow_with_the_page(
    client, alice, django_assert_max_num_queries
):
    for org in OrganisationFactory.create_batch(30):
        org.languages.add(Language.objects.get(code="pl"))
        org.specialisms.add(Specialism.objects.get(code="stalking"))
    client.force_login(alice)
    client.get(URL)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.content.count(b"Languages: Polish") == 30
