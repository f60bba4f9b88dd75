"""The browser UI in headless Chromium (Debian's `chromium` + `chromium-driver`, see
kg/web/install-chromium.sh): run the first example query, see rows, follow a row's IRI to its entity page.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from servers import CHROMEDRIVER, CHROMIUM, headless_chromium, store_from_trig

from kg.rdf.namespaces import KGO
from kg.serve.ui import VENDOR

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = [
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="run kg/web/install-chromium.sh"),
    pytest.mark.skipif(not (VENDOR / "yasgui" / "yasgui.min.js").is_file(), reason="run kg/web/build.sh"),
]

# A consultation in the project's vocabulary, written for this test; the label carries markup that the
# pages must show as text.
TRIG = f"""
@prefix kgo: <{KGO._NS}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/graph/a1> {{
    <http://example.org/e1> a kgo:Consult, kgo:Event ; kgo:eventType "CONSULT" ; kgo:mode kgo:Phone ;
        kgo:participant <http://example.org/p1>, <http://example.org/p2> ;
        kgo:date "2024-05-14"^^xsd:date ; kgo:topic "harbour tolls" ;
        kgo:evidence [ kgo:text "Lena Varga sprach am Dienstag mit Tomas <b>Berg</b> über Hafengebühren." ] .
    <http://example.org/p1> a kgo:Person ; rdfs:label "Lena Varga" .
    <http://example.org/p2> a kgo:Person ; rdfs:label "Tomas <b>Berg</b>" .
}}
"""


@pytest.fixture(scope="module")
def base(serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(store_from_trig(tmp_path_factory.mktemp("ui") / "store", TRIG))


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium()
    yield driver
    driver.quit()


def test_example_query_shows_rows_that_link_to_entity_pages(base: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(base + "/")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda driver: driver.execute_script("return !!(window.kgYasgui && kgYasgui.getTab())"))
    tab_names = [element.text for element in browser.find_elements(By.CSS_SELECTOR, ".tabPanel, .tab a, [role=tab]")]
    browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton, .yasqe_queryButton").click()
    rows = wait.until(ready.presence_of_all_elements_located((By.CSS_SELECTOR, ".yasr table tbody tr")))
    wait.until(lambda driver: "Lena Varga" in driver.find_element(By.CSS_SELECTOR, ".yasr table").text)
    browser.save_screenshot(str(ARTIFACTS / "ui-example-query.png"))

    table = browser.find_element(By.CSS_SELECTOR, ".yasr table")
    assert len(rows) >= 1 and any(name for name in tab_names)
    assert "Tomas <b>Berg</b>" in table.text  # markup from the data is shown as text
    links = [a.get_attribute("href") for a in table.find_elements(By.CSS_SELECTOR, "a[data-kg=entity]")]
    assert any("/entity?iri=http%3A%2F%2Fexample.org%2Fe1" in link for link in links), links

    browser.get(next(link for link in links if "example.org%2Fe1" in link))
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".kg-entity")))
    browser.save_screenshot(str(ARTIFACTS / "ui-entity-page.png"))
    page = browser.find_element(By.CSS_SELECTOR, ".kg-entity").text
    assert "harbour tolls" in page and "CONSULT" in page


def test_entity_page_of_a_person_shows_events_with_evidence(base: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base + "/entity?iri=http%3A%2F%2Fexample.org%2Fp2")
    page = browser.find_element(By.CSS_SELECTOR, ".kg-entity")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "ui-person-page.png"))
    assert page.find_element(By.TAG_NAME, "h1").text == "Tomas <b>Berg</b>"
    assert not page.find_elements(By.CSS_SELECTOR, "h1 b")  # escaped, not rendered
    events = page.find_element(By.CSS_SELECTOR, ".kg-events").text
    assert "2024-05-14" in events and "participant" in events
    assert "Lena Varga sprach am Dienstag mit Tomas <b>Berg</b> über Hafengebühren." in events
