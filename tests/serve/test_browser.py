"""The web app in a real headless Chromium, served by the real `rashomon serve` on a free port.

Screenshots of every page go to a temporary folder and, for people to look at, to
`screenshots/` at the top of the working tree (git-ignored). Skipped without /usr/bin/chromium.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.serve.conftest import TOKEN, copy_db

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="playwright is not installed"),
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS_COPY = Path(__file__).resolve().parents[2] / "screenshots"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(pipeline_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`rashomon serve` in its own process over a copy of the pipeline store, write actions on."""
    db = copy_db(pipeline_db, tmp_path_factory.mktemp("served") / "served.db")
    port = _free_port()
    env = {**os.environ, "RASHOMON_TOKEN": TOKEN}
    command = [sys.executable, "-m", "rashomon", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                raise AssertionError(f"rashomon serve exited early:\n{output}")
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("rashomon serve did not answer within 90 s")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every console error, CSP report and dialog it raised."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert watched.dialogs == [], "a report's markup ran as script"


def _shot(page: Watched, shots: Path, name: str) -> None:
    path = shots / f"{name}.png"
    page.page.screenshot(path=str(path), full_page=True)
    SHOTS_COPY.mkdir(exist_ok=True)
    shutil.copyfile(path, SHOTS_COPY / path.name)


def _mosul_id(server: str) -> str:
    items = httpx.get(f"{server}/api/events", params={"q": "mosul"}).json()["items"]
    return str(max(items, key=lambda item: int(item["documents"]))["id"])


def test_browser_every_page_loads_without_errors(server: str, page: Watched, shots: Path) -> None:
    event_id = _mosul_id(server)
    pages = {
        "home": "/",
        "events": "/events",
        "event": f"/events/{event_id}",
        "documents": "/documents",
        "document": "/documents/serve-mosul-2",
        "document-xss": "/documents/serve-xss-1",
        "timeline": "/timeline",
        "map": "/map",
        "actors": "/actors",
        "actor": "/actors/islamic-state",
        "conflicts": "/conflicts",
        "api": "/api",
    }
    for name, url in pages.items():
        response = page.page.goto(server + url)
        assert response is not None and response.status == 200, url
        assert page.page.locator("h1").count() == 1, url
        _shot(page, shots, name)
    assert page.errors == [], "console errors (a CSP violation shows up here too)"
    assert len(list(shots.glob("*.png"))) == len(pages)


def test_browser_filter_the_event_list(server: str, page: Watched, shots: Path) -> None:
    page.page.goto(f"{server}/events")
    everything = page.page.locator("table.events tbody tr").count()
    page.page.fill("#f-q", "mosul")
    page.page.select_option("#f-country", "IQ")
    page.page.click("form.filters button[type=submit]")
    page.page.wait_for_url("**/events?*q=mosul*")
    rows = page.page.locator("table.events tbody tr")
    assert 1 <= rows.count() < everything
    assert "Mosul" in rows.first.inner_text()
    assert page.page.input_value("#f-q") == "mosul"
    _shot(page, shots, "events-filtered")
    rows.first.locator("a").first.click()
    page.page.wait_for_url("**/events/ev-*")
    assert page.page.locator("#headlines-h").is_visible()


def test_browser_event_evidence_is_highlighted(server: str, page: Watched, shots: Path) -> None:
    page.page.goto(f"{server}/events/{_mosul_id(server)}")
    marks = page.page.locator(".doc-text mark.hl-killed")
    assert marks.count() >= 2
    assert {"14", "19"} <= {"".join(ch for ch in text if ch.isdigit()) for text in marks.all_inner_texts()}
    sentence = page.page.locator(".doc-text .evidence-sentence").first
    assert sentence.is_visible()
    colour = sentence.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the stylesheet did not load"
    # Following a claim's link marks its words in the text (app.js ran under the CSP).
    page.page.locator("table.claims a[href^='#claim-']").first.click()
    page.page.wait_for_selector(".doc-text mark.current")
    assert page.page.locator(".doc-text mark.current").count() >= 1
    assert page.page.locator("svg.evolution").first.is_visible()
    assert page.page.locator("table.conflicts tbody tr").count() >= 1
    _shot(page, shots, "event-evidence")
    # The rule menu applies as soon as it changes.
    page.page.select_option("#rule", "gtd")
    page.page.wait_for_url("**rule=gtd*")
    assert "rule gtd" in page.page.locator("#headline-killed").inner_text()
    assert page.errors == []


def test_browser_hostile_report_renders_as_text(server: str, page: Watched, shots: Path) -> None:
    page.page.goto(f"{server}/documents/serve-xss-1")
    title = page.page.locator("h1").inner_text()
    assert "<script>alert(1)</script>" in title and "<img src=x onerror=alert(1)>" in title
    assert "<script>alert(1)</script>" in page.page.locator(".doc-text").inner_text()
    assert page.page.locator("main img").count() == 0
    assert page.page.locator("main script").count() == 0
    _shot(page, shots, "document-xss-text")


def test_browser_add_a_note_with_the_token(server: str, page: Watched, shots: Path) -> None:
    event_id = _mosul_id(server)
    page.page.goto(f"{server}/events/{event_id}")
    page.page.fill("#n-analyst", "browser test")
    page.page.fill("#n-text", "checked against the hospital list")
    page.page.fill("#n-token", "not-the-token")
    page.page.click("form.write button:has-text('Add note')")
    assert page.page.locator("h1").inner_text() == "Error 401"
    page.page.go_back()
    page.page.fill("#n-analyst", "browser test")
    page.page.fill("#n-text", "checked against the hospital list")
    page.page.fill("#n-token", TOKEN)
    page.page.click("form.write button:has-text('Add note')")
    page.page.wait_for_url("**done=note*")
    assert "checked against the hospital list" in page.page.locator("ul.notes").inner_text()
    _shot(page, shots, "event-note")
