#!/usr/bin/env python3
"""Compare sentence-similarity measures for grouping arguments into key points and statements into acts.

    python tools/compare_similarity.py                    # tests/gold/clusters.yml, every measure
    python tools/compare_similarity.py --json FILE        # also write the figures as JSON
    python tools/compare_similarity.py --clusters FILE    # another gold clusters file

An evaluation tool, not part of the build. The scikit-learn and WordLlama measures need
`pip install -r requirements-eval.txt`; a measure whose library is missing is skipped with a note.
Every socket connection is refused while the script runs, so a measure that tries to fetch
anything (a model, a tokenizer) fails loudly instead of downloading.

Measures (similarity in [0, 1] of two sentences): content-word Jaccard and overlap coefficient and an
IDF-weighted cosine, with stop words and the subject's names (from topic.yml) removed; the IDF cosine
with the names kept; scikit-learn TF-IDF cosine (1-2-grams, English stop words); WordLlama cosine; and
the IDF cosine blended with theme agreement or with "same paragraph". IDF is fitted on all paragraphs.

Items are the hand-labelled arguments and statements of tests/gold/<source>.yml, each read as the
whole sentence around its quote. Gold groups come from clusters.yml (`points` for arguments, within
a side; `acts` for statements); a label no cluster lists is a group of its own. For each measure:
1. ranking: ROC AUC of same-group pairs against different-group pairs, and each kind's median;
2. clustering: average-link agglomeration, cut at the best threshold (an upper bound), at the lowest
   threshold with no over-merged cluster, and at the threshold best on the development articles alone;
   B-cubed precision, recall and F1, gold groups split over several clusters, clusters that merge
   different gold groups;
3. cost: seconds to embed 5,000 sentences and to compare 1,000 all against all.
The held-out article is kept out of threshold choice; its pairs and items are reported apart.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import socket
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.cite import fold  # noqa: E402
from briefing.clean import clean_article  # noqa: E402
from briefing.config import Topic, load_topic  # noqa: E402
from briefing.extract.text import split_sentences  # noqa: E402
from briefing.model import Article  # noqa: E402
from briefing.read import read_seeds  # noqa: E402

HELD_OUT = "kremlin-influence-south-asia"
IDF_NAMED = "idf cosine, names kept"
TIMING_SENTENCES = 5000
Matrix = list[list[float]]
Merge = tuple[float, int, int]
"""Two clusters joined, named by one item of each, at their average similarity."""
Dendrogram = tuple[list[int], list[Merge]]
"""The items of one group (a side) and their merges."""

# A short English stop list, so the token measures need no library.
STOP_WORDS = frozenset(
    """
a about above after again against all also although am an and any are as at be because been before being
below between both but by can could did do does doing down during each even ever every few for from further
had has have having he her here hers herself him himself his how however i if in into is it its itself just
may might more most much must my myself no nor not now of off on once only or other others our ours ourselves
out over own per same she should so some such than that the their theirs them themselves then there these
they this those through thus to too under until up upon very was we were what when where whether which while
who whom whose why will with within without would yet you your yours one two also said says say
""".split()
)


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled sentence: where it is, what it says, and its gold group."""

    source: str
    section: str
    """'arguments' or 'statements'."""
    group: str
    """The side for arguments (items are compared within a side); '' for statements."""
    quote: str
    sentence: str
    paragraph: int
    gold: str


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    similarity: Callable[[Sequence[str]], Matrix]
    """All-pairs similarity in [0, 1] of the given sentences."""
    embed: Callable[[Sequence[str]], Any]
    """The per-sentence step alone (tokens, vectors, embeddings), for timing."""


# --- inputs ----------------------------------------------------------------------------------------


def load_articles(topic: Topic) -> dict[str, Article]:
    sources = read_seeds(ROOT / "seeds", topic, ROOT)
    return {source.id: clean_article(source, topic) for source in sources}


def sentence_of(quote: str, article: Article) -> tuple[int, str]:
    """The paragraph number and the shortest run of whole sentences that holds the quote (normally one sentence)."""
    wanted = fold(quote)
    for paragraph in article.paragraphs:
        if wanted not in fold(paragraph.text):
            continue
        sentences = split_sentences(paragraph)
        spans = [paragraph.text[a.start : b.end] for i, a in enumerate(sentences) for b in sentences[i:]]
        return paragraph.number, min((span for span in spans if wanted in fold(span)), key=len, default=paragraph.text)
    raise SystemExit(f"tests/gold/{article.source.id}.yml: quote not found in the seed: {quote!r}")


