"""What a search says the survivor needs, in any of the finder's languages.

Two signals, combined:

1. The multilingual lexicon (coaction.finder.lexicon): phrases per taxonomy term in eleven
   languages. Precise when it hits; silent for a wording nobody wrote down.
2. Embedding similarity between the search and each need's multilingual examples (its
   description plus its lexicon phrases, one text per language). It generalises to new
   wordings but is noisy: multilingual-e5-small's cosine scores all sit around 0.8-0.9, so the
   score is read relative to the other needs (a z-score across needs), never as an absolute
   threshold.

A term found by both is surer than one found by either."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from django.db import DatabaseError, transaction
from numpy.typing import NDArray

from coaction.finder import embeddings, lexical
from coaction.finder.lexicon import FUNCTION_WORDS, LANGUAGES, NEED_PHRASES
from coaction.finder.taxonomy import TERMS
from coaction.lib.textnorm import PhraseHit, PhraseMatcher, normalise, tokens

# How sure a lexicon hit alone makes us, by term. Children and urgency words are often
# context ("for me and my children", "right now") rather than the need itself.
LEXICAL_CONFIDENCE = 0.75
LEXICAL_CONFIDENCE_BY_TERM = {"children-young-people": 0.45, "helpline": 0.45}
# Semantic evidence: a need whose similarity is SEMANTIC_Z_FLOOR standard deviations above the
# mean over all needs starts to count; at SEMANTIC_Z_FULL it counts SEMANTIC_MAX. Calibrated on
# held-out searches in eleven languages (see tests/test_search_multilingual.py): correct top
# needs scored z of about 2.0-2.9, wrong ones mostly under 2.3.
SEMANTIC_Z_FLOOR = 1.9
SEMANTIC_Z_FULL = 3.0
SEMANTIC_MAX = 0.6
# Only the best few needs by similarity may count at all.
SEMANTIC_TOP = 2
# A term at or above this confidence is reported as understood ("Matches your need: ...").
DETECTED = 0.5

_FACETS = {code: facet for code, facet, _, _ in TERMS}
_DESCRIPTIONS = {code: description for code, _, _, description in TERMS}
NEED_CODES = tuple(code for code, facet, _, _ in TERMS if facet == "need")


@dataclass(frozen=True)
class Understanding:
    """What a search expresses."""

    # Term code -> confidence in (0, 1], for terms with any evidence.
    terms: dict[str, float] = field(default_factory=dict)
    # The language the search is written in (ISO 639-1), when it is not English and can be
    # told; services whose staff speak it suit the survivor better.
    language: str = ""
    phrases: tuple[PhraseHit, ...] = ()

    def detected(self) -> list[str]:
        """Term codes reported as understood, surest first."""
        return [
            code
            for code, confidence in sorted(self.terms.items(), key=lambda item: -item[1])
            if confidence >= DETECTED
        ]


@cache
def _matcher() -> PhraseMatcher:
    return PhraseMatcher(NEED_PHRASES)


def _plain(phrase: str) -> str:
    return phrase.replace("*", "").replace("=", "")


def need_examples() -> list[tuple[str, str]]:
    """(need code, text) pairs whose embeddings stand for each need: its English description
    and, per language, its lexicon phrases joined into one text."""
    examples = []
    for code in NEED_CODES:
        examples.append((code, _DESCRIPTIONS[code]))
        for language in LANGUAGES:
            phrases = NEED_PHRASES.get(code, {}).get(language, [])
            if phrases:
                examples.append((code, ", ".join(_plain(phrase) for phrase in phrases)))
    return examples


@cache
def _example_matrix(model: str) -> tuple[tuple[str, ...], NDArray[np.float32]]:
    """The examples' embeddings: from this process's memory, else from the database, else
    made now (taking seconds) and stored for every other process. Keyed by model and by the
    examples' text, so editing the lexicon or changing FINDER_EMBEDDINGS makes new ones."""
    examples = need_examples()
    texts = [text for _, text in examples]
    key = f"{model}:{embeddings.text_hash(chr(0).join(texts))}"
    codes = tuple(code for code, _ in examples)
    stored = lexical.stored_vectors(key)
    if stored is not None:
        vectors = embeddings.from_bytes(stored).reshape(len(texts), -1)
        return codes, vectors
    vectors = embeddings.passage_vectors(texts)
    try:
        with transaction.atomic():
            lexical.store_vectors(key, embeddings.to_bytes(vectors))
    except DatabaseError:
        pass  # a read-only replica, say: keep them in memory only
    return codes, vectors


