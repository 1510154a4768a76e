"""Synthetic news-like reports for ingest tests: varied enough that no two are near-duplicates.

Invented words and places only; nothing here comes from a real article.
"""

from __future__ import annotations

import random

PLACES = (
    "Varno",
    "Teshel",
    "Amarin",
    "Kolvat",
    "Brenica",
    "Osmaro",
    "Dulanti",
    "Pervesk",
    "Zamora Alta",
    "Hiltun",
    "Qasrin",
    "Mevlani",
    "Sorrento Bay",
    "Ulmet",
    "Faridpur East",
    "Nakuru Hill",
    "Lomvia",
    "Tarsel",
    "Ebrun",
    "Kassala Gate",
)
SOURCES = (
    "a police spokesman",
    "the provincial governor",
    "a hospital director",
    "two witnesses",
    "the interior ministry",
    "a local journalist",
    "the district council",
    "an army officer",
    "a rights group",
    "the mayor's office",
    "a relief worker",
    "a tribal elder",
    "the fire brigade",
    "a shopkeeper",
    "the regional prosecutor",
)
ATTACKERS = (
    "gunmen on motorbikes",
    "a suicide bomber",
    "unidentified assailants",
    "armed men in a pickup truck",
    "militants",
    "a group of attackers",
    "a lone gunman",
    "fighters from a rebel faction",
    "masked men",
    "an armed gang",
)
ACTIONS = (
    "opened fire on",
    "detonated explosives near",
    "stormed",
    "set fire to",
    "ambushed",
    "shelled",
    "raided",
    "threw grenades at",
    "attacked",
    "fired rockets at",
)
TARGETS = (
    "a crowded market",
    "a police checkpoint",
    "a mosque during evening prayers",
    "a wedding party",
    "a bus carrying workers",
    "a school",
    "an army convoy",
    "a church",
    "a village council meeting",
    "a fuel depot",
    "a football ground",
    "a bank branch",
    "a camp for displaced families",
    "a border post",
)
DAYS = ("on Monday", "on Tuesday", "early on Wednesday", "late on Thursday", "on Friday", "overnight", "at dawn")
COMMENTS = (
    "Residents said the area had been calm for several months before the attack.",
    "Nobody immediately said they were behind it.",
    "The government condemned what it called a cowardly act.",
    "Hospitals in the area appealed for blood donations.",
    "Roads into the town were closed while soldiers searched nearby houses.",
    "Analysts said the method resembled earlier attacks in the region.",
    "Shops stayed shut the following day as mourners gathered.",
    "Officials warned that the toll could rise.",
)
FILLER = (
    "harvest",
    "river",
    "council",
    "market",
    "teacher",
    "bridge",
    "election",
    "drought",
    "festival",
    "clinic",
    "lorry",
    "orchard",
    "minister",
    "courthouse",
    "railway",
    "quarry",
    "cattle",
    "pipeline",
    "ferry",
    "bakery",
    "stadium",
    "library",
    "barracks",
    "pharmacy",
    "mill",
    "garrison",
    "caravan",
    "reservoir",
    "tannery",
    "granary",
)


def synthetic_report(seed: int, *, words: int = 500) -> str:
    """A headline and paragraphs of roughly `words` words, different for every seed."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    title = f"{rng.choice(ATTACKERS).capitalize()} {rng.choice(ACTIONS)} {rng.choice(TARGETS)} in {place}"
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            killed, injured = rng.randint(1, 60), rng.randint(0, 150)
            sentence = (
                f"{rng.choice(ATTACKERS).capitalize()} {rng.choice(ACTIONS)} {rng.choice(TARGETS)} in "
                f"{rng.choice(PLACES)} {rng.choice(DAYS)}, killing {killed} people and wounding {injured}, "
                f"{rng.choice(SOURCES)} said. "
                f"The {rng.choice(FILLER)} near the {rng.choice(FILLER)} and the {rng.choice(FILLER)} "
                f"were damaged, and the {rng.choice(FILLER)} stayed closed."
            )
            sentences.append(sentence)
        sentences.append(rng.choice(COMMENTS))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"
