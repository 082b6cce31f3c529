"""Text normalisation and phrase matching that work the same way in many scripts.

Survivors type on whatever keyboard they have: Urdu with Arabic letters or in Roman Urdu,
Romanian with or without diacritics (and with the old cedilla letters), Bengali with one of two
encodings of the same letter. Both the phrases we look for and what people type go through
`normalise`, so the variants meet in the middle."""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Arabic-script letters typed differently on Arabic, Persian and Urdu keyboards, mapped to one
# form. Matching loses nothing by merging them; a survivor loses a match if we do not.
_ARABIC_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi/Urdu yeh
        "\u0649": "\u06cc",  # alef maksura
        "\u06d2": "\u06cc",  # Urdu yeh barree
        "\u06d3": "\u06cc",
        "\u0626": "\u06cc",  # yeh with hamza
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u06c1": "\u0647",  # Urdu heh goal -> heh
        "\u06c3": "\u0647",
        "\u0629": "\u0647",  # teh marbuta
        "\u06be": "\u0647",  # heh doachashmee (aspiration in Urdu) -> heh
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0671": "\u0627",  # alef wasla
        "\u0624": "\u0648",  # waw with hamza
        "\u0640": None,  # tatweel, a stretching stroke
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200f": None,  # right-to-left mark
        "\u200e": None,  # left-to-right mark
    }
)
# Short vowels and other marks written over Arabic letters; most people leave them out.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")

# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "\u0131": "i", "ħ": "h", "þ": "th"}
)


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def normalise(text: str) -> str:
    """Case-folded text with Latin diacritics removed and Arabic-script variants unified.

    Marks on Latin letters go (ș, ş and s meet; ą and a meet). Marks in Brahmic scripts
    (Bengali, Gujarati, Gurmukhi) are vowel signs that carry meaning, so they stay, in one
    canonical composition."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text.translate(_ARABIC_LETTERS)).translate(_LATIN_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            if base and _is_latin(base):
                continue
        else:
            base = char
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _is_word_char(char: str) -> bool:
    # Letters, marks and numbers: a Bengali virama or a Gujarati vowel sign is part of a word.
    return unicodedata.category(char)[0] in "LMN"


def tokens(text: str) -> list[str]:
    """The words of normalised text."""
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if _is_word_char(char):
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def words_of(text: str) -> list[str]:
    return tokens(normalise(text))


# Arabic writes the article and some prepositions and conjunctions joined to the next word:
# "للطلاق" is "for the divorce". Also try the word without them.
_ARABIC_CLITICS = tuple(
    normalise(prefix) for prefix in ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def word_variants(word: str) -> list[str]:
    """A word and, for Arabic script, the word without joined prefixes."""
    variants = [word]
    if _ARABIC_SCRIPT.match(word):
        for clitic in _ARABIC_CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                variants.append(word[len(clitic) :])
    return variants


# A phrase word this long or longer also matches inflected forms: the same word with its last
# two letters changed and up to four added (schronisko, schroniska, schronisku).
STEM_FROM = 6
STEM_CUT = 2
STEM_GROWTH = 4
# A shorter word (of at least SUFFIX_FROM letters) matches itself with a short ending added:
# two letters in Latin script (lawyer, lawyers), three in other scripts, where case endings,
# postpositions and possessives join the word (Gujarati વકીલની "of the lawyer", Arabic راتبي
# "my salary").
SUFFIX_FROM = 3
LATIN_SUFFIX = 2
OTHER_SUFFIX = 3
# Words of a phrase may have this many other words between them ("zabardasti ki shadi").
PHRASE_GAP = 2


@dataclass(frozen=True)
class _Word:
    text: str
    prefix: bool  # written with a trailing * in the lexicon, or long enough to stem
    exact: bool = False  # written with a trailing = in the lexicon

    @property
    def stem(self) -> str:
        if self.text.endswith("*"):
            return self.text[:-1]
        return self.text[: max(STEM_FROM - 1, len(self.text) - STEM_CUT)]

    def matches(self, word: str) -> bool:
        if word == self.text:
            return True
        if self.exact:
            return False
        if self.text.endswith("*"):
            return word.startswith(self.stem)
        if self.prefix:
            return word.startswith(self.stem) and len(word) <= len(self.text) + STEM_GROWTH
        if len(self.text) >= SUFFIX_FROM and word.startswith(self.text):
            growth = LATIN_SUFFIX if _is_latin(self.text[0]) else OTHER_SUFFIX
            return len(word) - len(self.text) <= growth
        return False


@dataclass(frozen=True)
class _Phrase:
    key: str
    label: str
    words: tuple[_Word, ...]


@dataclass(frozen=True)
class PhraseHit:
    key: str  # what the phrase stands for, such as a taxonomy term code
    label: str  # which list the phrase came from, such as a language code
    phrase: str


def _parse_phrase(phrase: str) -> tuple[_Word, ...]:
    # Split the way a query is split, so "women's" is two words on both sides; a * or = belongs
    # to the word it follows.
    words = []
    for chunk in normalise(phrase).split():
        parts = tokens(chunk)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            star = last and chunk.endswith("*")
            exact = last and chunk.endswith("=")
            text = part + ("*" if star else "")
            prefix = star or (not exact and len(part) >= STEM_FROM)
            words.append(_Word(text=text, prefix=prefix, exact=exact))
    return tuple(words)


class PhraseMatcher:
    """Finds which of many short phrases occur in a text.

    A phrase is one or more words; a word ending in * matches any word it begins, a word of
    STEM_FROM letters or more matches its inflected forms, a shorter one matches itself with a
    short ending, and a word ending in = matches only itself. The words of a phrase must come
    in order, with at most PHRASE_GAP other words between them."""

    def __init__(self, phrases: Mapping[str, Mapping[str, Iterable[str]]]) -> None:
        """`phrases[key][label]` lists the phrases that stand for `key`, grouped by `label`."""
        self._by_start: dict[str, list[_Phrase]] = defaultdict(list)
        for key, groups in phrases.items():
            for label, texts in groups.items():
                for text in texts:
                    words = _parse_phrase(text)
                    if words:
                        phrase = _Phrase(key=key, label=label, words=words)
                        self._by_start[self._bucket(words[0].stem)].append(phrase)

    @staticmethod
    def _bucket(text: str) -> str:
        return text[:2]

    def find(self, text: str) -> list[PhraseHit]:
        words = [word_variants(word) for word in words_of(text)]
        hits: dict[tuple[str, str, str], PhraseHit] = {}
        for start, variants in enumerate(words):
            candidates = {
                id(phrase): phrase
                for variant in variants
                for phrase in self._by_start.get(self._bucket(variant), ())
            }
            for phrase in candidates.values():
                if _matches_at(phrase.words, words, start):
                    label = " ".join(word.text for word in phrase.words)
                    hits[(phrase.key, phrase.label, label)] = PhraseHit(
                        key=phrase.key, label=phrase.label, phrase=label
                    )
        return list(hits.values())


def _matches_at(phrase: Sequence[_Word], words: Sequence[Sequence[str]], start: int) -> bool:
    if not any(phrase[0].matches(variant) for variant in words[start]):
        return False
    position = start
    for word in phrase[1:]:
        for candidate in range(position + 1, min(len(words), position + 2 + PHRASE_GAP)):
            if any(word.matches(variant) for variant in words[candidate]):
                position = candidate
                break
        else:
            return False
    return True
