"""The web UI in a real headless Chromium (Debian's, driven by Playwright) against a live
server on 127.0.0.1: search, entity page and quote, story highlight, network, timeline,
map, review that survives a re-ingest, and a hostile story that stays inert. Every page
is watched: no request may leave the machine, no dialog open, no CSP violation occur."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.browser import CHROMIUM, LAUNCH_ARGS, Watch, watch
from tests.web.conftest import REPO, LiveServer, app_over, sqlite_url

from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(), reason="/usr/bin/chromium is absent (apt-get install chromium; .ci/run does)"
)
playwright_api = pytest.importorskip("playwright.sync_api")

DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = Path(os.environ.get("THREADLINE_TEST_ARTIFACTS", REPO / "build" / "test-artifacts")) / "web"
KINANI = "Hamid Sabri al-Kinani"
NAHRAWAN = "Harakat Rijal al-Nahrawan"


def add_documents(path: Path, *files: Path) -> None:
    """Ingest more files into a store, as `threadline ingest` does: the derived layer is
    recomputed, with every stored judgement applied again."""
    store = Store(sqlite_url(path))
    report = ingest([str(f) for f in files], store, Settings(db_url=sqlite_url(path)))
    store.close()
    assert not report.failed, report.errors


@pytest.fixture(scope="module")
def browser_db(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples and a hostile story (script tag, onerror attribute, javascript: link)."""
    path = tmp_path_factory.mktemp("browser") / "browser.db"
    shutil.copy(examples_db, path)
    add_documents(path, DATA / "hostile_story.txt")
    return path


