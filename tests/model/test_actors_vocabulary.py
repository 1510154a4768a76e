"""The shipped actor vocabulary (rashomon/model/data/actors/*.yaml): it loads, is consistent, and resolves names."""

from __future__ import annotations

from collections import Counter, defaultdict

import pycountry
import pytest

from rashomon.analyse.actor_matcher import ActorMatcher
from rashomon.model.vocab import Vocabulary, check_vocabulary, fold_name, load_vocabulary
from rashomon.model.vocab.loading import DATA_DIR, actor_files


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def _ids(vocabulary: Vocabulary, kind: str) -> set[str]:
    return {actor.id for actor in vocabulary.actors_of_kind(kind)}


# ----------------------------------------------------------------------------- shape and checks


def test_actor_files_load_with_no_error_or_warning() -> None:
    problems = [problem for problem in check_vocabulary() if problem.file.startswith("actors")]
    assert problems == [], "\n".join(str(problem) for problem in problems)


def test_placeholder_file_is_gone_and_files_are_split_by_theme() -> None:
    files = actor_files(DATA_DIR)
    assert not any(name.startswith("actors/zz_") for name in files)
    assert {"actors/islamic_state.yaml", "actors/al_qaeda.yaml", "actors/media_outlets.yaml"} <= set(files)


def test_vocabulary_is_large_and_uses_every_kind(vocabulary: Vocabulary) -> None:
    counts = Counter(actor.kind for actor in vocabulary.actors)
    assert len(vocabulary.actors) >= 120
    assert counts["armed_group"] >= 100
    assert set(counts) == set(vocabulary.actor_kinds.ids)


def test_every_kind_is_known(vocabulary: Vocabulary) -> None:
    unknown = [actor.id for actor in vocabulary.actors if vocabulary.actor_kinds.find(actor.kind) is None]
    assert unknown == []


def test_ids_and_folded_names_are_unique(vocabulary: Vocabulary) -> None:
    ids = Counter(actor.id for actor in vocabulary.actors)
    names = Counter(fold_name(actor.name) for actor in vocabulary.actors)
    assert [key for key, n in ids.items() if n > 1] == []
    assert [key for key, n in names.items() if n > 1] == []


def test_every_parent_exists_and_chains_end(vocabulary: Vocabulary) -> None:
    for actor in vocabulary.actors:
        if actor.parent is not None:
            assert vocabulary.has_actor(actor.parent), actor.id
        chain = [parent.id for parent in vocabulary.ancestors(actor.id)]
        assert actor.id not in chain
        assert len(chain) == len(set(chain))


def test_descriptions_are_one_short_sentence(vocabulary: Vocabulary) -> None:
    for actor in vocabulary.actors:
        assert "\n" not in actor.description, actor.id
        assert actor.description.endswith("."), actor.id
        assert len(actor.description) <= 200, actor.id


def test_every_actor_but_international_bodies_has_a_country(vocabulary: Vocabulary) -> None:
    missing = [a.id for a in vocabulary.actors if not a.countries and a.kind != "international_organisation"]
    assert missing == []


# ----------------------------------------------------------------------------- aliases


def test_no_firm_alias_belongs_to_two_actors(vocabulary: Vocabulary) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in vocabulary.actors:
        unsure = {fold_name(alias) for alias in actor.ambiguous_aliases}
        for alias in actor.names:
            if fold_name(alias) not in unsure:
                owners[fold_name(alias)].add(actor.id)
    shared = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_shared_ambiguous_aliases_are_ambiguous_for_every_claimant(vocabulary: Vocabulary) -> None:
    firm = vocabulary.alias_index
    for actor in vocabulary.actors:
        for alias in actor.ambiguous_aliases:
            assert fold_name(alias) not in firm, (actor.id, alias)


def test_every_name_and_firm_alias_finds_its_own_actor(vocabulary: Vocabulary) -> None:
    wrong = []
    for alias, actor_id in vocabulary.alias_patterns():
        found = vocabulary.actor_by_alias(alias)
        if found is None or found.id != actor_id:
            wrong.append((alias, actor_id, found.id if found else None))
    assert wrong == []


