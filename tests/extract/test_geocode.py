"""The geocoder on hand-built analyses: mention finding, context disambiguation, exact offsets."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from rashomon.extract.places import PlaceFound
from rashomon.model.records import PlacePrecision
from tests.extract.geocode_helpers import analysis, geocoder


def places(text: str, entities: Sequence[tuple[str, str]] = ()) -> list[PlaceFound]:
    found = geocoder().places(analysis(text, entities))
    for item in found:
        assert text[item.start : item.end] == item.text == item.place.name
    return found


def texts(found: Sequence[PlaceFound]) -> list[str]:
    return [f.text for f in found]


def one(found: Sequence[PlaceFound], text: str) -> PlaceFound:
    matches = [f for f in found if f.text == text]
    assert len(matches) == 1, (text, texts(found))
    return matches[0]


# --- city or province ------------------------------------------------------------------------


def test_named_province_is_the_first_level_subdivision() -> None:
    found = places("Gunmen fired on a bus station in Kerman province late on Friday.")
    place = one(found, "Kerman province").place
    assert place.precision is PlacePrecision.ADMIN1
    assert (place.country, place.admin1, place.city) == ("IR", "Kerman", None)


def test_bare_name_of_a_province_capital_is_the_city_with_its_hierarchy() -> None:
    found = places("Shops in Kerman stayed shut after the blasts.", [("GPE", "Kerman")])
    place = one(found, "Kerman").place
    assert place.precision is PlacePrecision.CITY
    assert (place.country, place.admin1, place.city) == ("IR", "Kerman", "Kerman")
    assert place.geonameid is not None and place.lat is not None and place.lon is not None


def test_bare_name_follows_the_province_when_the_text_only_ever_says_province() -> None:
    found = places("Floods hit Kerman province in spring. Rescue teams across Kerman worked for days.")
    assert [f.place.precision for f in found] == [PlacePrecision.ADMIN1, PlacePrecision.ADMIN1]


def test_a_city_cue_anywhere_makes_the_bare_name_the_city() -> None:
    text = "Floods hit Kerman province in spring. In the city of Kerman, a bridge fell. Kerman reopened its schools."
    found = places(text)
    assert [f.place.precision for f in found] == [PlacePrecision.ADMIN1, PlacePrecision.CITY, PlacePrecision.CITY]


def test_city_word_after_the_name_is_a_cue_not_part_of_the_name() -> None:
    text = "The crowd gathered near Kerman city's old cemetery."
    place = one(places(text), "Kerman").place
    assert place.precision is PlacePrecision.CITY
    assert place.city == "Kerman"


def test_governorate_tagged_as_organisation() -> None:
    found = places("Shelling continued in Idlib Governorate overnight.", [("ORG", "Idlib Governorate")])
    place = one(found, "Idlib Governorate").place
    assert (place.precision, place.country, place.admin1) == (PlacePrecision.ADMIN1, "SY", "Idlib")


# --- the same name in several countries ------------------------------------------------------


def test_balochistan_is_pakistani_when_pakistan_is_the_setting() -> None:
    text = "Pakistan said the fighters had crossed into Balochistan near Quetta."
    place = one(places(text), "Balochistan").place
    assert (place.country, place.admin1) == ("PK", "Balochistan")


def test_balochistan_is_iranian_when_the_report_is_set_in_iran() -> None:
    text = "Iran reported a raid on a border post in Balochistan, not far from Zahedan."
    place = one(places(text), "Balochistan").place
    assert (place.country, place.admin1) == ("IR", "Sistan and Baluchestan")


def test_jalalabad_follows_the_country_named() -> None:
    afghan = one(places("A bomb went off in Jalalabad, the police in Afghanistan said."), "Jalalabad").place
    kyrgyz = one(places("Protesters in Kyrgyzstan gathered in Jalalabad on Monday."), "Jalalabad").place
    assert afghan.country == "AF"
    assert kyrgyz.country == "KG"
    assert afghan.geonameid != kyrgyz.geonameid


def test_moscow_is_the_russian_capital_unless_the_text_says_idaho() -> None:
    russian = one(places("Officials in Moscow and the United States traded accusations."), "Moscow").place
    idaho = one(places("Police in Moscow, Idaho, closed the campus."), "Moscow").place
    assert (russian.country, russian.precision) == ("RU", PlacePrecision.CITY)
    assert (idaho.country, idaho.admin1) == ("US", "Idaho")


def test_name_comma_country_qualifies_the_name() -> None:
    found = places("Bombs hit Hyderabad, Pakistan, and Tripoli, Lebanon, on the same day.")
    assert one(found, "Hyderabad").place.country == "PK"
    assert one(found, "Tripoli").place.country == "LB"
    assert one(found, "Pakistan").place.precision is PlacePrecision.COUNTRY


def test_country_possessive_qualifies_the_name() -> None:
    found = places("Drones struck targets in Pakistan's Balochistan province.")
    assert texts(found) == ["Pakistan", "Balochistan province"]
    assert found[1].place.country == "PK"


def test_one_name_repeated_is_one_place() -> None:
    text = "Kerman mourned its dead. Washington and the United States denied a role. Kerman buried them."
    found = [f for f in places(text, [("GPE", "Kerman"), ("GPE", "Kerman")]) if f.text == "Kerman"]
    assert {f.place.geonameid for f in found} == {found[0].place.geonameid}
    assert found[0].place.country == "IR"


def test_region_spanning_countries_takes_the_one_the_text_names() -> None:
    found = places("Attacks across the Sahel rose again, and Mali was hit hardest.")
    sahel = one(found, "Sahel").place
    assert sahel.country == "ML"


# --- spellings -------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Ahvaz", "Ahwaz"])
def test_ahvaz_spellings(spelling: str) -> None:
    place = one(places(f"A parade in {spelling} came under fire."), spelling).place
    assert (place.country, place.admin1, place.city) == ("IR", "Khuzestan", "Ahvaz")


@pytest.mark.parametrize("spelling", ["Erbil", "Arbil", "Irbil"])
def test_erbil_spellings_name_the_city(spelling: str) -> None:
    place = one(places(f"Missiles landed near {spelling} in northern Iraq."), spelling).place
    assert (place.country, place.city, place.precision) == ("IQ", "Erbil", PlacePrecision.CITY)


# --- finding mentions ------------------------------------------------------------------------


def test_places_missed_by_the_ner_are_found() -> None:
    found = places("Rockets hit Kandahar and Herat overnight, officials in Afghanistan said.")
    assert texts(found) == ["Kandahar", "Herat", "Afghanistan"]
    assert all(f.place.country == "AF" for f in found)


def test_multiword_names_win_over_their_parts() -> None:
    found = places("Aid trucks reached Sistan and Baluchestan province and the Gaza Strip.")
    assert texts(found) == ["Sistan and Baluchestan province", "Gaza Strip"]


def test_known_site_is_a_site_inside_its_city() -> None:
    place = one(places("Gunmen stormed the Shah Cheragh shrine at dusk."), "Shah Cheragh shrine").place
    assert place.precision is PlacePrecision.SITE
    assert (place.site, place.city, place.admin1, place.country) == ("Shah Cheragh shrine", "Shiraz", "Fars", "IR")


def test_directional_word_is_left_out_of_the_span() -> None:
    found = places("Fighting flared in northern Syria.", [("LOC", "northern Syria")])
    assert texts(found) == ["Syria"]


def test_possessive_is_stripped_from_the_span() -> None:
    found = places("Kerman's governor spoke to reporters.", [("GPE", "Kerman's")])
    assert texts(found) == ["Kerman"]


def test_country_inside_an_organisation_name_with_a_possessive() -> None:
    found = places("Iran's Revolutionary Guards vowed revenge.", [("ORG", "Iran's Revolutionary Guards")])
    assert texts(found) == ["Iran"]


def test_place_tagged_as_nationality_or_organisation() -> None:
    found = places("Mourners in Kerman and Ahvaz prayed.", [("NORP", "Kerman"), ("ORG", "Ahvaz")])
    assert texts(found) == ["Kerman", "Ahvaz"]


def test_common_word_place_needs_a_locative_cue() -> None:
    assert places("Jordan said the talks failed.", [("PERSON", "Jordan")]) == []
    assert one(places("Refugees fled to Jordan last year."), "Jordan").place.country == "JO"


# --- words that are not places ---------------------------------------------------------------


def test_months_weekdays_and_the_islamic_state_are_not_places() -> None:
    text = "In March, the Islamic State claimed the attack on Monday."
    assert places(text) == []
    assert places(text, [("DATE", "March"), ("ACTOR", "Islamic State")]) == []


def test_demonyms_are_not_places() -> None:
    assert places("Iranian officials and Pakistani troops met Afghan traders.") == []


@pytest.mark.parametrize("tagged", [True, False])
def test_person_names_are_not_places(tagged: bool) -> None:
    text = "Lieutenant General Qasem Soleimani and Supreme Leader Ali Khamenei were named."
    entities = [("PERSON", "Qasem Soleimani"), ("PERSON", "Ali Khamenei")] if tagged else []
    assert places(text, entities) == []


def test_actor_vocabulary_matches_are_skipped() -> None:
    text = "Islamic State Khorasan Province claimed the blasts in Kerman."
    found = places(text, [("ACTOR", "Islamic State Khorasan Province")])
    assert texts(found) == ["Kerman"]


def test_vague_areas_are_not_read_as_countries() -> None:
    assert places("Exports to Latin America and the Middle East fell.") == []


def test_a_small_town_sharing_a_word_of_a_title_is_not_a_place() -> None:
    assert places("The song And Kill Them All was banned. The plan would kill trade.") == []


# --- offsets ---------------------------------------------------------------------------------


def test_offsets_are_exact_and_in_text_order() -> None:
    text = "On Friday, blasts shook Kerman, Iran. Later, Erbil and Idlib province were hit."
    found = places(text)
    assert [(f.start, f.end) for f in found] == [
        (text.index("Kerman"), text.index("Kerman") + 6),
        (text.index("Iran"), text.index("Iran") + 4),
        (text.index("Erbil"), text.index("Erbil") + 5),
        (text.index("Idlib province"), text.index("Idlib province") + len("Idlib province")),
    ]
    assert [f.place.country for f in found] == ["IR", "IR", "IQ", "SY"]


def test_empty_document() -> None:
    assert places("") == []


# --- capitalised words outside any entity ----------------------------------------------------


def test_place_inside_an_untagged_group_name_is_not_a_place() -> None:
    text = "Police blamed the Balochistan Liberation Army for the ambush."
    assert places(text) == []


def test_headline_words_are_not_small_towns() -> None:
    found = places("Blast Hits Crowded Market In Kabul As Leaders Meet")
    assert texts(found) == ["Kabul"]


def test_hyphenated_neighbours_are_both_found() -> None:
    found = places("Trade across the Iran-Iraq border resumed, and al-Raqqa was quiet.")
    assert texts(found) == ["Iran", "Iraq", "al-Raqqa"]
    assert found[2].place.country == "SY"


def test_short_acronyms_are_countries_or_nothing() -> None:
    found = places("The UN envoy and US officials met in Doha.")
    assert texts(found) == ["US", "Doha"]


def test_entity_cut_inside_a_hyphenated_name_is_widened() -> None:
    found = places("A bomb exploded in Mazar-i-Sharif on Tuesday.", [("LOC", "Mazar")])
    assert texts(found) == ["Mazar-i-Sharif"]
    assert found[0].place.country == "AF"


def test_explicit_gazetteer_is_used() -> None:
    from rashomon.extract.geocode import Geocoder

    geo = Geocoder(geocoder().gazetteer)
    assert texts(geo.places(analysis("Clashes in Idlib and Aleppo."))) == ["Idlib", "Aleppo"]


def test_common_word_country_in_a_list_of_countries() -> None:
    found = places("Fighters moved between Nigeria, Niger, Chad and Cameroon.")
    assert texts(found) == ["Nigeria", "Niger", "Chad", "Cameroon"]
    assert places("Chad Smith and Niger Innis spoke.") == []


def test_last_word_of_a_person_name_is_not_a_place() -> None:
    assert places("Health Minister Ali Haji Adan said the toll rose.") == []


# --- names that hold an "and"; towns as context ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Police said the bus was hit near Zahedan, Sistan and Baluchistan province, at dawn.",
         "Sistan and Baluchistan province", "IR"),
        ("Curfews were extended across Jammu and Kashmir on Monday.", "Jammu and Kashmir", "IN"),
        ("The ship sailed from Trinidad and Tobago last week.", "Trinidad and Tobago", "TT"),
    ],
)  # fmt: skip
def test_a_place_whose_name_holds_and_is_one_mention(text: str, name: str, country: str) -> None:
    found = places(text, [("GPE", name.split()[0])])
    assert one(found, name).place.country == country


def test_two_places_joined_by_and_stay_two() -> None:
    found = places("Iran and Iraq closed the crossing.", [("GPE", "Iran"), ("GPE", "Iraq")])
    assert texts(found) == ["Iran", "Iraq"]


def test_a_town_in_the_same_sentence_tips_a_shared_province_name() -> None:
    text = (
        "Pakistan and Iran traded accusations. Iran has seen attacks before: in 2018 a parade in Ahvaz was "
        "hit, and in 2019 guards were killed in Baluchistan Province."
    )
    found = places(text)
    assert [f.place.country for f in found if f.text == "Baluchistan Province"] == ["IR"]
