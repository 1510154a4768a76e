"""The document extractor on short reports written for these tests, through the real spaCy model.

Each test states one rule of `rashomon.extract` in a sentence or two and checks the account it
gives: who did it and how the report ties them, which numbers are casualty figures and of what
scope, which date and place the event gets. The texts are invented; no test depends on one
model's quirks beyond what the rule itself needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from rashomon.analyse.pipeline import analyse_texts
from rashomon.extract.document import DocumentExtractor
from rashomon.model.records import Account, EventKind, FigureKind, FigureScope, PerpetratorStatus
from rashomon.model.vocab import load_vocabulary
from rashomon.settings import DEFAULT_MODEL

pytestmark = pytest.mark.model

Extract = Callable[..., tuple[Account, ...]]


@pytest.fixture(scope="module")
def extract() -> Extract:
    vocabulary = load_vocabulary()
    extractor = DocumentExtractor(vocabulary=vocabulary)
    patterns = tuple(vocabulary.alias_patterns())
    ambiguous = tuple(vocabulary.ambiguous_alias_patterns())  # as the pipeline passes them

    def run(text: str, published: dt.date | None = None) -> tuple[Account, ...]:
        analysis = next(analyse_texts([("doc", text)], model=DEFAULT_MODEL, patterns=patterns, ambiguous=ambiguous))
        return extractor.extract(analysis, published=published)

    return run


def violent(accounts: tuple[Account, ...]) -> list[Account]:
    return [a for a in accounts if a.kind in (EventKind.ATTACK, EventKind.STRIKE)]


def figures(account: Account, kind: FigureKind, scope: FigureScope = FigureScope.EVENT) -> list[int]:
    return sorted(f.quantity.value for f in account.figures if f.kind is kind and f.scope is scope)


def test_document_sub_counts_are_parts_of_the_total(extract: Extract) -> None:
    text = (
        "On 9 March 2021, a car bomb exploded at a bus station in Mosul, Iraq. According to the provincial "
        "governor, 31 people, including 20 Iraqis and 11 Syrians, were killed in the explosion."
    )
    (account,) = violent(extract(text))
    assert figures(account, FigureKind.KILLED) == [31]
    assert figures(account, FigureKind.KILLED, FigureScope.PART) == [11, 20]
    total = next(f for f in account.figures if f.quantity.value == 31)
    assert total.attributed_to is not None and "governor" in total.attributed_to
    assert text[total.evidence.start : total.evidence.end] == "31"


def test_document_a_count_of_attacks_is_no_casualty_figure(extract: Extract) -> None:
    text = "On 2 May 2019, gunmen attacked a market in Gao, Mali, killing seven people. Three attacks were claimed."
    accounts = violent(extract(text))
    assert all(3 not in figures(a, FigureKind.KILLED) for a in accounts)
    assert any(figures(a, FigureKind.KILLED) == [7] for a in accounts)


def test_document_left_wounded_reads_the_word_after_the_number(extract: Extract) -> None:
    text = "On 4 June 2020, a suicide bomber struck a wedding in Kunduz, Afghanistan, and left more than 40 wounded."
    (account,) = violent(extract(text))
    assert figures(account, FigureKind.INJURED) == [40]
    assert figures(account, FigureKind.KILLED) == []
    assert account.suicide is True


def test_document_a_date_bounding_a_period_never_dates_the_event(extract: Extract) -> None:
    text = (
        "On 11 July 2022, a bomb exploded at a mosque in Herat, Afghanistan, killing 18 worshippers, the "
        "worst attack on the city since the 2001 invasion."
    )
    (account,) = violent(extract(text))
    assert account.date is not None and account.date.iso() == "2022-07-11"


def test_document_the_group_that_claims_is_the_one_named_last(extract: Extract) -> None:
    text = (
        "On 15 January 2023, a bomb exploded at a church in Kasindi, DR Congo, killing 14 people. The Allied "
        "Democratic Forces had threatened churches in the area for months. The group claimed responsibility."
    )
    (account,) = violent(extract(text))
    claimed = [p for p in account.perpetrators if p.status is PerpetratorStatus.CLAIMED]
    assert claimed and claimed[0].actor_id is not None


def test_document_a_country_modifying_a_strike_is_the_striker_not_the_place(extract: Extract) -> None:
    text = "On 29 August 2021, a US drone strike hit a house in Kabul, Afghanistan, killing ten civilians."
    (account,) = violent(extract(text))
    assert account.kind is EventKind.STRIKE
    assert account.place is not None and account.place.country == "AF"
    assert any(p.name == "United States" for p in account.perpetrators)


def test_document_a_dateline_gives_the_main_event_its_place_and_date(extract: Extract) -> None:
    text = (
        "12 March 2016 - Grand-Bassam, Ivory Coast. Gunmen opened fire on a beach crowded with bathers, "
        "killing 19 people before soldiers shot them dead."
    )
    (account,) = violent(extract(text))
    assert account.date is not None and account.date.iso() == "2016-03-12"
    assert account.place is not None and account.place.country == "CI"
    assert account.attack_type == "Armed Assault"


def test_document_an_accusation_stays_an_accusation(extract: Extract) -> None:
    text = (
        "On 3 June 2022, a bomb killed nine people at a bus stop in Quetta, Pakistan. "
        "Officials blamed the Baloch Liberation Army."
    )
    (account,) = violent(extract(text))
    statuses = {p.status for p in account.perpetrators}
    assert PerpetratorStatus.ACCUSED in statuses
    assert PerpetratorStatus.CLAIMED not in statuses


def test_document_a_claim_of_several_named_attacks_reaches_each(extract: Extract) -> None:
    text = (
        "On 4 May 2019, a bomb exploded at a market in Kano, Nigeria, killing 12 people. On 9 May 2019, gunmen "
        "attacked a church in Jos, Nigeria, killing 8 people. "
        "The Islamic State claimed both the Kano and the Jos attacks."
    )
    accounts = violent(extract(text))
    assert {a.place.city for a in accounts if a.place} == {"Kano", "Jos"}
    for account in accounts:
        assert any(p.status is PerpetratorStatus.CLAIMED and p.actor_id for p in account.perpetrators), account.id


def test_document_a_new_casualty_verb_ends_a_sub_count(extract: Extract) -> None:
    text = (
        "On 22 May 2017, a man detonated a bomb at a concert in Manchester, England, killing 22 people, "
        "many of them children, and injuring more than 100."
    )
    (account,) = violent(extract(text))
    assert figures(account, FigureKind.KILLED) == [22]
    assert figures(account, FigureKind.INJURED) == [100]


def test_document_strikes_on_coordinated_places_are_one_event_per_place(extract: Extract) -> None:
    text = "On 10 March 2021, Turkish warplanes carried out airstrikes on camps in Sinjar, Iraq and Qamishli, Syria."
    accounts = violent(extract(text))
    assert sorted(a.place.country for a in accounts if a.place) == ["IQ", "SY"]


def test_document_a_figure_told_of_coordinated_attacks_counts_them_together(extract: Extract) -> None:
    text = "On 2 April 2019, a clinic in Kandahar and a wedding hall in Herat were attacked, killing 31 people in all."
    accounts = violent(extract(text))
    assert {a.place.city for a in accounts if a.place} == {"Kandahar", "Herat"}
    for account in accounts:
        assert figures(account, FigureKind.KILLED) == []
        assert figures(account, FigureKind.KILLED, FigureScope.AGGREGATE) == [31]


def test_document_a_year_less_date_takes_the_year_of_the_date_before_it(extract: Extract) -> None:
    text = (
        "The cell's leader was arrested in a raid in Lyon on 2 May 2011. Then on 11 May, "
        "two of its members set off a bomb at a station in Marseille, killing four people."
    )
    (account,) = [
        a for a in violent(extract(text, published=dt.date(2013, 6, 1))) if a.place and a.place.city == "Marseille"
    ]
    assert account.date is not None and account.date.iso() == "2011-05-11"


def test_document_the_definite_mention_echoes_the_event_it_repeats(extract: Extract) -> None:
    text = (
        "On 5 June 2022, a suicide attack killed 14 people at a rally in Mardan, Pakistan, honouring a cleric "
        "who died in a drone strike in 2016. The suicide attack also wounded 40 people."
    )
    accounts = violent(extract(text))
    rally = next(a for a in accounts if a.place and a.place.city == "Mardan")
    assert figures(rally, FigureKind.INJURED) == [40]


def test_document_the_same_shrine_is_the_place_told_before(extract: Extract) -> None:
    text = (
        "In March 2019, gunmen attacked the Sufi shrine in Multan, Pakistan, killing six pilgrims. "
        "In May 2021, another attack struck the same shrine, killing two people."
    )
    accounts = violent(extract(text))
    assert len(accounts) == 2
    assert all(a.place is not None and a.place.city == "Multan" for a in accounts)


def test_document_an_event_named_by_its_place_stays_apart_from_one_elsewhere(extract: Extract) -> None:
    text = (
        "On 8 July 2022, a bomb killed 11 people at a market in Kandahar, Afghanistan. The Kandahar bombing, "
        "a day after the assassination of a judge in Kabul, drew condemnation."
    )
    accounts = violent(extract(text))
    kandahar = [a for a in accounts if a.place and a.place.city == "Kandahar"]
    assert len(kandahar) == 1
    assert all(a.place is None or a.place.city != "Kandahar" or a is kandahar[0] for a in accounts)
    assert any(a.place is not None and a.place.city == "Kabul" for a in accounts)


def test_document_a_capital_that_strikes_is_the_state_not_the_place(extract: Extract) -> None:
    text = "The raids drew protests. Ankara launched airstrikes on militant camps near Sinjar, Iraq, on 3 May 2022."
    (account,) = violent(extract(text))
    assert account.place is not None and account.place.country == "IQ"
    assert any(p.name == "Turkey" or p.name == "Türkiye" for p in account.perpetrators), account.perpetrators


def test_document_a_demonym_on_the_target_gives_the_country(extract: Extract) -> None:
    text = "In May 2016, gunmen opened fire on the Kenyan parliament, killing four guards."
    (account,) = violent(extract(text))
    assert account.place is not None and account.place.country == "KE"


def test_document_a_demonym_on_a_target_abroad_gives_no_country(extract: Extract) -> None:
    text = "In May 2016, gunmen opened fire on the Kenyan embassy, killing four guards."
    (account,) = violent(extract(text))
    assert account.place is None or account.place.country != "KE"


def test_document_initials_read_as_a_verb_still_name_the_claimant(extract: Extract) -> None:
    text = (
        "The Islamic State has struck the country before. In May 2016, IS claimed an attack on a market in "
        "Jableh, Syria, which killed 20 people."
    )
    (account,) = violent(extract(text))
    assert any(p.actor_id == "islamic-state" and p.status is PerpetratorStatus.CLAIMED for p in account.perpetrators)


def test_document_a_claim_and_an_arrest_are_records_linked_to_their_event(extract: Extract) -> None:
    text = (
        "On 3 May 2019, a bomb killed nine people at a bus station in Kano, Nigeria. "
        "On 5 May 2019, Boko Haram claimed responsibility for the bombing. "
        "On 9 May 2019, police arrested 12 suspects in connection with the attack."
    )
    accounts = extract(text)
    (attack,) = violent(accounts)
    claims = [a for a in accounts if a.kind is EventKind.CLAIM_OF_RESPONSIBILITY]
    arrests = [a for a in accounts if a.kind is EventKind.ARREST]
    assert attack.date is not None and attack.date.iso() == "2019-05-03"
    assert [(c.related_to, c.date.iso() if c.date else None) for c in claims] == [(attack.id, "2019-05-05")]
    assert claims[0].perpetrators and claims[0].perpetrators[0].actor_id == "boko-haram"
    assert [(a.related_to, a.date.iso() if a.date else None) for a in arrests] == [(attack.id, "2019-05-09")]
    assert [f.quantity.value for f in arrests[0].figures if f.kind is FigureKind.ARRESTED] == [12]
    assert any(p.status is PerpetratorStatus.CLAIMED for p in attack.perpetrators)


def test_document_a_states_forces_stand_for_the_state(extract: Extract) -> None:
    text = "On 11 May 2021, Turkish jets bombed a camp near Makhmour, Iraq, killing four fighters."
    (account,) = violent(extract(text))
    assert any(p.name in ("Turkey", "Türkiye") for p in account.perpetrators), account.perpetrators


def test_document_a_group_telling_its_own_deed_claims_it(extract: Extract) -> None:
    text = (
        "On 2 June 2018, a bomb killed seven people at a bus stop in Kano, Nigeria. Boko Haram said in a "
        "video that one of its fighters had placed the device."
    )
    (account,) = violent(extract(text))
    assert any(p.actor_id == "boko-haram" and p.status is PerpetratorStatus.CLAIMED for p in account.perpetrators)


def test_document_an_unnamed_state_force_is_the_state_of_the_place(extract: Extract) -> None:
    text = "On 6 March 2022, an air force jet bombed a market in Bama, Nigeria, killing 12 traders."
    (account,) = violent(extract(text))
    assert [(p.name, p.status) for p in account.perpetrators] == [("Nigeria", PerpetratorStatus.ATTRIBUTED)]


def test_document_an_unnamed_force_across_a_border_is_nobody_in_particular(extract: Extract) -> None:
    text = "On 6 March 2022, a military drone struck a convoy near Zakho, Iraq, and a village near Hakkari, Turkey."
    for account in violent(extract(text)):
        assert all(p.name not in ("Iraq", "Turkey") for p in account.perpetrators)


def test_document_the_event_after_after_is_the_point_counted_from(extract: Extract) -> None:
    text = (
        "On 14 March 2016, gunmen killed 19 people at a beach in Grand-Bassam, Ivory Coast. It came a day after "
        "a car bomb had killed 37 people in Ankara, Turkey."
    )
    ankara = next(a for a in violent(extract(text)) if a.place and a.place.city == "Ankara")
    assert ankara.date is not None and ankara.date.iso() == "2016-03-13"


def test_document_an_event_named_as_a_day_after_another_dates_the_other(extract: Extract) -> None:
    text = (
        "On 5 May 2021, a bomb killed 14 people at a market in Jalalabad, Afghanistan. The Jalalabad bombing, "
        "coming one day after the assassination of a judge in Kabul, shocked the city."
    )
    kabul = next(a for a in violent(extract(text)) if a.place and a.place.city == "Kabul")
    assert kabul.date is not None and kabul.date.iso() == "2021-05-04"


def test_document_a_year_alone_is_no_reference_for_a_weekday(extract: Extract) -> None:
    text = (
        "It was the worst attack since the embassy bombing of 1998. Gunmen stormed a hotel in Mombasa, Kenya, "
        "on Thursday, killing 11 guests."
    )
    for account in violent(extract(text)):
        assert account.date is None or account.date.start.year != 1998 or account.date.precision.value == "year"