def load_items(gold_dir: Path, clusters_path: Path, articles: dict[str, Article]) -> list[Item]:
    """Every labelled argument and statement, with the gold group clusters.yml gives it."""
    clusters = yaml.safe_load(clusters_path.read_text(encoding="utf-8")) or {}
    group_of: dict[tuple[str, str, str], str] = {}
    for section, key in (("arguments", "points"), ("statements", "acts")):
        for cluster in clusters.get(key) or []:
            for member in cluster["members"]:
                group_of.setdefault((section, member["source"], fold(member["quote"])), cluster["id"])
    items: list[Item] = []
    for path in sorted(gold_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "source" not in data:
            continue  # clusters.yml
        source = data["source"]
        for section in ("arguments", "statements"):
            seen: set[str] = set()
            for entry in data.get(section) or []:
                quote = fold(entry["quote"])
                if quote in seen:  # one sentence labelled twice (two speakers): one item
                    continue
                seen.add(quote)
                gold = group_of.get((section, source, quote), f"single:{source}:{quote}")
                number, sentence = sentence_of(entry["quote"], articles[source])
                side = entry.get("side", "") if section == "arguments" else ""
                items.append(Item(source, section, side, entry["quote"], sentence, number, gold))
    known = {(i.section, i.source, fold(i.quote)) for i in items}
    unknown = sorted(set(group_of) - known)
    for section, source, quote in unknown:
        print(f"warning: {clusters_path.name}: {section} member not in the gold labels: [{source}] {quote}")
    return items


def paragraphs(articles: dict[str, Article]) -> list[str]:
    return [p.text for article in articles.values() for p in article.paragraphs]


# --- measures --------------------------------------------------------------------------------------


def subject_names(topic: Topic) -> frozenset[str]:
    """Lower-cased words of the subject's names: its affiliation's aliases and its actors' names and aliases,
    keeping the words the config capitalises (names and titles, not 'the' or 'officials')."""
    names = list(topic.affiliation(topic.subject).aliases)
    for actor in topic.actors:
        if actor.affiliation == topic.subject:
            names += actor.names
    words = (w for name in names for w in re.findall(r"[\w’']+", fold(name)) if w[0].isupper())
    return frozenset(stem(w.lower()) for w in words)


def stem(word: str) -> str:
    word = word.removesuffix("'s").strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def make_tokenizer(names: frozenset[str]) -> Callable[[str], list[str]]:
    def tokens(text: str) -> list[str]:
        words = (stem(w) for w in re.findall(r"[a-z0-9][a-z0-9'-]*", fold(text).lower()))
        return [w for w in words if len(w) > 1 and w not in STOP_WORDS and w not in names]

    return tokens


def pairwise(vectors: Sequence[Any], score: Callable[[Any, Any], float]) -> Matrix:
    n = len(vectors)
    matrix = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i][j] = matrix[j][i] = score(vectors[i], vectors[j])
    return matrix


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def idf_weights(corpus: Sequence[str], tokens: Callable[[str], list[str]]) -> Callable[[str], float]:
    df = Counter(t for text in corpus for t in set(tokens(text)))
    n = len(corpus)
    return lambda t: math.log((1 + n) / (1 + df.get(t, 0))) + 1


