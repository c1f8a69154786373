"""What the About box shows: where the data and the bundled font come from."""

from __future__ import annotations

from typing import Final

from coldwave_app.storage.geography import GEO_ATTRIBUTION

__all__ = ["FONT_ATTRIBUTION", "GEO_ATTRIBUTION"]

FONT_ATTRIBUTION: Final = (
    "Amiri font: Copyright 2010-2022 The Amiri Project Authors, SIL Open Font License 1.1."
)
