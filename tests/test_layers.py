"""The layers are a contract: import-linter checks that every detente package imports only from
the packages below it (``.importlinter`` at the repository root lists them), so neither a cycle
nor an upward import between packages can come back unnoticed."""
from __future__ import annotations

from pathlib import Path

import pytest

importlinter_cli = pytest.importorskip("importlinter.cli", reason="import-linter is a test dependency: "
                                       'pip install -e ".[test]"')

CONFIG = Path(__file__).resolve().parents[1] / ".importlinter"


def lint(config: Path) -> int:
    return importlinter_cli.lint_imports(config_filename=str(config), no_cache=True, no_logo=True)


def test_packages_import_only_downwards():
    assert lint(CONFIG) == 0, "an import breaks the layers in .importlinter (details above)"


def test_the_contract_catches_an_upward_import(tmp_path):
    # the same contract with analysis listed below store: analysis reads events through the
    # store, so that import now points upwards and the check must fail
    swapped = CONFIG.read_text().replace("    analysis\n", "").replace("    store\n", "    store\n    analysis\n")
    assert swapped != CONFIG.read_text()
    config = tmp_path / ".importlinter"
    config.write_text(swapped)
    assert lint(config) == 1


def test_only_the_store_opens_duckdb():
    src = CONFIG.parent / "src" / "detente"
    opening = sorted(str(p.relative_to(src)) for p in src.rglob("*.py") if "duckdb.connect(" in p.read_text())
    assert opening == ["store/db.py"]
