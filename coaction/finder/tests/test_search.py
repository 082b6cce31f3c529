import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from coaction.finder.models import Service
from coaction.finder.search import (
    MAX_QUERY_LENGTH,
    SearchError,
    SearchFilters,
    clean_query,
    search_services,
)
from coaction.finder.tests.factories import ScheduleFactory, ServiceFactory
from coaction.finder.tests.search_corpus import CENTRE, REFUGE_EXACT, REFUGE_PUBLIC, build_corpus
from coaction.lib.geo import haversine_km

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# A Wednesday afternoon and a Sunday morning.
WEDNESDAY_2PM = datetime.datetime(2025, 3, 12, 14, 0, tzinfo=LONDON)
SUNDAY_8AM = datetime.datetime(2025, 3, 16, 8, 0, tzinfo=LONDON)


@pytest.fixture
def corpus():
    return build_corpus()


def keys(corpus, result):
    names = {service.id: key for key, service in corpus.items()}
    return [names[match.service_id] for match in result.matches]


def found(corpus, **filters):
    return set(keys(corpus, search_services(filters=SearchFilters(**filters), limit=100)))


def test_it_lists_every_public_service_by_name_with_no_words_and_no_filters(corpus):
    result = search_services(limit=100)
    names = [Service.objects.get(id=m.service_id).name for m in result.matches]
    assert names == sorted(names)
    assert result.total == len(corpus)
    assert "Closed Refuge Project" not in names


def test_it_never_finds_a_service_that_is_not_active(corpus):
    result = search_services(query="refuge that has closed", limit=100)
    names = {Service.objects.get(id=m.service_id).name for m in result.matches}
    assert "Closed Refuge Project" not in names


def test_it_pages_through_results(corpus):
    everything = search_services(limit=100).matches
    page_two = search_services(limit=5, offset=5)
    assert [m.service_id for m in page_two.matches] == [m.service_id for m in everything[5:10]]
    assert page_two.total == len(everything)


def test_it_filters_by_need(corpus):
    assert found(corpus, need="refuge") == {"refuge", "refuge_by_and_for"}


def test_it_filters_by_a_language_staff_speak_not_an_interpreter(corpus):
    # The legal clinic has only a Bengali interpreter.
    assert found(corpus, language="bn") == {"refuge_by_and_for"}
    assert found(corpus, language="so") == {"fgm"}


def test_it_filters_by_community_and_faith(corpus):
    assert found(corpus, community="community-somali") == {"fgm"}
    assert found(corpus, faith="faith-muslim") == {"refuge_by_and_for"}


def test_it_filters_by_lgbtq_and_nrpf(corpus):
    assert found(corpus, lgbtq=True) == {"lgbtq"}
    assert found(corpus, nrpf=True) == {"refuge_by_and_for", "immigration"}


def test_it_filters_by_and_for_organisations(corpus):
    assert found(corpus, by_and_for=True) == {"refuge_by_and_for", "forced_marriage", "fgm"}


def test_it_filters_by_disability_access_and_says_what_there_is(corpus):
    assert found(corpus, disability_access=True) == {"forced_marriage"}
    result = search_services(filters=SearchFilters(disability_access=True))
    assert "Step-free access" in result.matches[0].reasons


def test_it_combines_filters(corpus):
    assert found(corpus, by_and_for=True, nrpf=True) == {"refuge_by_and_for"}
    assert found(corpus, need="legal", language="ur") == set()


def test_it_filters_by_open_now_in_london_time(corpus):
    wednesday = search_services(filters=SearchFilters(open_now=True), now=WEDNESDAY_2PM)
    assert set(keys(corpus, wednesday)) == {"helpline", "legal"}
    assert all("Open now" in match.reasons for match in wednesday.matches)
    sunday = search_services(filters=SearchFilters(open_now=True), now=SUNDAY_8AM)
    assert set(keys(corpus, sunday)) == {"helpline"}


def test_it_counts_hours_that_run_past_midnight(corpus):
    night = ServiceFactory(name="Night Line")
    ScheduleFactory(
        service=night, byday="TU", opens_at=datetime.time(20, 0), closes_at=datetime.time(2, 0)
    )
    tuesday_late = datetime.datetime(2025, 3, 11, 23, 30, tzinfo=LONDON)
    wednesday_early = datetime.datetime(2025, 3, 12, 1, 30, tzinfo=LONDON)
    wednesday_late = datetime.datetime(2025, 3, 12, 23, 30, tzinfo=LONDON)
    for moment, expected in [
        (tuesday_late, True),
        (wednesday_early, True),
        (wednesday_late, False),
    ]:
        result = search_services(filters=SearchFilters(open_now=True), now=moment, limit=100)
        assert (night.id in {m.service_id for m in result.matches}) is expected


def test_it_does_not_show_a_service_with_no_hours_as_open(corpus):
    result = search_services(filters=SearchFilters(open_now=True), now=WEDNESDAY_2PM)
    assert corpus["refuge"].id not in {m.service_id for m in result.matches}


def test_it_orders_by_distance_from_a_postcode_and_says_how_far(corpus):
    result = search_services(filters=SearchFilters(postcode="nb1 1aa", within_km=10))
    assert keys(corpus, result)[0] == "forced_marriage"  # 0.2 km from the centre
    first = result.matches[0]
    assert first.distance_km == pytest.approx(0.2, abs=0.1)
    assert "0.2 km away" in first.reasons
    distances = [m.distance_km for m in result.matches]
    assert distances == sorted(distances)