def warm_up() -> None:
    """Load (or make and store) the needs' example embeddings now rather than at the first
    search."""
    _example_matrix(embeddings.model_name())


def semantic_need_scores(query_vector: NDArray[np.float32]) -> dict[str, float]:
    """Each need's z-score: its best example's similarity to the search, in standard
    deviations above the mean over needs."""
    codes, matrix = _example_matrix(embeddings.model_name())
    similarities = matrix @ query_vector
    best = {code: -1.0 for code in NEED_CODES}
    for code, similarity in zip(codes, similarities.tolist(), strict=True):
        best[code] = max(best[code], similarity)
    values = np.array(list(best.values()))
    spread = float(values.std()) or 1.0
    mean = float(values.mean())
    return {code: (value - mean) / spread for code, value in best.items()}


def _semantic_confidence(z_scores: dict[str, float]) -> dict[str, float]:
    leaders = sorted(z_scores, key=lambda code: -z_scores[code])[:SEMANTIC_TOP]
    confidence = {}
    for code in leaders:
        share = (z_scores[code] - SEMANTIC_Z_FLOOR) / (SEMANTIC_Z_FULL - SEMANTIC_Z_FLOOR)
        if share > 0:
            confidence[code] = SEMANTIC_MAX * min(1.0, share)
    return confidence


def understand(query: str, query_vector: NDArray[np.float32] | None = None) -> Understanding:
    """The terms a search expresses, with confidence, and the language it is written in."""
    if not query.strip():
        return Understanding()
    hits = _matcher().find(query)
    lexical = {hit.key: LEXICAL_CONFIDENCE_BY_TERM.get(hit.key, LEXICAL_CONFIDENCE) for hit in hits}
    semantic = (
        _semantic_confidence(semantic_need_scores(query_vector)) if query_vector is not None else {}
    )
    terms = {}
    for code in lexical.keys() | semantic.keys():
        # Either signal alone counts; both together count more (a probabilistic "or").
        terms[code] = 1.0 - (1.0 - lexical.get(code, 0.0)) * (1.0 - semantic.get(code, 0.0))
    return Understanding(terms=terms, language=query_language(query, hits), phrases=tuple(hits))


def facet_of(code: str) -> str:
    return _FACETS.get(code, "")


# --- Which language a search is written in --------------------------------------------------

_SCRIPTS = (
    ("bn", re.compile("[\u0980-\u09ff]")),
    ("pa", re.compile("[\u0a00-\u0a7f]")),
    ("gu", re.compile("[\u0a80-\u0aff]")),
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
# Letters Urdu (and Panjabi in Shahmukhi) use and Arabic does not, and the reverse.
_URDU_LETTERS = set("ٹڈڑںےھہگچپژ")
_ARABIC_LETTERS = set("ةىيكأإ")
_SHAHMUKHI_WORDS = {"نوں", "وچ", "تھاں", "ਨੂੰ"}
# Letters that mark a Latin-script language when accents are typed.
_LATIN_MARKERS = {
    "pl": set("ąćęłńśźż"),
    "ro": set("ăâîșțşţ"),
    "pt": set("ãõçê"),
    "es": set("ñ¿¡"),
}


def query_language(query: str, hits: Sequence[PhraseHit] = ()) -> str:
    """The ISO 639-1 code of the language a search is written in, or "" for English or when
    it cannot be told."""
    raw = unicodedata.normalize("NFC", query).casefold()
    for code, pattern in _SCRIPTS:
        if pattern.search(raw):
            return code
    if _ARABIC_SCRIPT.search(raw):
        words = set(raw.split())
        if words & _SHAHMUKHI_WORDS:
            return "pa"
        urdu = sum(char in _URDU_LETTERS for char in raw)
        arabic = sum(char in _ARABIC_LETTERS for char in raw)
        return "ur" if urdu > arabic else "ar"
    words = tokens(normalise(raw))
    scores = {language: 0.0 for language in FUNCTION_WORDS}
    for language, vocabulary in FUNCTION_WORDS.items():
        scores[language] += sum(word in vocabulary for word in words)
    for language, letters in _LATIN_MARKERS.items():
        scores[language] += 2 * sum(char in letters for char in raw)
    for hit in hits:
        if hit.label in scores:
            scores[hit.label] += 2
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (best, best_score), (_, runner_up) = ranked[0], ranked[1]
    if best == "en" or best_score < 2 or best_score <= runner_up:
        return ""
    return best
