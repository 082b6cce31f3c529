import pytest

from coaction.lib.textnorm import PhraseMatcher, normalise, tokens, word_variants, words_of


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Soțul MEU", "sotul meu"),
        ("soţul meu", "sotul meu"),  # the older cedilla letter
        ("Potrzebuję schroniska, mąż", "potrzebuje schroniska, maz"),
        ("Łódź", "lodz"),
        ("أحتاج", "احتاج"),  # hamza on alef
        ("مُحَمَّد", "محمد"),  # short vowel marks
        ("كتاب", "کتاب"),  # Arabic kaf and Urdu keheh meet
        ("لیے", normalise("ليی")),  # the Urdu and Arabic yeh meet
    ],
)
def test_it_normalises_what_people_type(typed: str, normal: str) -> None:
    assert normalise(typed) == normal


def test_it_keeps_vowel_signs_in_brahmic_scripts() -> None:
    # Removing them would merge different Bengali words.
    assert normalise("আশ্রয়") != normalise("আশরয")
    assert len(words_of("নিরাপদ আশ্রয়")) == 2


def test_it_treats_both_encodings_of_a_bengali_letter_alike() -> None:
    assert normalise("\u09df") == normalise("\u09af\u09bc")


def test_it_splits_words_on_anything_but_letters_marks_and_digits() -> None:
    assert tokens("women's aid, 24/7!") == ["women", "s", "aid", "24", "7"]
    assert tokens("ਮੈਨੂੰ ਜਗ੍ਹਾ") == ["ਮੈਨੂੰ", "ਜਗ੍ਹਾ"]


def test_it_takes_joined_prefixes_off_arabic_words() -> None:
    assert normalise("طلاق") in word_variants(normalise("للطلاق"))
    assert word_variants("refuge") == ["refuge"]


MATCHER = PhraseMatcher(
    {
        "refuge": {"pl": ["schronisko"], "en": ["safe house", "refuge="]},
        "legal": {"ar": ["طلاق"], "gu": ["વકીલ"], "en": ["law*"]},
        "forced": {"ur": ["zabardasti shadi"]},
    }
)


def found(text: str) -> set[tuple[str, str]]:
    return {(hit.key, hit.label) for hit in MATCHER.find(text)}


def test_it_matches_inflected_forms_of_long_words() -> None:
    assert found("potrzebuję schroniska dla mnie") == {("refuge", "pl")}


def test_it_matches_short_endings_on_short_words_in_other_scripts() -> None:
    assert found("મને વકીલની જરૂર છે") == {("legal", "gu")}
    assert found("أحتاج محامي للطلاق") == {("legal", "ar")}


def test_it_matches_phrases_with_a_word_or_two_between() -> None:
    assert found("zabardasti ki shadi") == {("forced", "ur")}
    assert found("shadi zabardasti") == set()  # order matters


def test_it_respects_exact_and_prefix_markers() -> None:
    assert found("refugee") == set()
    assert found("refuge") == {("refuge", "en")}
    assert found("lawyer") == {("legal", "en")}


def test_it_finds_nothing_in_nothing() -> None:
    assert MATCHER.find("") == []
