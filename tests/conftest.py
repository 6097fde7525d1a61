"""Shared fixtures: the default screener (built once) and the paths of fixtures and real data."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from sanctionmatch import Screener

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def screener() -> Screener:
    return Screener.default()


@pytest.fixture(scope="session")
def expected_texts() -> dict[str, Any]:
    return json.loads((FIXTURES / "text" / "expected.json").read_text(encoding="utf-8"))["files"]


def load_benchmark_script(relative: str) -> ModuleType:
    """A script of ``benchmarks/`` (not a package) loaded as a module, for testing its parts."""
    path = ROOT / "benchmarks" / relative
    name = "benchmark_" + relative.replace("/", "_").removesuffix(".py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # a script's dataclasses look their module up while built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "lists").is_dir():
        pytest.skip(f"real list files not found at {SHARED_DATA}/lists (../shared/data is absent)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def pinned_screening_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results carry the time they were made; tests that compare two results byte for byte
    pin it, as an auditor replaying a screening would (SOURCE_DATE_EPOCH)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1646092800")  # 2022-03-01T00:00:00Z


# `make fuzz` (scripts/fuzz.py) runs the fuzz tests under this profile; the default profile
# keeps `make test` quick. FUZZ_EXAMPLES sets how many inputs each test tries.
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
