"""Ingest stage: the language of a document, as an ISO 639-1 code.

Consumes text, produces "en", "fr"... or None. lingua's models are compiled into its wheel, so
this works offline. Loading every language it knows costs up to about 1 GB and seconds on
Latin-script text; the set below (languages that report political violence most) in lingua's
low-accuracy mode, preloaded, costs about 45 MB and 0.1 s, and still identifies a single
paragraph correctly in every language tried (measured by `benchmarks/ingest_bench.py
--detector`; high-accuracy mode preloaded costs 670 MB and 2 s for the same answers).
Low-accuracy mode is only weaker on a few words, and texts that short come back as None
anyway. The detector is built once per process, on first use.

Pashto is missing from lingua: Pashto text is usually reported as Persian.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

NEWS_LANGUAGES = (
    "ENGLISH",
    "FRENCH",
    "SPANISH",
    "PORTUGUESE",
    "GERMAN",
    "ITALIAN",
    "DUTCH",
    "POLISH",
    "ROMANIAN",
    "GREEK",
    "RUSSIAN",
    "UKRAINIAN",
    "SERBIAN",
    "BULGARIAN",
    "TURKISH",
    "AZERBAIJANI",
    "ARMENIAN",
    "GEORGIAN",
    "KAZAKH",
    "ARABIC",
    "HEBREW",
    "PERSIAN",
    "URDU",
    "HINDI",
    "BENGALI",
    "PUNJABI",
    "TAMIL",
    "INDONESIAN",
    "TAGALOG",
    "VIETNAMESE",
    "THAI",
    "CHINESE",
    "JAPANESE",
    "KOREAN",
    "SWAHILI",
    "SOMALI",
    "YORUBA",
)

_LETTER = re.compile(r"[^\W\d_]")
MIN_LETTERS = 20  # fewer letters than this: too short to tell, the answer is None
SAMPLE_CHARS = 1200  # a paragraph or two: enough to be sure, and detection time grows with length


@cache
def detector() -> Any:
    """The lingua detector for NEWS_LANGUAGES, built on first use and kept for the process."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in NEWS_LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    found = detector().detect_language_of(sample)
    if found is None:
        return None
    return str(found.iso_code_639_1.name.lower())
