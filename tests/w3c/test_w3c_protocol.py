"""The W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service Description tests, read from their
manifests and run against a live `kg serve`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import replay  # noqa: E402
import service_description  # noqa: E402
from manifest import W3C_ROOT, Case, load_cases  # noqa: E402

TOKEN = "w3c-runner-token"
MANIFESTS = {
    "protocol": W3C_ROOT / "protocol" / "manifest.ttl",
    "graph-store": W3C_ROOT / "graph-store-protocol" / "manifest.ttl",
    "service-description": W3C_ROOT / "service-description" / "manifest.ttl",
}
pytestmark = pytest.mark.skipif(not W3C_ROOT.is_dir(), reason=f"W3C tests not found at {W3C_ROOT}")


def _cases(suite: str) -> list:
    if not MANIFESTS[suite].is_file():
        return []
    return [pytest.param(case, id=case.name) for case in load_cases(MANIFESTS[suite])]


@pytest.fixture(scope="module")
def base(serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(tmp_path_factory.mktemp("w3c") / "store", "--token", TOKEN)


def test_the_protocol_manifest_has_its_34_tests() -> None:
    assert len(_cases("protocol")) == 34


@pytest.mark.parametrize("case", _cases("protocol"))
def test_protocol(base: str, case: Case) -> None:
    assert replay.run_case(base, case, TOKEN) == []


@pytest.mark.parametrize("case", _cases("graph-store"))
def test_graph_store_protocol(base: str, case: Case) -> None:
    assert replay.run_case(base, case, TOKEN) == []


@pytest.mark.parametrize("case", _cases("service-description"))
def test_service_description(base: str, case: Case) -> None:
    assert service_description.run_case(base, case) == []
