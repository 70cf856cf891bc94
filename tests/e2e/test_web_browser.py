"""The dashboard in a real browser: search, an article's highlights, filters, charts.

Runs against `waqai serve` over the demo corpus (see ``dashboard_url``); every
page must load without console errors, so a script blocked by the CSP fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = pytest.importorskip(
    "playwright.sync_api", reason="playwright is missing (dev extra)"
).expect

INK = """(sel) => {
  const canvas = document.querySelector(sel);
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
  return n;
}"""


def test_web_browser_search_and_open_article(browser_page: Page, screenshot_dir: Path) -> None:
    page = browser_page
    page.goto("/")
    page.get_by_role("searchbox").fill("ألماتي")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(
        "/?q=%D8%A3%D9%84%D9%85%D8%A7%D8%AA%D9%8A&source=&country=&type=&since=&until="
    )
    hits = page.locator(".article-item")
    expect(hits.first).to_be_visible()
    assert hits.count() >= 3
    page.get_by_role("link", name="بدء الانسحاب", exact=True).click()
    trigger = page.locator('mark.hl-trigger[data-refs~="ev-e1"]')
    expect(trigger).to_have_text("سحب")
    expect(trigger).to_have_attribute(
        "title",
        "RETREAT/withdraw: منظمة معاهدة الأمن الجماعي (csto, IGO) → كازاخستان (kz, KAZ) · 2022-01-13 · KZ",
    )
    colour = trigger.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 214, 209)"
    trigger.focus()  # keyboard users see the tooltip too
    shown = trigger.evaluate("el => getComputedStyle(el, '::after').content")
    assert "RETREAT/withdraw" in shown
    expect(page.locator(".article-text")).to_have_attribute("dir", "rtl")
    expect(page.locator("#event-e1")).to_contain_text("RETREAT")


def test_web_browser_article_of_the_demo_corpus(browser_page: Page, screenshot_dir: Path) -> None:
    page = browser_page
    page.goto("/?q=" + "توكاييف")
    page.locator(".article-item a.title").first.click()
    expect(page.locator(".article-text")).to_be_visible()
    marks = page.locator(".article-text mark")
    assert marks.count() > 0  # the demo articles carry entities and dates from the pipeline
    page.screenshot(path=str(screenshot_dir / "article.png"), full_page=False)


def test_web_browser_filter_events(browser_page: Page, screenshot_dir: Path) -> None:
    page = browser_page
    page.goto("/events")
    page.locator("input[name=country]").fill("KZ")
    page.locator("select[name=type]").select_option("RETREAT")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tr.event-row")
    expect(rows.first).to_be_visible()
    types = rows.evaluate_all("rs => rs.map(r => r.dataset.type + '/' + r.dataset.country)")
    assert types and set(types) == {"RETREAT/KZ"}
    assert "country=KZ" in page.url and "type=RETREAT" in page.url
    page.screenshot(path=str(screenshot_dir / "events.png"), full_page=False)


def test_web_browser_timeline_chart(browser_page: Page, screenshot_dir: Path) -> None:
    page = browser_page
    page.goto("/timeline?country=KZ")
    expect(page.locator("#timeline-chart")).to_have_attribute("data-rendered", "true")
    assert page.evaluate(INK, "#timeline-chart") > 500
    assert page.locator("ol.timeline > li").count() >= 3
    page.screenshot(path=str(screenshot_dir / "timeline.png"), full_page=False)


def test_web_browser_actor_network(browser_page: Page, screenshot_dir: Path) -> None:
    page = browser_page
    page.goto("/actors?country=KZ")
    expect(page.locator("#network")).to_have_attribute("data-rendered", "true")
    page.wait_for_timeout(300)
    assert page.evaluate(INK, "#network canvas:last-of-type") > 200
    page.screenshot(path=str(screenshot_dir / "actors.png"), full_page=False)


def test_web_browser_swagger_ui_offline(browser_page: Page) -> None:
    page = browser_page
    page.goto("/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() == 9
