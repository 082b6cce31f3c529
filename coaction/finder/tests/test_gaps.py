"""Provision gaps in an area, checked against a hand-worked example, and the import of the
area's languages from Census table TS024."""

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from coaction.finder import gaps
from coaction.finder.models import AreaLanguage, ServiceArea, ServiceLanguage
from coaction.finder.tests.factories import (
    AreaLanguageFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
)
from coaction.organisations.tests.factories import AreaFactory


@pytest.fixture
def northbridge(db):
    return AreaFactory(name="Northbridge", ons_code="E09000091", slug="northbridge")


@pytest.fixture
def eastmere(db):
    return AreaFactory(name="Eastmere", ons_code="E06000091", slug="eastmere")


def located(service, area):
    ServiceAtLocationFactory(
        service=service, location=LocationFactory(organisation=service.organisation, area=area)
    )
    return service


def speaks(service, *codes, mode="staff"):
    for code in codes:
        ServiceLanguage.objects.create(service=service, code=code, name=code, mode=mode)
    return service


@pytest.fixture
def example(org_a, org_b, northbridge, eastmere):
    """The hand-worked example. org_a is by-and-for, org_b white-led.

    Northbridge residents: Urdu 1200, Polish 800, Bengali 40, Pashto 5, Somali 4, Tigrinya 3.
    Services counted in Northbridge (active; a location there or a service area naming it):
      S1 (org_a, located): staff ur; interpreter so; needs advocacy, forced marriage
      S2 (org_b, service area only): staff pl; interpreter ur; needs advocacy
      S5 (org_b, located): staff syl (counts for Bengali)
      S6 (org_b, located AND service area): staff ur; needs counselling
      R1 (org_a refuge, NRPF, South Asian): 2 of 6 spaces
      R2 (org_b refuge, NRPF, disabled): 0 of 4 spaces
      R3 (org_b refuge, no figures)
    Not counted: S3 (inactive, staff ti, needs fgm), S4 and R4 (located in Eastmere)."""
    org_a.areas.add(northbridge)
    org_b.areas.add(eastmere)
    for code, name, speakers in [
        ("ur", "Urdu", 1200),
        ("pl", "Polish", 800),
        ("bn", "Bengali", 40),
        ("ps", "Pashto", 5),
        ("so", "Somali", 4),
        ("ti", "Tigrinya", 3),
    ]:
        AreaLanguageFactory(
            area=northbridge, language_code=code, language_name=name, speakers=speakers
        )
    AreaLanguageFactory(area=eastmere, language_code="pl", language_name="Polish", speakers=90)

    s1 = located(
        ServiceFactory(organisation=org_a, term_codes=["advocacy-idva", "hba-forced-marriage"]),
        northbridge,
    )
    speaks(s1, "ur")
    speaks(s1, "so", mode="interpreter")
    s2 = ServiceFactory(organisation=org_b, term_codes=["advocacy-idva"])
    ServiceArea.objects.create(service=s2, name="Northbridge", area=northbridge)
    speaks(s2, "pl")
    speaks(s2, "ur", mode="interpreter")
    s3 = located(
        ServiceFactory(organisation=org_a, status="inactive", term_codes=["fgm"]), northbridge
    )
    speaks(s3, "ti")
    s4 = located(ServiceFactory(organisation=org_b, term_codes=["fgm"]), eastmere)
    speaks(s4, "ps")
    speaks(located(ServiceFactory(organisation=org_b), northbridge), "syl")
    s6 = located(ServiceFactory(organisation=org_b, term_codes=["counselling"]), northbridge)
    ServiceArea.objects.create(service=s6, name="Northbridge", area=northbridge)
    speaks(s6, "ur")

    r1 = located(
        ServiceFactory(
            organisation=org_a,
            term_codes=["refuge", "nrpf-accepted", "community-south-asian"],
        ),
        northbridge,
    )
    ServiceCapacityFactory(service=r1, available=2, maximum=6)
    r2 = located(
        ServiceFactory(organisation=org_b, term_codes=["refuge", "nrpf-accepted", "disabled"]),
        northbridge,
    )
    ServiceCapacityFactory(service=r2, available=0, maximum=4)
    located(ServiceFactory(organisation=org_b, term_codes=["refuge"]), northbridge)
    r4 = located(
        ServiceFactory(organisation=org_b, term_codes=["refuge", "nrpf-accepted"]), eastmere
    )
    ServiceCapacityFactory(service=r4, available=5, maximum=5)
    return northbridge


