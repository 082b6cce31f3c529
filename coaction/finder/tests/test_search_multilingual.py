"""Needs written in many languages find services described in English. The real embedding
model runs here (it is bundled and offline); nothing is mocked."""

import pytest

from coaction.finder import needs
from coaction.finder.search import search_services
from coaction.finder.tests.search_corpus import build_corpus

pytestmark = pytest.mark.django_db

# (language, search, the service that must rank first)
FIRST = [
    ("ur", "مجھے زبردستی شادی سے بچنے کے لیے مدد چاہیے", "forced_marriage"),
    ("ur", "میرے گھر والے میری مرضی کے بغیر میرا رشتہ طے کر رہے ہیں", "forced_marriage"),
    ("ur", "mujhe aur mere bachon ko rehne ki mehfooz jagah chahiye", "refuge"),
    ("bn", "আমার ডিভোর্সের জন্য আইনি পরামর্শ দরকার", "legal"),
    ("bn", "আমার স্বামী আমার সব টাকা নিয়ে নেয়", "economic"),
    ("pl", "zostałam zgwałcona, potrzebuję pomocy", "sexual_violence"),
    ("pl", "chcę się rozwieść, potrzebuję porady", "legal"),
    ("so", "waxaan u baahanahay caawimaad xagga guriga", "housing"),
    ("so", "gabadhayda waxaa laga yaabaa in la gudo", "fgm"),
    ("ar", "أحتاج محامي للطلاق", "legal"),
    ("ar", "تعرضت للاغتصاب", "sexual_violence"),
    ("ro", "am nevoie de ajutor, soțul meu mă bate", "idva"),
    ("ro", "soțul îmi ia toți banii", "economic"),
    ("ro", "mi-a pus ceva în telefon și mă urmărește", "tech"),
    ("pa", "ਮੇਰਾ ਪਤੀ ਮੈਨੂੰ ਕੁੱਟਦਾ ਹੈ", "idva"),
    ("gu", "મારા પરિવાર મને બળજબરીથી લગ્ન કરાવવા માંગે છે", "forced_marriage"),
    ("pt", "preciso de alguém para conversar, estou muito triste", "counselling"),
    ("es", "necesito un abogado para divorciarme", "legal"),
    ("en", "my ex keeps turning up at my work", "tech"),
]

# Searches for a refuge: either refuge may come first.
REFUGE = [
    ("bn", "আমার এবং আমার সন্তানদের জন্য নিরাপদ আশ্রয় দরকার"),
    ("pl", "potrzebuję schroniska dla mnie i dzieci"),
    ("pa", "ਮੈਨੂੰ ਸੁਰੱਖਿਅਤ ਰਹਿਣ ਦੀ ਜਗ੍ਹਾ ਚਾਹੀਦੀ ਹੈ"),
    ("es", "no tengo dónde vivir"),
]


@pytest.fixture
def corpus():
    return build_corpus()


def ranked(corpus, query):
    names = {service.id: key for key, service in corpus.items()}
    return [names[match.service_id] for match in search_services(query=query).matches]


@pytest.mark.parametrize(("language", "query", "expected"), FIRST)
def test_it_ranks_the_right_service_first(corpus, language, query, expected):
    assert ranked(corpus, query)[0] == expected


@pytest.mark.parametrize(("language", "query"), REFUGE)
def test_it_finds_a_refuge_first(corpus, language, query):
    assert ranked(corpus, query)[0] in {"refuge", "refuge_by_and_for"}


def test_it_finds_nrpf_help_in_arabic_in_the_top_three(corpus):
    top = ranked(corpus, "ليس لدي إقامة ولا أستطيع الحصول على مساعدات حكومية")[:3]
    assert "immigration" in top
    assert "refuge_by_and_for" in top  # the refuge that accepts women with NRPF


def test_it_explains_a_need_written_in_urdu(corpus):
    result = search_services(query="مجھے زبردستی شادی سے بچنے کے لیے مدد چاہیے")
    first = result.matches[0]
    assert "Matches your need: Honour-based abuse and forced marriage" in first.reasons
    assert "Staff speak Urdu" in first.reasons
    assert "By and for Black and minoritised women" in first.reasons
    assert first.matched_terms == ["hba-forced-marriage"]
    assert result.understood_terms == ["hba-forced-marriage"]
    assert result.query_language == "ur"


def test_it_prefers_staff_who_speak_the_language_of_the_search(corpus):
    # Both refuges match; only Sahara's staff speak Panjabi.
    result = search_services(query="ਮੈਨੂੰ ਸੁਰੱਖਿਅਤ ਰਹਿਣ ਦੀ ਜਗ੍ਹਾ ਚਾਹੀਦੀ ਹੈ")
    assert result.matches[0].service_id == corpus["refuge_by_and_for"].id
    assert "Staff speak Panjabi" in result.matches[0].reasons


def test_it_says_when_an_interpreter_is_the_way_in(corpus):
    result = search_services(query="أحتاج محامي للطلاق")
    assert "Interpreter available in Arabic" in result.matches[0].reasons


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("potrzebuję schroniska dla mnie i dzieci", "refuge"),
        ("أحتاج محامي للطلاق", "legal"),
        ("soțul îmi ia toți banii", "economic"),
        ("আমার স্বামী আমার সব টাকা নিয়ে নেয়", "economic"),
    ],
)
def test_it_finds_by_meaning_alone_without_the_lexicon(corpus, monkeypatch, query, expected):
    """With the phrase lexicon switched off, the embeddings still put the right service in
    the top three: the lexicon sharpens the search, it does not carry it."""
    monkeypatch.setattr(needs, "_matcher", lambda: needs.PhraseMatcher({}))
    assert expected in ranked(corpus, query)[:3]
