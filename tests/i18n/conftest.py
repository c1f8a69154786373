"""Every i18n test starts in French with fresh catalogs and leaves the language as it found it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import coldwave_app.i18n as i18n


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = i18n._current
    i18n.reload_catalogs()
    i18n.set_language("fr")
    yield
    i18n.reload_catalogs()
    i18n._current = before
