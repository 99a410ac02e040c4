"""Text similarity for grouping: IDF-weighted content stems, cosine, and a bounded candidate index.

Sentences from news and opinion share few words even when they make the same point, and the
subject's own names are in nearly all of them; so names are left out, rare stems weigh more
(inverse document frequency over every sentence considered), and the decision to group uses
this score together with the structure items already carry (speaker, date, theme, side).
The comparison of measures behind this choice is on the About page.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from ..extract.text import STOPWORDS, words

Vector = Mapping[str, float]

#: A posting list longer than this names a stem too common to find candidates with: it is
#: skipped, so looking up candidates costs the same at 5 and at 5,000 articles.
MAX_POSTINGS = 40


def stems(text: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """Crude stems (first six letters) of the content words, names and stop words left out."""
    left_out = _left_out(skip)
    return [w[:6] for w in words(text) if len(w) > 2 and w not in left_out]


@lru_cache(maxsize=8)
def _left_out(skip: frozenset[str]) -> frozenset[str]:
    return STOPWORDS | skip


@dataclass(slots=True)
class Weights:
    """Inverse document frequency of stems over a collection of texts."""

    documents: int = 0
    frequency: Counter[str] = field(default_factory=Counter)
    known: dict[str, float] = field(default_factory=dict)
    """``idf`` of each stem seen by ``fit``, computed once."""

    @classmethod
    def fit(cls, texts: Iterable[Iterable[str]]) -> Weights:
        weights = cls()
        documents = list(texts)
        weights.documents = len(documents)
        weights.frequency = Counter(chain.from_iterable(map(set, documents)))  # one set at a time
        weights.known = {stem: weights.idf(stem) for stem in weights.frequency}
        return weights

    def idf(self, stem: str) -> float:
        return math.log((1 + self.documents) / (1 + self.frequency.get(stem, 0))) + 1.0

    def vector(self, tokens: Iterable[str]) -> dict[str, float]:
        known = self.known
        counts: dict[str, int] = {}
        for stem in tokens:  # as Counter(tokens), without its cost per call
            counts[stem] = counts.get(stem, 0) + 1
        raw = {
            stem: (1 + math.log(n)) * (known[stem] if stem in known else self.idf(stem)) for stem, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {stem: v / norm for stem, v in raw.items()}


def cosine(first: Vector, second: Vector) -> float:
    if len(first) > len(second):
        first, second = second, first
    get = second.get
    total: float = 0  # an int, as sum() starts: the same result, to the last bit
    for stem, value in first.items():
        total += value * get(stem, 0.0)
    return total


@dataclass(slots=True)
class CandidateIndex:
    """Which groups share a stem with a vector, with posting lists capped at ``MAX_POSTINGS``."""

    postings: dict[Hashable, dict[str, list[int]]] = field(default_factory=dict)
    """Bucket -> stem -> groups; a posting that would grow past the cap is left empty (a common stem)."""

    def add(self, bucket: Hashable, vector: Vector, group: int) -> None:
        postings = self.postings.setdefault(bucket, {})
        for stem in vector:
            posting = postings.get(stem)
            if posting is None:
                postings[stem] = [group]
            elif posting and posting[-1] != group:
                if len(posting) < MAX_POSTINGS:
                    posting.append(group)
                else:
                    posting.clear()

    def candidates(self, bucket: Hashable, vector: Vector) -> set[int]:
        """The groups (unordered) sharing with ``vector`` a stem that is not too common."""
        return set().union(*filter(None, map(self.postings.get(bucket, {}).get, vector)))
