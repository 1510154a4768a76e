"""Expanding paths into inputs and reading their bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rashomon.errors import EmptyInput, IngestError, TooLarge, UnsupportedInput
from rashomon.ingest.sources import STDIN, expand, read_source


def write(path: Path, text: str = "Some report text.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_expand_walks_folders_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/z.html", "sub/a.json", ".hidden.txt", ".git/config.txt", "notes.docx"):
        write(tmp_path / name)
    expansion = expand([tmp_path])
    relative = [Path(source.label).relative_to(tmp_path).as_posix() for source in expansion.sources]
    assert relative == ["a.md", "b.txt", "sub/a.json", "sub/z.html"]
    assert [Path(item).name for item in expansion.ignored] == ["notes.docx"]


def test_sources_expand_takes_each_file_once(tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt")
    expansion = expand([report, tmp_path, str(report), "-", "-"])
    assert [source.label for source in expansion.sources] == [str(report), STDIN]


def test_sources_expand_names_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "others" / "image.png")
    expansion = expand([tmp_path / "missing.txt", tmp_path / "empty", tmp_path / "others"])
    problems = [source.problem for source in expansion.sources]
    assert problems[0] is not None and problems[0].reason == "no such file or directory"
    assert isinstance(problems[1], EmptyInput) and "no supported files" in problems[1].reason
    assert isinstance(problems[2], UnsupportedInput) and "1 other files ignored" in problems[2].reason


def test_sources_explicit_file_of_any_name_is_tried(tmp_path: Path) -> None:
    odd = write(tmp_path / "README")
    [source] = expand([odd]).sources
    raw = read_source(source, max_bytes=1000)
    assert raw.stem == "README" and raw.extension == "" and raw.data == b"Some report text."


def test_sources_read_source_enforces_size_limit(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "x" * 5000)
    [source] = expand([big]).sources
    with pytest.raises(TooLarge, match="over the size limit"):
        read_source(source, max_bytes=4999)
    assert len(read_source(source, max_bytes=5000).data) == 5000


def test_sources_read_source_refuses_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    [source] = expand([empty]).sources
    with pytest.raises(EmptyInput, match="empty file"):
        read_source(source, max_bytes=1000)


def test_sources_read_source_reports_unreadable_paths(tmp_path: Path) -> None:
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    [source] = expand([dangling]).sources
    with pytest.raises(IngestError, match="no such file or directory"):
        read_source(source, max_bytes=1000)


def test_sources_read_stdin_with_limit() -> None:
    [source] = expand(["-"]).sources
    raw = read_source(source, max_bytes=100, stdin=io.BytesIO(b"Text from a pipe."))
    assert raw.source == "-" and raw.stem == "stdin" and raw.data == b"Text from a pipe."
    with pytest.raises(TooLarge):
        read_source(source, max_bytes=3, stdin=io.BytesIO(b"Too long"))
    with pytest.raises(EmptyInput, match="standard input"):
        read_source(source, max_bytes=3, stdin=io.BytesIO(b""))
