"""Need detection from the multilingual lexicon, and telling the language of a search. The
embedding side is exercised with the real model in test_search_multilingual.py."""

import pytest

from coaction.finder.lexicon import LANGUAGES, NEED_PHRASES
from coaction.finder.needs import DETECTED, NEED_CODES, query_language, understand
from coaction.finder.taxonomy import TERMS


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("مجھے زبردستی شادی سے بچنے کے لیے مدد چاہیے", "hba-forced-marriage"),
        ("zabardasti ki shadi", "hba-forced-marriage"),
        ("potrzebuję schroniska dla mnie i dzieci", "refuge"),
        ("waxaan u baahanahay caawimaad xagga guriga", "housing"),
        ("أحتاج محامي للطلاق", "legal"),
        ("am nevoie de ajutor, sotul meu ma bate", "advocacy-idva"),  # typed without accents
        ("আমার ডিভোর্সের জন্য আইনি পরামর্শ দরকার", "legal"),
        ("ਮੈਨੂੰ ਸੁਰੱਖਿਅਤ ਰਹਿਣ ਦੀ ਜਗ੍ਹਾ ਚਾਹੀਦੀ ਹੈ", "refuge"),
        ("મારા પરિવાર મને બળજબરીથી લગ્ન કરાવવા માંગે છે", "hba-forced-marriage"),
        ("necesito un abogado para divorciarme", "legal"),
        ("preciso de um abrigo", "refuge"),
        ("I have no recourse to public funds", "nrpf-accepted"),
        ("jestem lesbijką", "lgbtq"),
    ],
)
def test_it_understands_a_need_from_the_lexicon(query, code):
    understanding = understand(query)
    assert code in understanding.detected()


def test_it_understands_nothing_from_nothing():
    assert understand("   ").detected() == []
    assert understand("the weather is nice today").detected() == []


def test_children_mentioned_in_passing_count_less_than_the_need():
    terms = understand("potrzebuję schroniska dla mnie i dzieci").terms
    assert terms["refuge"] > terms["children-young-people"]
    assert terms["children-young-people"] < DETECTED


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("مجھے زبردستی شادی سے بچنے کے لیے مدد چاہیے", "ur"),
        ("mujhe madad chahiye, mera shohar marta hai", "ur"),
        ("أحتاج محامي للطلاق", "ar"),
        ("আমার সাহায্য দরকার", "bn"),
        ("ਮੈਨੂੰ ਮਦਦ ਚਾਹੀਦੀ ਹੈ", "pa"),
        ("મને મદદ જોઈએ છે", "gu"),
        ("potrzebuję schroniska dla mnie i dzieci", "pl"),
        ("waxaan u baahanahay caawimaad xagga guriga", "so"),
        ("am nevoie de ajutor, soțul meu mă bate", "ro"),
        ("preciso de ajuda, o meu marido bate-me", "pt"),
        ("necesito ayuda, mi esposo me pega", "es"),
        ("I need help, my husband hits me", ""),
        ("refuge", ""),
    ],
)
def test_it_tells_the_language_of_a_search(query, language):
    assert query_language(query) == language


def test_every_need_has_phrases_in_every_language():
    for code in NEED_CODES:
        assert set(NEED_PHRASES[code]) == set(LANGUAGES), code


def test_the_lexicon_only_names_terms_of_the_taxonomy():
    codes = {code for code, _, _, _ in TERMS}
    assert set(NEED_PHRASES) <= codes
