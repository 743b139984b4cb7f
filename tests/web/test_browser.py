"""The pages in real Chromium (Debian's /usr/bin/chromium) via Playwright: load each page, use a
filter, click map → event → article, no console errors, nothing from an article executes;
screenshots at desktop and phone widths go to build/screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Page:
    """A page that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, size: str) -> None:
        width, height = SIZES[size]
        self.size = size
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}-{self.size}.png"), full_page=True)


@pytest.mark.parametrize("size", list(SIZES))
def test_map_event_article_journey(browser: Any, base_url: str, size: str) -> None:
    p = Page(browser, size)
    page = p.page
    page.goto(base_url + "/")
    page.wait_for_selector("#map[data-loaded]")
    page.wait_for_selector("#timeline rect")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")  # country outlines
    p.shot("map")
    # a filter: only claimed events
    page.select_option("#f-status", "claimed")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#event-list .status')].length > 0 && "
        "[...document.querySelectorAll('#event-list .status')]"
        ".every(e => e.textContent === 'claimed')"
    )
    # map → event: zoom into clusters until a single event's marker shows, then open it
    cells = httpx.get(base_url + "/map/cells", params={"zoom": 12}).json()["cells"]
    one = next(c for c in cells if c["event_id"])
    page.goto(base_url + f"/?center={one['lat']},{one['lon']}&zoom=12")
    page.wait_for_selector("#map[data-loaded]")
    single = page.locator(".leaflet-marker-icon[data-event]").first
    single.wait_for()
    single.click()
    page.locator(".leaflet-popup a.event-link").click()
    page.wait_for_selector("#event")
    assert page.locator("mark.sentence").count() >= 1
    p.shot("event")
    page.locator("a.article-link").first.click()
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text .hl.event").count() >= 1
    p.shot("article")
    page.goto(base_url + "/claims")
    page.wait_for_selector("#claims")
    p.shot("claims")
    assert not p.errors, p.errors
    page.close()


def test_hostile_article_does_not_execute(browser: Any, base_url: str) -> None:
    p = Page(browser, "desktop")
    page = p.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + "/sources")
    page.locator("a", has_text="<script>").first.click()
    page.wait_for_selector("#article-text")
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    for a in page.locator("#article-text a").all()[:5]:
        a.click()
        page.go_back()
    assert page.evaluate("() => window.__pwned") is None
    assert not dialogs
    assert "<script>" in page.locator("#article-text").inner_text()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1280 + 20  # the 5,000-character line wraps
    p.shot("hostile")
    assert not p.errors, p.errors
    page.close()