def test_ambiguous_aliases_never_answer_alone_but_list_their_claimants(vocabulary: Vocabulary) -> None:
    for actor in vocabulary.actors:
        for alias in actor.ambiguous_aliases:
            assert vocabulary.actor_by_alias(alias) is None, (actor.id, alias)
            assert actor.id in {a.id for a in vocabulary.actors_by_alias(alias)}, (actor.id, alias)


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("ISIS–K", "iskp"),
        ("ISIS-K", "iskp"),
        ("IS-K", "iskp"),
        ("ISKP's", "iskp"),
        ("ISK", "iskp"),
        ("Islamic State Khorasan", "iskp"),
        ("Islamic State- Khorasan Province", "iskp"),
        ("Islamic State Khorasan Province", "iskp"),
        ("Daesh Khorasan", "iskp"),
        ("the Islamic State group", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("Islamic State of Iraq and the Levant", "islamic-state"),
        ("ISWAP", "iswap"),
        ("Islamic State in the Greater Sahara", "is-sahel"),
        ("Wilayat Sinai", "is-sinai"),
        ("al-Shabab", "al-shabaab"),
        ("Al Shabaab", "al-shabaab"),
        ("Harakat al-Shabaab al-Mujahideen", "al-shabaab"),
        ("Mozambican al-Shabaab", "ansar-al-sunna-mozambique"),
        ("al-Qa'ida", "al-qaeda"),
        ("Qaeda", "al-qaeda"),
        ("AQAP", "aqap"),
        ("JNIM", "jnim"),
        ("Jabhat al-Nusra", "al-nusra-front"),
        ("Hayat Tahrir al-Sham", "hts"),
        ("Taliban", "taliban"),
        ("Pakistani Taliban", "ttp"),
        ("Tehreek-e-Taliban Pakistan", "ttp"),
        ("Haqqani network", "haqqani-network"),
        ("Jaish al-Zolm", "jaish-al-adl"),
        ("Jaish ul-Adl", "jaish-al-adl"),
        ("Hizballah", "hezbollah"),
        ("Kata'ib Hezbollah", "kataib-hezbollah"),
        ("Ansarullah", "houthis"),
        ("Houthi rebels", "houthis"),
        ("Qassam Brigades", "qassam-brigades"),
        ("Saraya al-Quds", "al-quds-brigades"),
        ("Quds Force", "quds-force"),
        ("Revolutionary Guards", "irgc"),
        ("Hashd al-Shaabi", "popular-mobilization-forces"),
        ("Baluchistan Liberation Army", "bla"),
        ("Majeed Brigade", "majeed-brigade"),
        ("Naxalites", "cpi-maoist"),
        ("CPI (Maoist)", "cpi-maoist"),
        ("NSCN-IM", "nscn-im"),
        ("Segunda Marquetalia", "segunda-marquetalia"),
        ("Gulf Clan", "clan-del-golfo"),
        ("Sendero Luminoso", "shining-path"),
        ("New IRA", "new-ira"),
        ("Tatmadaw", "tatmadaw"),
        ("Amaq", "amaq"),
        ("Az-Zallaqa", "az-zallaqa"),
        ("Al-Zallaqa", "az-zallaqa"),
        ("ISPR", "ispr"),
        ("Israeli forces", "idf"),
        ("U.S. Central Command", "centcom"),
    ],
)
def test_key_aliases_resolve(vocabulary: Vocabulary, text: str, actor_id: str) -> None:
    found = vocabulary.actor_by_alias(text)
    assert found is not None, text
    assert found.id == actor_id


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        ("IS", {"islamic-state"}),
        ("ADF", {"allied-democratic-forces", "ambazonia-defence-forces"}),
        ("AA", {"arakan-army", "anadolu"}),
        ("AFP", {"afp", "armed-forces-of-the-philippines"}),
        ("NSCN", {"nscn-im", "nscn-k"}),
        ("ISI", {"isi", "islamic-state-of-iraq"}),
        ("Ansar al-Sharia", {"aqap", "ansar-al-sharia-libya", "ansar-al-sharia-tunisia"}),
        ("Khawarij", {"ttp", "iskp"}),
        ("LeT", {"lashkar-e-taiba"}),
    ],
)
def test_ambiguous_names_need_context(vocabulary: Vocabulary, text: str, claimants: set[str]) -> None:
    assert vocabulary.actor_by_alias(text) is None
    assert {actor.id for actor in vocabulary.actors_by_alias(text)} == claimants


# ----------------------------------------------------------------------------- hierarchy


def test_khorasan_province_belongs_to_the_islamic_state(vocabulary: Vocabulary) -> None:
    province = vocabulary.actor_by_alias("ISIS–K")
    assert province is not None
    assert province.kind == "armed_group"
    assert [parent.id for parent in vocabulary.ancestors(province.id)] == ["islamic-state"]