def idf_vectorizer(corpus: Sequence[str], tokens: Callable[[str], list[str]]) -> Callable[[str], dict[str, float]]:
    idf = idf_weights(corpus, tokens)

    def vector(text: str) -> dict[str, float]:
        weights = {t: c * idf(t) for t, c in Counter(tokens(text)).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    return vector


def theme_sets(topic: Topic) -> Callable[[str], frozenset[str]]:
    patterns = [
        (theme.id, re.compile(r"\b(" + "|".join(re.escape(fold(c)) for c in theme.cues) + r")\b", re.I))
        for theme in topic.themes
    ]
    return lambda text: frozenset(tid for tid, pattern in patterns if pattern.search(fold(text)))


def token_measures(topic: Topic, corpus: Sequence[str]) -> list[Measure]:
    """Content-word measures with the subject's names removed, and the IDF cosine with them kept."""
    tokens = make_tokenizer(subject_names(topic))
    vector = idf_vectorizer(corpus, tokens)
    named_vector = idf_vectorizer(corpus, make_tokenizer(frozenset()))

    def token_sets(texts: Sequence[str]) -> list[set[str]]:
        return [set(tokens(t)) for t in texts]

    def vectors(texts: Sequence[str]) -> list[dict[str, float]]:
        return [vector(t) for t in texts]

    def named_vectors(texts: Sequence[str]) -> list[dict[str, float]]:
        return [named_vector(t) for t in texts]

    return [
        Measure("token jaccard", lambda texts: pairwise(token_sets(texts), jaccard), token_sets),
        Measure("token overlap", lambda texts: pairwise(token_sets(texts), overlap), token_sets),
        Measure("idf token cosine", lambda texts: pairwise(vectors(texts), cosine), vectors),
        Measure(IDF_NAMED, lambda texts: pairwise(named_vectors(texts), cosine), named_vectors),
    ]


def combinations(items: Sequence[Item], topic: Topic, matrices: dict[str, Matrix]) -> dict[str, Matrix]:
    """The IDF cosine (names kept) blended with what the items already carry: theme, paragraph.
    The weights are round numbers, not fitted."""
    themes = theme_sets(topic)
    theme = pairwise([themes(item.sentence) for item in items], jaccard)
    same_paragraph = [[float((a.source, a.paragraph) == (b.source, b.paragraph)) for b in items] for a in items]
    text = matrices[IDF_NAMED]

    def blend(weight: float, other: Matrix) -> Matrix:
        return [[(1 - weight) * s + weight * o for s, o in zip(srow, orow)] for srow, orow in zip(text, other)]

    return {"idf (names) + theme": blend(0.3, theme), "idf (names) + paragraph": blend(0.5, same_paragraph)}


def sklearn_measure(corpus: Sequence[str]) -> Measure:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), stop_words="english").fit(corpus)

    def similarity(texts: Sequence[str]) -> Matrix:
        x = vectorizer.transform(texts)
        return (x @ x.T).toarray().clip(0.0, 1.0).tolist()  # type: ignore[no-any-return]

    return Measure("tf-idf cosine (sklearn)", similarity, vectorizer.transform)


def wordllama_measure() -> Measure:
    import wordllama

    # The wheel ships the weights and tokenizer; this path keeps WordLlama from downloading them.
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def embed(texts: Sequence[str]) -> Any:
        return model.embed(list(texts), norm=True)

    def similarity(texts: Sequence[str]) -> Matrix:
        e = embed(texts)
        return (e @ e.T).clip(0.0, 1.0).tolist()  # type: ignore[no-any-return]

    return Measure("wordllama cosine", similarity, embed)


def all_measures(topic: Topic, corpus: Sequence[str], notes: list[str]) -> list[tuple[Measure, float]]:
    """Each measure with its setup time (library import, IDF fit, model load)."""
    builders: list[Callable[[], list[Measure]]] = [
        lambda: token_measures(topic, corpus),
        lambda: [sklearn_measure(corpus)],
        lambda: [wordllama_measure()],
    ]
    measures = []
    for build in builders:
        start = time.perf_counter()
        try:
            built = build()
        except ImportError as error:
            notes.append(f"skipped a measure: {error} (pip install -r requirements-eval.txt)")
            continue
        measures += [(measure, time.perf_counter() - start) for measure in built]
    return measures


