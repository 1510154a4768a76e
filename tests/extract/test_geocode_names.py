"""The geocoder on names that are not places, towns the gazetteer lacks and names as written."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.extract.places import PlaceFound, places_compatible
from rashomon.model.records import Place, PlacePrecision
from tests.extract.geocode_helpers import analysis, geocoder


def places(text: str, entities: Sequence[tuple[str, str]] = ()) -> list[PlaceFound]:
    found = geocoder().places(analysis(text, entities))
    for item in found:
        assert text[item.start : item.end] == item.text == item.place.name
    return found


def texts(found: Sequence[PlaceFound]) -> list[str]:
    return [f.text for f in found]


# --- words of a longer name ------------------------------------------------------------------


def test_a_holiday_tagged_as_a_place_holds_no_town() -> None:
    found = places(
        "Crowds gathered in Lyon on Bastille Day for the parade.", [("GPE", "Lyon"), ("GPE", "Bastille Day")]
    )
    assert texts(found) == ["Lyon"]


def test_a_stadium_name_holds_no_town() -> None:
    found = places("Explosions were heard outside the Stade de France during the match.")
    assert "Stade" not in texts(found)


def test_a_frontier_name_holds_no_towns() -> None:
    found = places("Shelling was reported near the Line of Control in Kashmir.", [("FAC", "the Line of Control")])
    assert texts(found) == ["Kashmir"]


def test_a_sizeable_city_may_name_an_event() -> None:
    found = places("Security was tightened for the London Marathon.", [("FAC", "the London Marathon")])
    assert texts(found) == ["London"]
    assert found[0].place.country == "GB"


# --- actor names and short words -------------------------------------------------------------


def test_actor_names_are_never_towns() -> None:
    found = places(
        "Nato and Hamas issued statements; the Un envoy spoke in Geneva.",
        [("ORG", "Nato"), ("ORG", "Hamas"), ("ORG", "Un"), ("GPE", "Geneva")],
    )
    assert texts(found) == ["Geneva"]


def test_a_country_is_not_qualified_by_another_country() -> None:
    found = places(
        "Iran's actions in Iraq drew protests, officials in Baghdad said.",
        [("GPE", "Iran"), ("GPE", "Iraq"), ("GPE", "Baghdad")],
    )
    iraq = next(f for f in found if f.text == "Iraq").place
    assert (iraq.country, iraq.precision) == ("IQ", PlacePrecision.COUNTRY)


def test_a_dateline_read_as_a_date_still_names_its_town() -> None:
    found = places("3 May 2021 - Herat, Afghanistan. A bomb exploded at a bus stop.", [("DATE", "3 May 2021 - Herat")])
    assert texts(found)[:2] == ["Herat", "Afghanistan"]
    assert found[0].place.city == "Herat"


# --- towns the gazetteer does not know, and foreign namesakes ---------------------------------


def test_an_unknown_village_takes_its_province() -> None:
    text = "Gunmen attacked the village of Kelbouri in Tahoua region on Sunday, residents of Niger said."
    found = places(text, [("GPE", "Kelbouri"), ("GPE", "Tahoua"), ("GPE", "Niger")])
    village = next(f for f in found if f.text == "Kelbouri").place
    assert (village.city, village.country, village.precision) == ("Kelbouri", "NE", PlacePrecision.CITY)
    assert village.lat is None and village.geonameid is None


def test_an_unknown_name_without_town_words_is_no_town() -> None:
    found = places("Kelbouri said the talks in Niger had failed.", [("PERSON", "Kelbouri"), ("GPE", "Niger")])
    assert texts(found) == ["Niger"]


def test_a_small_foreign_namesake_loses_to_the_country_of_the_report() -> None:
    text = "In Niger, soldiers said the attack hit Tavira, and Niger's army sent reinforcements to Niger's west."
    found = places(text, [("GPE", "Niger"), ("GPE", "Tavira"), ("GPE", "Niger"), ("GPE", "Niger")])
    town = next(f for f in found if f.text == "Tavira").place
    assert (town.city, town.country) == ("Tavira", "NE")


def test_a_foreign_city_stays_when_it_is_big() -> None:
    found = places("Officials in Niger said the plotters had met in Lisbon.", [("GPE", "Niger"), ("GPE", "Lisbon")])
    lisbon = next(f for f in found if f.text == "Lisbon").place
    assert lisbon.country == "PT"


# --- names as written ------------------------------------------------------------------------


def test_a_town_is_named_as_the_report_spells_it() -> None:
    found = places("Militants attacked a base in Afgoye, west of Mogadishu.", [("GPE", "Afgoye"), ("GPE", "Mogadishu")])
    town = found[0].place
    assert (town.city, town.country, town.geonameid is not None) == ("Afgoye", "SO", True)


def test_two_spellings_of_one_town_are_compatible() -> None:
    a = Place(name="Afgoye", country="SO", precision=PlacePrecision.CITY, city="Afgoye", geonameid=7)
    b = Place(name="Afgooye", country="SO", precision=PlacePrecision.CITY, city="Afgooye", geonameid=7)
    c = Place(name="Jilib", country="SO", precision=PlacePrecision.CITY, city="Jilib", geonameid=8)
    assert places_compatible(a, b)
    assert not places_compatible(a, c)