def test_every_islamic_state_province_descends_from_the_core(vocabulary: Vocabulary) -> None:
    provinces = [
        actor for actor in vocabulary.actors if actor.name.startswith("Islamic State") and "Province" in actor.name
    ]
    assert len(provinces) >= 12
    for province in provinces:
        assert "islamic-state" in {parent.id for parent in vocabulary.ancestors(province.id)}, province.id
    below = {actor.id for actor in vocabulary.descendants("islamic-state")}
    assert {"iskp", "iswap", "is-sahel", "iscap", "is-mozambique", "is-somalia", "is-sinai"} <= below
    assert "allied-democratic-forces" in below  # through the Central Africa Province


def test_armed_wings_sit_under_their_movement(vocabulary: Vocabulary) -> None:
    assert vocabulary.actor("qassam-brigades").parent == "hamas"
    assert vocabulary.actor("al-quds-brigades").parent == "pij"
    assert vocabulary.actor("majeed-brigade").parent == "bla"
    assert [a.id for a in vocabulary.ancestors("emc")] == ["farc-dissidents", "farc"]
    assert vocabulary.actor("ttp").parent is None  # not a branch of the Afghan Taliban


def test_state_bodies_hang_under_a_state_or_governing_movement(vocabulary: Vocabulary) -> None:
    for body in vocabulary.actors_of_kind("state_security_body"):
        chain = vocabulary.ancestors(body.id)
        assert chain, body.id
        assert chain[-1].kind in {"state", "armed_group"}, body.id
    assert [a.id for a in vocabulary.ancestors("quds-force")] == ["irgc", "iran"]
    assert vocabulary.ancestors("taliban-security-forces")[-1].id == "taliban"


def test_media_outlets_never_perpetrate_and_speak_for_an_actor(vocabulary: Vocabulary) -> None:
    outlets = vocabulary.actors_of_kind("media_outlet")
    assert len(outlets) >= 20
    for outlet in outlets:
        assert not vocabulary.can_perpetrate(outlet.id)
        if outlet.parent is not None:
            assert vocabulary.actor(outlet.parent).kind != "media_outlet", outlet.id
    amaq = vocabulary.actor_by_alias("Amaq")
    assert amaq is not None and amaq.kind == "media_outlet"
    assert amaq.parent == "islamic-state"
    assert vocabulary.actor("ispr").parent == "pakistan-armed-forces"
    assert vocabulary.actor("al-malahem").parent == "aqap"
    assert vocabulary.actor("umar-media").parent == "ttp"


_FORMAL_WORDS = frozenset({"republic", "kingdom", "federation", "state", "government", "union", "emirate"})


def test_states_carry_no_everyday_country_name(vocabulary: Vocabulary) -> None:
    """A state entry named "Iran" would turn every place mention of Iran into an actor match."""
    for state in vocabulary.actors_of_kind("state"):
        country = pycountry.countries.get(alpha_2=state.countries[0])
        assert country is not None, state.id
        short = [getattr(country, "common_name", None), country.name.split(",")[0]]
        everyday = {fold_name(name) for name in short if name and not _FORMAL_WORDS & set(fold_name(name).split())}
        assert not {fold_name(name) for name in state.names} & everyday, state.id


def test_every_state_is_a_parent(vocabulary: Vocabulary) -> None:
    """States are listed only as parents of bodies and outlets (see states.yaml)."""
    parents = {actor.parent for actor in vocabulary.actors}
    assert _ids(vocabulary, "state") <= parents


# ----------------------------------------------------------------------------- the analyse-stage matcher


def test_matcher_finds_vocabulary_names_in_a_sentence(vocabulary: Vocabulary) -> None:
    matcher = ActorMatcher(vocabulary.alias_patterns())
    text = (
        "Amaq said ISIS–K fighters had struck the post, the Pakistani Taliban denied any part in it, "
        "and ISPR added that Kata'ib Hezbollah and al-Shabab were not involved."
    )
    found = [(text[m.start : m.end], m.actor_id) for m in matcher.find(text)]
    assert found == [
        ("Amaq", "amaq"),
        ("ISIS–K", "iskp"),
        ("Pakistani Taliban", "ttp"),
        ("ISPR", "ispr"),
        ("Kata'ib Hezbollah", "kataib-hezbollah"),
        ("al-Shabab", "al-shabaab"),
    ]


def test_matcher_prefers_the_longest_name_and_skips_ambiguous_ones(vocabulary: Vocabulary) -> None:
    matcher = ActorMatcher(vocabulary.alias_patterns())
    text = "A spokesman for Islamic State- Khorasan Province spoke; IS and the ADF were not named."
    found = [(text[m.start : m.end], m.actor_id) for m in matcher.find(text)]
    assert found == [("Islamic State- Khorasan Province", "iskp")]