@contextmanager
def no_network() -> Iterator[None]:
    """Refuse every socket connection, so nothing can be fetched while measures load and run."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("network access refused by compare_similarity.py")

    original = socket.socket.connect
    socket.socket.connect = refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]


# --- scoring ---------------------------------------------------------------------------------------


def roc_auc(positive: Sequence[float], negative: Sequence[float]) -> float | None:
    """P(a same-group pair scores above a different-group pair), ties counting half (Mann-Whitney)."""
    if not positive or not negative:
        return None
    ranked = sorted([(s, 1) for s in positive] + [(s, 0) for s in negative])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid_rank = (i + j + 1) / 2
        rank_sum += mid_rank * sum(label for _, label in ranked[i:j])
        i = j
    p, n = len(positive), len(negative)
    return (rank_sum - p * (p + 1) / 2) / (p * n)


def average_link_merges(sim: Matrix, members: Sequence[int]) -> list[Merge]:
    """Average-link agglomeration of `members`: the merges (similarity, item, item) from first to last.
    Average linkage has no inversions, so cutting at a threshold keeps the merges at or above it."""
    clusters = {m: [m] for m in members}
    link = {a: {b: sim[a][b] for b in members if b != a} for a in members}
    merges = []
    while len(clusters) > 1:
        best, a, b = max((s, a, b) for a in clusters for b, s in link[a].items() if a < b)
        merges.append((best, a, b))
        na, nb = len(clusters[a]), len(clusters[b])
        clusters[a] += clusters.pop(b)
        del link[b]
        for k in clusters:
            if k != a:
                link[a][k] = link[k][a] = (na * link[a][k] + nb * link[k].pop(b)) / (na + nb)
        link[a].pop(b, None)
    return merges


def cut(merges: Sequence[Merge], items: Sequence[int], threshold: float) -> dict[int, int]:
    """Predicted cluster of each item: the merges at or above the threshold, applied with union-find."""
    parent = {i: i for i in items}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for similarity, a, b in merges:
        if similarity >= threshold:
            parent[root(b)] = root(a)
    return {i: root(i) for i in items}


@dataclass(frozen=True, slots=True)
class Clustering:
    threshold: float
    precision: float
    recall: float
    f1: float
    held_out_f1: float | None
    clusters: int
    split: int
    """Gold groups of two or more items spread over several predicted clusters."""
    merged: int
    """Predicted clusters holding items of different gold groups."""


def b_cubed(predicted: dict[int, int], gold: dict[int, str], scored: Sequence[int]) -> tuple[float, float]:
    by_pred: dict[int, set[int]] = {}
    by_gold: dict[str, set[int]] = {}
    for i in predicted:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    precision = recall = 0.0
    for i in scored:
        both = len(by_pred[predicted[i]] & by_gold[gold[i]])
        precision += both / len(by_pred[predicted[i]])
        recall += both / len(by_gold[gold[i]])
    return precision / len(scored), recall / len(scored)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clustering(items: Sequence[Item], dendrograms: Sequence[Dendrogram], threshold: float) -> Clustering:
    predicted: dict[int, int] = {}
    for members, merges in dendrograms:
        predicted.update(cut(merges, members, threshold))
    gold = {i: items[i].gold for i in predicted}
    precision, recall = b_cubed(predicted, gold, list(predicted))
    held = [i for i in predicted if items[i].source == HELD_OUT]
    held_f1 = f1(*b_cubed(predicted, gold, held)) if held else None
    pred_groups: dict[int, set[str]] = {}
    gold_groups: dict[str, set[int]] = {}
    for i, p in predicted.items():
        pred_groups.setdefault(p, set()).add(gold[i])
        gold_groups.setdefault(gold[i], set()).add(p)
    sizes = Counter(gold.values())
    return Clustering(
        threshold,
        precision,
        recall,
        f1(precision, recall),
        held_f1,
        len(pred_groups),
        sum(1 for g, ps in gold_groups.items() if sizes[g] > 1 and len(ps) > 1),
        sum(1 for gs in pred_groups.values() if len(gs) > 1),
    )


def candidate_thresholds(dendrograms: Sequence[Dendrogram]) -> list[float]:
    """Midpoints between consecutive merge similarities, plus one above all (no merge) and one below all."""
    heights = sorted({round(s, 6) for _, merges in dendrograms for s, _, _ in merges}, reverse=True)
    if not heights:
        return [1.0]
    mids = [(a + b) / 2 for a, b in zip(heights, heights[1:])]
    return [min(1.0, heights[0] + 1e-3), *mids, max(0.0, heights[-1] - 1e-3)]


def best_clustering(items: Sequence[Item], dendrograms: Sequence[Dendrogram]) -> Clustering:
    return max(
        (score_clustering(items, dendrograms, t) for t in candidate_thresholds(dendrograms)),
        key=lambda c: (round(c.f1, 9), c.threshold),
    )


def purest_clustering(items: Sequence[Item], dendrograms: Sequence[Dendrogram]) -> Clustering:
    """The lowest threshold at which no cluster merges different gold groups: how far a measure gets safely."""
    return min(
        (
            c
            for c in (score_clustering(items, dendrograms, t) for t in candidate_thresholds(dendrograms))
            if c.merged == 0
        ),
        key=lambda c: c.threshold,
    )


@dataclass(frozen=True, slots=True)
class Report:
    measure: str
    section: str
    items: int
    gold_groups: int
    auc: float | None
    held_out_auc: float | None
    median_same: float | None
    median_different: float | None
    best: Clustering
    """Cut at the threshold best on all items: an upper bound."""
    pure: Clustering
    """Cut at the lowest threshold with no over-merged cluster, on all items."""
    development: Clustering
    """Cut at the threshold best on the development articles alone, scored on all items."""


def evaluate_section(items: Sequence[Item], sim: Matrix, measure: str, section: str) -> Report:
    index = [i for i, item in enumerate(items) if item.section == section]
    groups = sorted({items[i].group for i in index})
    same: list[float] = []
    different: list[float] = []
    held_same: list[float] = []
    held_different: list[float] = []
    for a in index:
        for b in index:
            if a < b and items[a].group == items[b].group:
                is_same = items[a].gold == items[b].gold
                (same if is_same else different).append(sim[a][b])
                if HELD_OUT in (items[a].source, items[b].source):
                    (held_same if is_same else held_different).append(sim[a][b])

    def dendrograms(keep: Callable[[Item], bool]) -> list[Dendrogram]:
        parts = [[i for i in index if items[i].group == g and keep(items[i])] for g in groups]
        return [(members, average_link_merges(sim, members)) for members in parts]

    everything = dendrograms(lambda item: True)
    development_only = best_clustering(items, dendrograms(lambda item: item.source != HELD_OUT))
    return Report(
        measure,
        section,
        len(index),
        len({items[i].gold for i in index}),
        roc_auc(same, different),
        roc_auc(held_same, held_different),
        statistics.median(same) if same else None,
        statistics.median(different) if different else None,
        best_clustering(items, everything),
        purest_clustering(items, everything),
        score_clustering(items, everything, development_only.threshold),
    )


def baseline(items: Sequence[Item], section: str) -> Clustering:
    """Every item its own cluster: what a measure must beat."""
    index = [i for i, item in enumerate(items) if item.section == section]
    return score_clustering(items, [(index, [])], 1.0)


def timing(measure: Measure, sentences: Sequence[str]) -> dict[str, float]:
    """Seconds (best of three, as other jobs share the machine) to embed 5,000 sentences and to compare
    1,000 all against all; all pairs of 5,000 is 25 times that (a 5,000² list of floats would not fit)."""
    texts = [sentences[i % len(sentences)] for i in range(TIMING_SENTENCES)]

    def best_of_three(step: Callable[[], Any]) -> float:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            step()
            runs.append(time.perf_counter() - start)
        return min(runs)

    embedded = best_of_three(lambda: measure.embed(texts))
    pairs_1000 = best_of_three(lambda: measure.similarity(texts[:1000]))
    return {"embed_5000_s": embedded, "all_pairs_1000_s": pairs_1000, "all_pairs_5000_est_s": pairs_1000 * 25}


# --- report ----------------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_tables(
    reports: Sequence[Report], baselines: dict[str, Clustering], times: dict[str, dict[str, float]]
) -> None:
    head = (
        f"{'measure':<24} {'AUC':>5} {'AUCho':>5} {'same':>5} {'diff':>5} | {'t*':>5} {'F1*':>5} {'spl':>3} {'mrg':>3}"
        f" | {'t_P1':>5} {'R_P1':>5}"
        f" | {'t_dev':>5} {'P':>5} {'R':>5} {'F1':>5} {'F1ho':>5} {'clus':>4} {'spl':>3} {'mrg':>3}"
    )
    for section in ("arguments", "statements"):
        rows = [r for r in reports if r.section == section]
        if not rows:
            continue
        title = "arguments -> key points (within each side)" if section == "arguments" else "statements -> acts"
        print(f"\n{title}: {rows[0].items} items, {rows[0].gold_groups} gold groups")
        print(head)
        print("-" * len(head))
        for r in rows:
            b, d = r.best, r.development
            print(
                f"{r.measure:<24} {fmt(r.auc):>5} {fmt(r.held_out_auc):>5} {fmt(r.median_same):>5}"
                f" {fmt(r.median_different):>5} | {fmt(b.threshold):>5} {fmt(b.f1):>5} {b.split:>3} {b.merged:>3}"
                f" | {fmt(r.pure.threshold):>5} {fmt(r.pure.recall):>5}"
                f" | {fmt(d.threshold):>5} {fmt(d.precision):>5} {fmt(d.recall):>5} {fmt(d.f1):>5}"
                f" {fmt(d.held_out_f1):>5} {d.clusters:>4} {d.split:>3} {d.merged:>3}"
            )
        s = baselines[section]
        print(
            f"{'(every item alone)':<24} {'':>5} {'':>5} {'':>5} {'':>5} | {'':>5} {'':>5} {'':>3} {'':>3}"
            f" | {'':>5} {fmt(s.recall):>5}"
            f" | {'':>5} {fmt(s.precision):>5} {fmt(s.recall):>5} {fmt(s.f1):>5} {fmt(s.held_out_f1):>5}"
            f" {s.clusters:>4} {s.split:>3} {s.merged:>3}"
        )
    print(
        "\nAUC: same-group vs different-group pairs (AUCho: pairs with a held-out item); same/diff: median similarity."
        "\nt*, F1*: best threshold on all items (upper bound); t_P1, R_P1: lowest threshold with no over-merged cluster"
        " (B-cubed precision 1) and its recall;\nt_dev: best threshold on the development articles, scored on all items;"
        "\nF1ho: B-cubed F1 of the held-out items; spl: gold groups split; mrg: clusters merging gold groups."
    )
    if not times:
        return
    print(
        f"\n{'measure':<24} {'setup s':>8} {'embed 5,000 s':>14} {'pairs 1,000² s':>15} {'pairs 5,000² s (est.)':>22}"
    )
    for name, t in times.items():
        print(
            f"{name:<24} {t['setup_s']:>8.2f} {t['embed_5000_s']:>14.2f} {t['all_pairs_1000_s']:>15.2f}"
            f" {t['all_pairs_5000_est_s']:>22.1f}"
        )


def versions() -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in ("sklearn", "wordllama", "numpy"):
        try:
            found[name] = getattr(__import__(name), "__version__", "?")
        except ImportError:
            pass
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clusters", type=Path, default=ROOT / "tests" / "gold" / "clusters.yml")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--no-timing", action="store_true", help="skip the 5,000-sentence timing")
    args = parser.parse_args(argv)
    if not args.clusters.is_file():
        parser.error(f"{args.clusters}: no such file (the gold clusters; see tests/gold/README.md)")

    topic = load_topic(ROOT / "topic.yml", "topic.yml")
    articles = load_articles(topic)
    items = load_items(args.gold, args.clusters, articles)
    sentences = [item.sentence for item in items]
    corpus = paragraphs(articles)
    seed_sentences = [s.text for a in articles.values() for p in a.paragraphs for s in split_sentences(p)]
    notes: list[str] = []
    times: dict[str, dict[str, float]] = {}
    with no_network():
        matrices: dict[str, Matrix] = {}
        for measure, setup in all_measures(topic, corpus, notes):
            matrices[measure.name] = measure.similarity(sentences)
            if not args.no_timing:
                times[measure.name] = {"setup_s": setup, **timing(measure, seed_sentences)}
    matrices.update(combinations(items, topic, matrices))
    reports = [
        evaluate_section(items, sim, name, section)
        for name, sim in matrices.items()
        for section in ("arguments", "statements")
    ]
    baselines = {s: baseline(items, s) for s in ("arguments", "statements")}
    print_tables(reports, baselines, times)
    for note in notes:
        print(note)
    if args.json:
        figures = {
            "versions": versions(),
            "held_out": HELD_OUT,
            "notes": notes,
            "reports": [asdict(r) for r in reports],
            "baselines": {k: asdict(v) for k, v in baselines.items()},
            "timing": times,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
