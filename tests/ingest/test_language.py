"""Language detection on a paragraph; too-short texts stay unknown."""

from __future__ import annotations

import pytest

from rashomon.ingest.language import detect_language

PARAGRAPHS = {
    "en": "A car bomb exploded outside the central bus station on Monday morning, killing at least six people.",
    "fr": "Une voiture piégée a explosé lundi matin devant la gare routière centrale, tuant au moins six personnes.",
    "es": "Un coche bomba explotó el lunes por la mañana frente a la estación central, matando al menos a seis.",
    "de": "Eine Autobombe ist am Montagmorgen vor dem zentralen Busbahnhof explodiert und hat sechs Menschen getötet.",
    "ru": "Заминированный автомобиль взорвался в понедельник утром у центрального автовокзала, погибли шесть человек.",
    "ar": "انفجرت سيارة مفخخة صباح يوم الاثنين أمام محطة الحافلات المركزية مما أسفر عن مقتل ستة أشخاص على الأقل.",
    "tr": "Pazartesi sabahı merkez otogarın önünde bomba yüklü bir araç patladı ve en az altı kişi hayatını kaybetti.",
}


@pytest.mark.parametrize(("code", "text"), sorted(PARAGRAPHS.items()))
def test_language_detect_language_on_a_paragraph(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_language_detect_language_short_text_is_unknown() -> None:
    assert detect_language("Kabul blast") is None
    assert detect_language("12 34 56 -- !!") is None
