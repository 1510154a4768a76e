"""Extract stage: a demonym on what was attacked says in which country ("an attack on the
Iranian parliament", "gunmen stormed a Kenyan university").

Consumes the frames of one sentence that found no place of their own; gives each a
country-level place when the target of its event word carries a demonym. Targets that are
often abroad (embassies, ships, airliners, troops, nationals) say nothing of where the event
was, and neither does a demonym on the attackers ("Tajik gunmen"). The country comes from the
gazetteer, with its coordinates; the demonym is the evidence span.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rashomon.analyse.analysis import Token
from rashomon.extract.frames import Frame
from rashomon.extract.gazetteer import Gazetteer
from rashomon.extract.places import PlaceFound
from rashomon.extract.syntax import Tree
from rashomon.model.records import Place, PlacePrecision

_ABROAD = frozenset(
    {
        "embassy", "consulate", "mission", "diplomat", "ambassador", "ship", "vessel", "tanker", "boat", "airliner",
        "plane", "aircraft", "flight", "jet", "troop", "soldier", "force", "army", "military", "national", "citizen",
        "tourist", "worker", "pilgrim", "convoy", "patrol", "delegation", "journalist", "engineer", "student",
        "base", "outpost", "asset", "interest", "position", "office", "headquarters", "company", "firm",
    }
)  # fmt: skip
_TARGET_PREPOSITIONS = frozenset({"on", "at", "against", "inside", "near"})


def demonym_places(
    frames: Sequence[Frame],
    tokens: Sequence[Token],
    places: Sequence[PlaceFound],
    demonyms: Mapping[str, str],
    gazetteer: Gazetteer,
) -> None:
    """Give a placeless frame the country its target's demonym names (in place); only in a
    sentence that names no place, where the demonym is all the sentence says of where."""
    if places:
        return
    tree = Tree(tokens)
    triggers = {t.token for f in frames for t in f.triggers}
    for frame in frames:
        if frame.places or frame.modifier_places:
            continue
        found = _target_demonym(tree, frame, demonyms, triggers)
        if found is None:
            continue
        token, code = found
        country = gazetteer.country(code)
        if country is None:
            continue
        place = Place(
            name=token.text, country=code, precision=PlacePrecision.COUNTRY, lat=country.lat, lon=country.lon,
            geonameid=country.geonameid,
        )  # fmt: skip
        frame.places.append(PlaceFound(token.start, token.end, token.text, place))


def _target_demonym(
    tree: Tree, frame: Frame, demonyms: Mapping[str, str], triggers: set[int]
) -> tuple[Token, str] | None:
    for trigger in frame.triggers:
        head = tree.by_index.get(trigger.token)
        if head is None:
            continue
        for target in _targets(tree, head):
            if target.lemma.lower() in _ABROAD or target.i in triggers:
                continue  # "killed in a U.S. drone strike": whose strike, not where
            for child in tree.children.get(target.i, []):
                code = demonyms.get(child.text.lower())
                if code is not None and child.dep in ("amod", "compound", "nmod"):
                    return child, code
    return None


def _targets(tree: Tree, head: Token) -> list[Token]:
    """What the event word acts on: its object, or the object of "on"/"at"/"against" after it."""
    found: list[Token] = []
    for child in tree.children.get(head.i, []):
        if child.dep in ("dobj", "nsubjpass"):
            found.append(child)
        elif child.dep == "prep" and child.lemma.lower() in _TARGET_PREPOSITIONS:
            found.extend(c for c in tree.children.get(child.i, []) if c.dep == "pobj")
    return found