def test_the_languages_table_matches_the_hand_worked_example(example):
    rows = [
        (r.name, r.speakers, r.staff_services, r.interpreter_services, r.unmet)
        for r in gaps.languages_for(example)
    ]
    assert rows == [
        ("Urdu", 1200, 2, 1, False),
        ("Polish", 800, 1, 0, False),
        ("Bengali", 40, 1, 0, False),  # a Sylheti-speaking service serves Bengali speakers
        ("Pashto", 5, 0, 0, True),  # only Eastmere has a Pashto-speaking service
        ("Somali", None, 0, 1, False),  # 4 residents: withheld
        ("Tigrinya", None, 0, 0, True),  # the Tigrinya service is inactive
    ]


def test_the_needs_table_matches_the_hand_worked_example(example):
    rows = {n.code: (n.services, n.by_and_for_services) for n in gaps.needs_for(example)}
    assert rows["advocacy-idva"] == (2, 1)
    assert rows["hba-forced-marriage"] == (1, 1)
    assert rows["refuge"] == (3, 1)
    assert rows["counselling"] == (1, 0)
    assert rows["fgm"] == (0, 0)
    flagged = {n.code for n in gaps.needs_for(example) if n.no_by_and_for}
    assert {"counselling", "fgm"} <= flagged
    assert not {"advocacy-idva", "hba-forced-marriage", "refuge"} & flagged


def test_the_refuge_vacancies_match_the_hand_worked_example(example):
    rows = {row.code or "all": row.totals for row in gaps.refuge_vacancies_for(example)}
    totals = lambda t: (t.refuges, t.with_space, t.available, t.maximum)  # noqa: E731
    assert totals(rows["all"]) == (2, 1, 2, 10)
    assert totals(rows["nrpf-accepted"]) == (2, 1, 2, 10)
    assert totals(rows["disabled"]) == (1, 0, 0, 4)
    assert totals(rows["community-south-asian"]) == (1, 1, 2, 6)
    assert totals(rows["lgbtq"]) == (0, 0, 0, 0)
    assert "children-young-people" in rows


def test_the_page_shows_small_counts_of_residents_as_fewer_than_5(client, bob, example):
    client.force_login(bob)
    response = client.get(reverse("finder:area_gaps", kwargs={"slug": "northbridge"}))
    assert response.status_code == 200
    body = response.content.decode()
    cell = re.search(r"Tigrinya</th>\s*<td[^>]*>([^<]*)</td>", body)
    assert cell and cell.group(1) == "fewer than 5"
    cell = re.search(r"Pashto</th>\s*<td[^>]*>([^<]*)</td>", body)
    assert cell and cell.group(1) == "5"
    assert "No service offers this language" in body
    assert "No by-and-for provision" in body
    assert body.count("<h1") == 1


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_each_table_downloads_as_csv(client, bob, example):
    client.force_login(bob)
    base = {"slug": "northbridge"}
    languages = read_csv(
        client.get(reverse("finder:area_gaps_csv", kwargs={**base, "table": "languages"}))
    )
    assert languages[0][:3] == ["language_code", "language", "residents"]
    assert ["ti", "Tigrinya", "fewer than 5", "0", "0", "yes"] in languages
    assert ["ur", "Urdu", "1200", "2", "1", "no"] in languages
    needs = read_csv(client.get(reverse("finder:area_gaps_csv", kwargs={**base, "table": "needs"})))
    assert ["counselling", "Counselling and emotional support", "1", "0", "yes"] in needs
    refuges = read_csv(
        client.get(reverse("finder:area_gaps_csv", kwargs={**base, "table": "refuges"}))
    )
    assert ["all", "", "All refuges", "2", "1", "2", "10"] in refuges
    response = client.get(reverse("finder:area_gaps_csv", kwargs={**base, "table": "secrets"}))
    assert response.status_code == 404


def test_someone_whose_organisations_do_not_serve_the_area_is_refused(client, charlie, example):
    client.force_login(charlie)
    assert client.get(reverse("finder:area_gaps", kwargs={"slug": "northbridge"})).status_code == (
        403
    )
    url = reverse("finder:area_gaps_csv", kwargs={"slug": "northbridge", "table": "languages"})
    assert client.get(url).status_code == 403
    # The index lists only the area charlie's organisation serves, and goes straight to it.
    response = client.get(reverse("finder:gaps"))
    assert response.status_code == 302
    assert response["Location"].endswith("/areas/eastmere/gaps/")


