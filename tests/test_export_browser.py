"""The graph page and the cytoscape.js export in headless Chromium (Debian's `chromium` + `chromium-driver`,
see scripts/setup-browser.sh), against a live `kg serve` on the seed. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from servers import CHROMEDRIVER, CHROMIUM, headless_chromium

from kg.serve.launch import running_server
from kg.serve.ui import VENDOR
from kg.store import GraphStore

ARTIFACTS = Path(__file__).parent / "artifacts"
AUSTIN = "https://w3id.org/kg-news/id/person/lloyd-austin"
BELOUSSOW = "https://w3id.org/kg-news/id/person/andrej-beloussow"
pytestmark = [
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="run scripts/setup-browser.sh"),
    pytest.mark.skipif(not (VENDOR / "cytoscape" / "cytoscape.min.js").is_file(), reason="run kg/web/build.sh"),
]


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory, seed_extraction) -> Path:
    folder = tmp_path_factory.mktemp("graph-page")
    store = GraphStore.open(folder / "store")
    store.put_extraction(seed_extraction)
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def counts(seed_dir: Path) -> dict[str, list[int]]:
    """(nodes, edges) of each view as networkx has them, read before the server starts."""
    from kg.export import build_view, project

    store = GraphStore.open(seed_dir / "store", read_only=True)
    graphs = {view: build_view(project(store), view) for view in ("actors", "events")}
    del store
    return {view: [graph.number_of_nodes(), graph.number_of_edges()] for view, graph in graphs.items()}


@pytest.fixture(scope="module")
def base(seed_dir: Path, counts: dict[str, list[int]]) -> str:
    with running_server(seed_dir / "store", "--quiet", log=seed_dir / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium()
    yield driver
    driver.quit()


def _open_graph_page(browser, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 30).until(lambda driver: driver.execute_script("return !!(window.kgGraph && kgGraph.ready)"))
    assert browser.execute_script("return kgGraph.error") is None


def test_graph_page_shows_the_call_and_its_evidence(base: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    ARTIFACTS.mkdir(exist_ok=True)
    _open_graph_page(browser, base + "/graph")
    labels = browser.execute_script("return kgGraph.cy.nodes().map(n => n.data('label'))")
    assert {"Lloyd Austin", "Andrej Beloussow", "USA", "Russland"} <= set(labels)
    call = browser.execute_script(
        "const e = kgGraph.cy.edges().filter(e => e.source().id() === arguments[0] && e.target().id() === arguments[1]"
        " && e.data('event_type') === 'CONSULT'); return e.length ? e[0].id() : null;", AUSTIN, BELOUSSOW)
    assert call, "no Austin -> Beloussow call edge on the page"
    rendered = browser.execute_script(
        "const e = kgGraph.cy.getElementById(arguments[0]); const box = e.renderedBoundingBox();"
        " return e.visible() && box.w > 0;", call)
    assert rendered
    dots = browser.find_elements(By.CSS_SELECTOR, "#kg-timeline circle.kg-timeline-event")
    assert len(dots) == len(browser.execute_script("return kgGraph.events"))
    browser.save_screenshot(str(ARTIFACTS / "graph-page.png"))

    browser.execute_script("kgGraph.cy.getElementById(arguments[0]).select().emit('tap');", call)
    details = browser.find_element(By.ID, "kg-details")
    WebDriverWait(browser, 10).until(lambda driver: "CONSULT" in details.text)
    assert "US-Verteidigungsminister Lloyd Austin hat" in details.text
    assert "Lloyd Austin – Andrej Beloussow" in details.text
    browser.save_screenshot(str(ARTIFACTS / "graph-page-call.png"))


def test_filters_narrow_the_network_and_bad_ones_are_shown(base: str, browser) -> None:
    _open_graph_page(browser, base + "/graph?type=THREATEN&type=ACCUSE")
    labels = set(browser.execute_script("return kgGraph.cy.nodes().map(n => n.data('label'))"))
    assert labels == {"Dmitri Peskow", "USA", "Russland"}
    _open_graph_page(browser, base + "/graph?actor=Lloyd%20Austin")
    assert {"Lloyd Austin", "Andrej Beloussow"} <= set(browser.execute_script(
        "return kgGraph.cy.nodes().map(n => n.data('label'))"))
    assert "USA" not in browser.execute_script("return kgGraph.cy.nodes().map(n => n.data('label'))")

    browser.get(base + "/graph?since=soon")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda driver: driver.execute_script("return !!(window.kgGraph && kgGraph.ready)"))
    assert "not a date" in browser.execute_script("return kgGraph.error")


def test_node_click_opens_the_entity_page(base: str, browser) -> None:
    _open_graph_page(browser, base + "/graph")
    browser.execute_script("kgGraph.cy.getElementById(arguments[0]).emit('tap');", AUSTIN)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda driver: "/entity" in driver.current_url)
    assert "Lloyd Austin" in browser.find_element("tag name", "h1").text


@pytest.mark.parametrize("view", ["actors", "events"])
def test_cytoscape_loads_the_export_with_the_same_counts(base: str, browser, counts: dict[str, list[int]],
                                                        view: str) -> None:
    _open_graph_page(browser, base + "/graph")
    loaded = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/export?format=cytoscape&view=' + arguments[0]).then(r => r.json()).then(json => {"
        "  const cy = cytoscape({headless: true, elements: json.elements});"
        "  done([cy.nodes().length, cy.edges().length]); }).catch(e => done(String(e)));", view)
    assert loaded == counts[view] and loaded[1] > 0
