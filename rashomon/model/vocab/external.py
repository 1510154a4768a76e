"""Model: the outside code lists our vocabularies map to (GTD, ACLED, PLOVER, STIX).

These are fixed by the datasets' codebooks, not by us, so they live in code and the loader
checks the YAML mappings against them: a typo in `acled_sub_event_type` fails `vocab check`
instead of producing an export no ACLED user can read.
"""

from __future__ import annotations

from types import MappingProxyType

# GTD codebook: attacktype1, weaptype1 and targtype1 codes and their exact `_txt` labels.
GTD_ATTACK_TYPES = MappingProxyType(
    {
        1: "Assassination",
        2: "Armed Assault",
        3: "Bombing/Explosion",
        4: "Hijacking",
        5: "Hostage Taking (Barricade Incident)",
        6: "Hostage Taking (Kidnapping)",
        7: "Facility/Infrastructure Attack",
        8: "Unarmed Assault",
        9: "Unknown",
    }
)

GTD_WEAPON_TYPES = MappingProxyType(
    {
        1: "Biological",
        2: "Chemical",
        3: "Radiological",
        4: "Nuclear",
        5: "Firearms",
        6: "Explosives",
        7: "Fake Weapons",
        8: "Incendiary",
        9: "Melee",
        10: "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
        11: "Sabotage Equipment",
        12: "Other",
        13: "Unknown",
    }
)

GTD_TARGET_TYPES = MappingProxyType(
    {
        1: "Business",
        2: "Government (General)",
        3: "Police",
        4: "Military",
        5: "Abortion Related",
        6: "Airports & Aircraft",
        7: "Government (Diplomatic)",
        8: "Educational Institution",
        9: "Food or Water Supply",
        10: "Journalists & Media",
        11: "Maritime",
        12: "NGO",
        13: "Other",
        14: "Private Citizens & Property",
        15: "Religious Figures/Institutions",
        16: "Telecommunication",
        17: "Terrorists/Non-State Militia",
        18: "Tourists",
        19: "Transportation",
        20: "Unknown",
        21: "Utilities",
        22: "Violent Political Party",
    }
)

# ACLED codebook (2023/2024): 6 event types and their 25 sub-event types.
ACLED_EVENT_TYPES = MappingProxyType(
    {
        "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
        "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
        "Riots": ("Violent demonstration", "Mob violence"),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)

# ACLED "inter" actor types.
ACLED_INTER_CODES = MappingProxyType(
    {
        1: "State forces",
        2: "Rebel groups",
        3: "Political militias",
        4: "Identity militias",
        5: "Rioters",
        6: "Protesters",
        7: "Civilians",
        8: "External/Other forces",
    }
)

# PLOVER event categories and their modes. The manual (v0.7b) and NGEC's shipped classifiers
# differ slightly; both sets of modes are accepted so either kind of export reads back.
PLOVER_MODES = MappingProxyType(
    {
        "AGREE": (),
        "CONSULT": ("visit", "third-party", "multilateral", "phone"),
        "SUPPORT": (),
        "CONCEDE": (),
        "COOPERATE": (),
        "AID": ("economic", "military", "humanitarian", "asylum"),
        "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
        "REQUEST": (),
        "DEMAND": ("assist", "change", "yield", "meet"),
        "ACCUSE": (),
        "REJECT": ("assist", "change", "yield", "meet"),
        "THREATEN": ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence"),
        "PROTEST": ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"),
        "SANCTION": ("convict", "cancel", "expel", "withdraw", "sever"),
        "MOBILIZE": ("troops", "weapons", "police", "militia"),
        "COERCE": (
            "confiscate",
            "restrict",
            "ban",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "seize",
            "cyber",
        ),
        "ASSAULT": (
            "abduct",
            "beat",
            "torture",
            "execute",
            "sexual",
            "assassinate",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "heavy-weapons",
            "aerial",
            "drone",
            "unconventional",
            "crowd-control",
        ),
    }
)

# STIX 2.1 domain and relationship objects we may export to.
STIX_TYPES = frozenset(
    {
        "attack-pattern",
        "campaign",
        "grouping",
        "identity",
        "incident",
        "indicator",
        "intrusion-set",
        "location",
        "note",
        "observed-data",
        "opinion",
        "report",
        "threat-actor",
        "tool",
        "relationship",
        "sighting",
    }
)

STIX_THREAT_ACTOR_TYPES = frozenset(
    {
        "activist",
        "competitor",
        "crime-syndicate",
        "criminal",
        "hacker",
        "insider-accidental",
        "insider-disgruntled",
        "nation-state",
        "sensationalist",
        "spy",
        "terrorist",
        "unknown",
    }
)

# Country codes in common use that ISO 3166-1 has not (yet) assigned.
EXTRA_COUNTRY_CODES = MappingProxyType({"XK": "Kosovo"})