def test_anonymous_visitors_are_sent_to_sign_in(client, example):
    for url in (
        reverse("finder:gaps"),
        reverse("finder:area_gaps", kwargs={"slug": "northbridge"}),
        reverse("finder:area_gaps_csv", kwargs={"slug": "northbridge", "table": "needs"}),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_a_hub_administrator_sees_every_area(verified_client, hannah, example, eastmere):
    client = verified_client(hannah)
    body = client.get(reverse("finder:gaps")).content.decode()
    assert "Northbridge" in body and "Eastmere" in body
    assert client.get(reverse("finder:area_gaps", kwargs={"slug": "eastmere"})).status_code == 200


def test_an_area_without_a_language_profile_says_how_to_add_one(client, charlie, eastmere, org_b):
    org_b.areas.add(eastmere)
    client.force_login(charlie)
    body = client.get(reverse("finder:area_gaps", kwargs={"slug": "eastmere"})).content.decode()
    assert "No languages are recorded for Eastmere yet" in body


# --- Importing the population profile ------------------------------------------------------

TS024_HEADER = (
    "Lower tier local authorities Code,Lower tier local authorities,"
    "Main language (detailed) (95 categories) Code,Main language (detailed) (95 categories),"
    "Observation\n"
)


def write(tmp_path, body, name="ts024.csv"):
    path = tmp_path / name
    path.write_text(TS024_HEADER + body, encoding="utf-8")
    return str(path)


def test_it_imports_languages_from_census_table_ts024(tmp_path, northbridge):
    path = write(
        tmp_path,
        "E09000091,Northbridge,1,English (English or Welsh if in Wales),250000\n"
        'E09000091,Northbridge,48,"South Asian language: Bengali (with Sylheti and Chatgaya)",'
        "5400\n"
        "E09000091,Northbridge,58,East Asian language: Mandarin Chinese,800\n"
        "E09000091,Northbridge,60,East Asian language: All other Chinese,90\n"
        "E09000091,Northbridge,56,South Asian language: Any other South Asian language,700\n"
        "E09000091,Northbridge,-8,Does not apply,14500\n"
        "E09000001,City of London,10,European language (EU): Polish,300\n",
    )
    out = io.StringIO()
    call_command("import_area_languages", path, "--json", stdout=out)
    assert '"languages": 3' in out.getvalue()
    assert '"other_areas": 1' in out.getvalue()
    figures = dict(
        AreaLanguage.objects.filter(area=northbridge).values_list("language_code", "speakers")
    )
    # Mandarin and "all other Chinese" are one language code, added together.
    assert figures == {"en": 250000, "bn": 5400, "zh": 890}


def test_importing_again_replaces_the_areas_figures(tmp_path, northbridge):
    AreaLanguageFactory(area=northbridge, language_code="so", language_name="Somali")
    path = write(tmp_path, "E09000091,Northbridge,10,European language (EU): Polish,6200\n")
    call_command("import_area_languages", path, stdout=io.StringIO())
    call_command("import_area_languages", path, stdout=io.StringIO())
    assert list(
        AreaLanguage.objects.filter(area=northbridge).values_list("language_code", "speakers")
    ) == [("pl", 6200)]


def test_a_bad_row_rejects_the_whole_file(tmp_path, northbridge):
    AreaLanguageFactory(area=northbridge, language_code="so", language_name="Somali")
    path = write(
        tmp_path,
        "E09000091,Northbridge,10,European language (EU): Polish,6200\n"
        "E09000091,Northbridge,37,Turkish,about 300\n"
        "E09000091,Northbridge,38,Arabic,\n",
    )
    with pytest.raises(CommandError) as raised:
        call_command("import_area_languages", path, stdout=io.StringIO())
    message = str(raised.value)
    assert "2 bad rows; nothing was loaded" in message
    assert "line 3:" in message and "line 4:" in message
    assert list(AreaLanguage.objects.values_list("language_code", flat=True)) == ["so"]


def test_a_file_that_is_not_ts024_is_refused(tmp_path, northbridge):
    path = tmp_path / "other.csv"
    path.write_text("pcd,lat,long\nNB1 1AA,51.5,-0.1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="does not look like Census table TS024"):
        call_command("import_area_languages", str(path), stdout=io.StringIO())
    assert not AreaLanguage.objects.exists()


def test_the_demo_fixture_imports(northbridge):
    from coaction.finder.dataset import AREA_LANGUAGES_FIXTURE

    call_command("import_area_languages", str(AREA_LANGUAGES_FIXTURE), stdout=io.StringIO())
    figures = dict(
        AreaLanguage.objects.filter(area=northbridge).values_list("language_code", "speakers")
    )
    assert figures["pl"] > 1000
    assert figures["kw"] < 5  # a small count, to show "fewer than 5"