def test_it_measures_a_confidential_refuge_from_its_coarse_position_only(corpus):
    result = search_services(filters=SearchFilters(postcode="NB1 1AA", need="refuge"))
    refuge = next(m for m in result.matches if m.service_id == corpus["refuge"].id)
    public = haversine_km(float(CENTRE[0]), float(CENTRE[1]), *map(float, REFUGE_PUBLIC))
    exact = haversine_km(float(CENTRE[0]), float(CENTRE[1]), *map(float, REFUGE_EXACT))
    assert refuge.distance_km == round(public, 1)
    assert round(exact, 1) != round(public, 1)  # the test can tell the two apart


def test_it_keeps_only_services_within_the_distance(corpus):
    # The IDVA service is about 16 km from the centre; the confidential refuge's public
    # position is about 4 km away.
    near = found(corpus, postcode="NB1 1AA", within_km=5)
    assert near == {"forced_marriage", "legal", "refuge"}
    assert "idva" in found(corpus, postcode="NB1 1AA", within_km=20)


def test_it_combines_words_filters_and_distance(corpus):
    result = search_services(
        query="potrzebuję schroniska dla mnie i dzieci",
        filters=SearchFilters(postcode="NB1 1AA", within_km=10),
    )
    assert keys(corpus, result)[0] == "refuge"


def test_it_only_returns_services_the_filters_allow_when_searching_words(corpus):
    result = search_services(query="legal advice divorce", filters=SearchFilters(need="refuge"))
    assert set(keys(corpus, result)) <= {"refuge", "refuge_by_and_for"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"need": "cake"}, "There is no kind of help called “cake”."),
        ({"need": "lgbtq"}, "There is no kind of help called “lgbtq”."),  # not a need
        ({"community": "martians"}, "There is no community called “martians”."),
        ({"faith": "jedi"}, "There is no faith called “jedi”."),
        ({"language": "zz"}, "There is no language with the code “zz”."),
        ({"postcode": "not a postcode"}, "Enter a full UK postcode, like SW1A 1AA."),
        ({"postcode": "ZZ9 9ZZ"}, "We could not find the postcode ZZ9 9ZZ."),
        ({"within_km": 5}, "Give a postcode to search by distance."),
        ({"postcode": "NB1 1AA", "within_km": -1}, "Give a distance greater than 0 km."),
        ({"taxonomy_term_id": "nope"}, "There is no taxonomy term “nope”."),
        ({"organisation_hsds_id": "nope"}, "There is no organisation “nope”."),
    ],
)
def test_it_refuses_unknown_filter_values_with_a_clear_message(corpus, filters, message):
    with pytest.raises(SearchError) as error:
        search_services(query="help", filters=SearchFilters(**filters))
    assert str(error.value) == message


def test_it_truncates_an_absurdly_long_search_instead_of_failing(corpus):
    result = search_services(query="refuge " * 10_000)
    assert result.matches
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


def test_it_survives_control_characters_and_search_syntax(corpus):
    for query in ['"refuge" OR * NEAR(', "\x00\x1f refuge", "'; DROP TABLE x; --", "a:* & !b |"]:
        search_services(query=query)


def test_it_explains_in_the_language_of_the_page(corpus):
    with translation.override("ur"):
        result = search_services(filters=SearchFilters(language="ur", need="hba-forced-marriage"))
    # Language names come from CLDR in the page's language.
    assert any("اردو" in reason for reason in result.matches[0].reasons)


def test_it_explains_filters_it_was_asked_for(corpus):
    result = search_services(filters=SearchFilters(nrpf=True, language="ar"))
    assert keys(corpus, result) == ["immigration"]
    reasons = result.matches[0].reasons
    assert "Accepts women with no recourse to public funds" in reasons
    assert "Staff speak Arabic" in reasons


def test_it_finds_a_service_saved_after_the_last_search(corpus):
    search_services(query="refuge")
    added = ServiceFactory(name="Willow Refuge", description="A refuge for older women.")
    result = search_services(query="Willow")
    assert result.matches[0].service_id == added.id


def test_it_forgets_a_service_that_is_no_longer_public(corpus):
    search_services(query="money")
    Service.objects.filter(pk=corpus["economic"].pk).update(status="inactive")
    result = search_services(query="money debt benefits", limit=100)
    assert corpus["economic"].id not in {m.service_id for m in result.matches}


def test_it_matches_a_service_with_no_embedding_yet_by_its_words(corpus):
    added = ServiceFactory(name="Bluebell Outreach", description="Outreach in rural villages.")
    assert added.embedding is None
    result = search_services(query="bluebell outreach villages")
    assert result.matches[0].service_id == added.id
    assert "Uses the words you searched for" in result.matches[0].reasons


def test_it_never_puts_a_confidential_address_in_a_reason(corpus):
    result = search_services(query="refuge", filters=SearchFilters(postcode="NB1 1AA"), limit=100)
    location = corpus["refuge"].service_at_locations.get().location
    text = " ".join(reason for match in result.matches for reason in match.reasons)
    for secret in (location.address_1, location.postal_code, location.name):
        assert secret not in text
    assert str(location.latitude) not in text
    assert Decimal(str(REFUGE_EXACT[0])) == location.latitude
