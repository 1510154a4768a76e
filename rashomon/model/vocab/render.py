"""Model: the vocabulary as one JSON document (for the web UI) and as a Markdown reference page.

Consumes a `Vocabulary`; produces plain dicts (`vocabulary_to_dict`) and Markdown text
(`render_markdown`). Both are deterministic (file order, no timestamps), so a test can
compare the committed `docs/vocabulary.md` with a fresh rendering and fail when it is stale.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from rashomon.model.vocab.entries import ActorEntry, CodedTypeEntry, EventTypeEntry
from rashomon.model.vocab.vocabulary import Section, Vocabulary

FORMAT_VERSION = 1


def _entry_dict(entry: Any) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in dataclasses.asdict(entry).items()}


def vocabulary_to_dict(vocabulary: Vocabulary) -> dict[str, Any]:
    """Every vocabulary as JSON-ready lists of dicts, keyed by section name."""
    sections: dict[str, Section[Any]] = {
        "actor_kinds": vocabulary.actor_kinds,
        "event_types": vocabulary.event_types,
        "attack_types": vocabulary.attack_types,
        "weapon_types": vocabulary.weapon_types,
        "target_types": vocabulary.target_types,
        "figure_kinds": vocabulary.figure_kinds,
        "claim_statuses": vocabulary.claim_statuses,
        "source_kinds": vocabulary.source_kinds,
    }
    data: dict[str, Any] = {"format_version": FORMAT_VERSION}
    data.update({name: [_entry_dict(entry) for entry in section] for name, section in sections.items()})
    data["actors"] = [_entry_dict(actor) for actor in vocabulary.actors]
    return data


def _cell(value: object) -> str:
    if value is None or value == () or value == "":
        return ""
    if isinstance(value, tuple):
        value = ", ".join(str(item) for item in value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def _event_type_lines(vocabulary: Vocabulary) -> list[str]:
    children: dict[str | None, list[EventTypeEntry]] = {}
    for entry in vocabulary.event_types:
        children.setdefault(entry.parent, []).append(entry)
    lines: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for entry in children.get(parent, []):
            maps = [
                f"GTD: {entry.gtd_attacktype}" if entry.gtd_attacktype else "",
                f"ACLED: {entry.acled_event_type} / {entry.acled_sub_event_type or '-'}"
                if entry.acled_event_type
                else "",
                f"PLOVER: {entry.plover_event}" + (f" ({entry.plover_mode})" if entry.plover_mode else "")
                if entry.plover_event
                else "",
                f"STIX: {entry.stix_type}" if entry.stix_type else "",
            ]
            mapped = "; ".join(part for part in maps if part)
            flag = " *(abstract)*" if entry.abstract else ""
            lines.append(f"{'  ' * depth}- **{entry.label}** (`{entry.id}`){flag}: {entry.description}")
            if mapped:
                lines.append(f"{'  ' * (depth + 1)}- maps to {mapped}")
            if entry.cues:
                lines.append(f"{'  ' * (depth + 1)}- cues: {', '.join(entry.cues)}")
            walk(entry.id, depth + 1)

    walk(None, 0)
    return [*lines, ""]


def _coded_lines(title: str, section: Section[CodedTypeEntry]) -> list[str]:
    rows: list[list[object]] = [
        [entry.gtd_code, entry.label, f"`{entry.id}`", entry.description, entry.cues] for entry in section
    ]
    return [f"## {title}", "", *_table(["GTD", "Label", "Id", "Description", "Cues"], rows)]


def _actor_rows(vocabulary: Vocabulary, actors: list[ActorEntry]) -> list[list[object]]:
    rows: list[list[object]] = []
    for actor in actors:
        outside = "; ".join(
            part
            for part in (
                f"GTD: {actor.gtd_name}" if actor.gtd_name else "",
                f"ACLED: {actor.acled_name}" if actor.acled_name else "",
            )
            if part
        )
        ambiguous = f" (needs context: {', '.join(actor.ambiguous_aliases)})" if actor.ambiguous_aliases else ""
        rows.append(
            [f"`{actor.id}`", actor.name, actor.parent, actor.countries, _cell(actor.aliases) + ambiguous, outside]
        )
    return rows


def render_markdown(vocabulary: Vocabulary) -> str:
    """The reference page `docs/vocabulary.md`, generated from the YAML files."""
    counts = Counter(actor.kind for actor in vocabulary.actors)
    alias_total = sum(len(actor.aliases) + len(actor.ambiguous_aliases) for actor in vocabulary.actors)
    lines = [
        "# Vocabulary reference",
        "",
        "<!-- Generated from rashomon/model/data/*.yaml by `rashomon vocab docs`; do not edit by hand. -->",
        "",
        "Every list below is a data file under `rashomon/model/data/`, loaded and checked by",
        "`rashomon.model.vocab`. Run `rashomon vocab check` after editing one, then regenerate this page.",
        "",
        f"{len(vocabulary.actors)} actors with {alias_total} aliases; "
        + ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        + ".",
        "",
        "## Actor kinds",
        "",
        *_table(
            ["Id", "Label", "Can perpetrate", "ACLED inter", "STIX", "Description"],
            [
                [
                    f"`{kind.id}`",
                    kind.label,
                    "yes" if kind.can_perpetrate else "no",
                    kind.acled_inter,
                    kind.stix_type,
                    kind.description,
                ]
                for kind in vocabulary.actor_kinds
            ],
        ),
        "## Event types",
        "",
        "The roots are the event kinds every account has; the rest refine them.",
        "",
        *_event_type_lines(vocabulary),
        *_coded_lines("Attack types (GTD)", vocabulary.attack_types),
        *_coded_lines("Weapon types (GTD)", vocabulary.weapon_types),
        *_coded_lines("Target types (GTD)", vocabulary.target_types),
        "## Figure kinds",
        "",
        *_table(
            ["Id", "Label", "Unit", "GTD", "ACLED", "UCDP", "Description"],
            [
                [
                    f"`{kind.id}`",
                    kind.label,
                    kind.unit,
                    kind.gtd_field,
                    kind.acled_field,
                    kind.ucdp_field,
                    kind.description,
                ]
                for kind in vocabulary.figure_kinds
            ],
        ),
        "## Claim statuses",
        "",
        *_table(
            ["Id", "Label", "Description", "Cues"],
            [[f"`{entry.id}`", entry.label, entry.description, entry.cues] for entry in vocabulary.claim_statuses],
        ),
        "## Source kinds",
        "",
        *_table(
            ["Id", "Label", "Description", "Cues"],
            [[f"`{entry.id}`", entry.label, entry.description, entry.cues] for entry in vocabulary.source_kinds],
        ),
        "## Actors",
        "",
    ]
    for kind in vocabulary.actor_kinds:
        actors = sorted(vocabulary.actors_of_kind(kind.id), key=lambda actor: actor.name.casefold())
        if not actors:
            continue
        lines += [f"### {kind.label} ({len(actors)})", ""]
        lines += _table(
            ["Id", "Name", "Parent", "Countries", "Aliases", "Dataset names"], _actor_rows(vocabulary, actors)
        )
    return "\n".join(lines).rstrip("\n") + "\n"