@pytest.fixture(scope="module")
def server(browser_db: Path) -> Iterator[LiveServer]:
    with LiveServer(app_over(browser_db)) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, Watch]]:
    """A fresh page; after the test, no request may have left the machine, no dialog opened,
    no script error or CSP violation happened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    seen = watch(opened)
    yield opened, seen
    context.close()
    assert seen.requests, "the page made no request at all"
    assert seen.off_machine() == []
    assert seen.dialogs == []
    assert seen.csp_violations == []
    assert seen.page_errors == []


def screenshot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)  # type: ignore[attr-defined]


def entity_url(server: LiveServer, page: object, name: str) -> str:
    found = page.request.get(f"{server.url}/api/entities", params={"q": name}).json()  # type: ignore[attr-defined]
    return f"{server.url}/entity/{found['entities'][0]['id']}"


def test_search_then_entity_page_then_quote_in_its_story(server: LiveServer, page: tuple) -> None:
    tab, _ = page
    tab.goto(server.url)
    tab.fill("#q", "kinani")
    tab.press("#q", "Enter")
    tab.get_by_role("link", name=KINANI).first.click()
    tab.wait_for_url("**/entity/**")
    relation = tab.locator(".relation", has_text="designated by").first
    assert "independent source" in relation.locator(".corroboration").inner_text()
    assert relation.locator(".hedge").inner_text()
    quote = relation.locator(".quote-link").first
    quoted = quote.inner_text().strip("“”")
    assert KINANI in quoted or "Kinani" in quoted
    screenshot(tab, "entity.png")
    quote.click()
    tab.wait_for_url("**/story/**")
    assert tab.locator("mark#evidence").inner_text() == quoted
    removed = tab.locator("details.removed")
    if removed.count():
        assert removed.get_attribute("open") is None  # boilerplate stays hidden until asked for


# The node farthest from every other (not the centre), and where it is drawn.
LONELIEST_NODE = """() => {
  const nodes = window.threadlineGraph.nodes();
  const gap = (n) => Math.min(...nodes.filter((m) => m !== n).map((m) => {
    const a = n.renderedPosition(), b = m.renderedPosition();
    return Math.hypot(a.x - b.x, a.y - b.y);
  }));
  const far = nodes.filter((n) => !n.hasClass("center")).sort((a, b) => gap(b) - gap(a))[0];
  const p = far.renderedPosition();
  return {x: p.x, y: p.y, id: far.id()};
}"""


def test_network_draws_and_a_node_opens_its_page(server: LiveServer, page: tuple) -> None:
    tab, _ = page
    tab.goto(entity_url(server, tab, NAHRAWAN).replace("/entity/", "/network?depth=2&entity="))
    tab.wait_for_selector("body[data-graph-ready=yes]")
    assert tab.locator("select[name=depth]").input_value() == "2"
    assert tab.locator("#legend .key").count() >= 2
    screenshot(tab, "network.png")
    box = tab.locator("#graph").bounding_box()
    edge = tab.evaluate(
        "() => { const e = window.threadlineGraph.edges()[0]; const p = e.renderedMidpoint();"
        " return {x: p.x, y: p.y, id: e.id()}; }"
    )
    tab.mouse.click(box["x"] + edge["x"], box["y"] + edge["y"])
    tab.wait_for_selector("#edge-evidence:not([hidden])")
    assert tab.locator("#edge-title").inner_text()
    tab.wait_for_selector("#edge-link[href^='/story/']")  # the evidence: its quote in its story
    tab.wait_for_timeout(400)  # let the renderer settle after the tap before the next one
    node = tab.evaluate(LONELIEST_NODE)  # no other node's label lies over it
    box = tab.locator("#graph").bounding_box()  # where the graph is now, the panel open
    tab.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    tab.wait_for_url("**/entity/**")
    assert tab.url.endswith(f"/entity/{node['id']}")


def test_timeline_renders_dated_events(server: LiveServer, page: tuple) -> None:
    tab, _ = page
    tab.goto(f"{server.url}/timeline")
    tab.wait_for_selector("body[data-timeline-ready=yes]")
    assert tab.locator(".vis-timeline .vis-item").count() > 0


def test_map_renders_offline_basemap_and_markers(server: LiveServer, page: tuple) -> None:
    tab, seen = page
    tab.goto(f"{server.url}/map")
    tab.wait_for_selector("body[data-map-ready=yes]")
    assert tab.locator(".leaflet-overlay-pane path").count() > 100  # countries and markers
    assert tab.locator("path.marker").count() > 0
    assert tab.locator("path.precision-1").count() > 0
    assert any(url.endswith("/vendor/countries-110m.json") for url in seen.requests)
    screenshot(tab, "map.png")


def test_a_hostile_story_renders_inert(server: LiveServer, page: tuple) -> None:
    tab, _ = page
    tab.goto(f"{server.url}/?q=hostile+payload")
    tab.locator(".hit a").first.click()
    tab.wait_for_url("**/story/**")
    text = tab.locator(".story-text").inner_text()
    assert "<script>" in text and "onerror=" in text and "javascript:" in text  # shown as text
    assert tab.locator(".story-text script, .story-text img, .story-text a").count() == 0
    assert tab.evaluate("() => window.__pwned") is None
    for url in (f"{server.url}/?q=onerror", entity_url(server, tab, NAHRAWAN)):
        tab.goto(url)
        assert tab.evaluate("() => window.__pwned") is None
        assert tab.locator("a[href^='javascript:']").count() == 0


def test_review_is_shown_at_once_and_kept_after_reingest(
    examples_db: Path, tmp_path: Path, page: tuple
) -> None:
    path = tmp_path / "review.db"
    shutil.copy(examples_db, path)
    tab, _ = page
    with LiveServer(app_over(path)) as live:
        tab.goto(entity_url(live, tab, KINANI))
        fact = tab.locator(".relation", has_text="designated by").first
        fact_id = fact.get_attribute("id")
        fact.get_by_role("button", name="Reject").click()
        tab.wait_for_selector(f"[id='{fact_id}'] .verdict-reject")
        tab.fill("form[data-action=rename] input[name=name]", "Abu Sabri")
        tab.click("form[data-action=rename] button")
        tab.wait_for_selector("h1 .entity-name:text('Abu Sabri')", timeout=60_000)
        add_documents(path, DATA / "later_story.txt")
        tab.reload()
        assert tab.locator("h1 .entity-name").inner_text() == "Abu Sabri"
        assert tab.locator(f"[id='{fact_id}'] .verdict-reject").count() == 1
        tab.goto(f"{live.url}/review")
        assert tab.locator("table.judgements tbody tr").count() == 2
