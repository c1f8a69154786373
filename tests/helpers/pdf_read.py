"""Reading the report PDFs back: text in logical order, overflow, page images."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pdfplumber
from PIL import Image


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def logical_text(path: Path) -> str:
    """The PDF's text with each line also given reversed and NFKC-normalised, so that
    Arabic drawn in visual order (presentation forms) reads back in logical order."""
    out: list[str] = []
    for text in page_texts(path):
        for line in text.splitlines():
            out.append(unicodedata.normalize("NFKC", line))
            out.append(unicodedata.normalize("NFKC", line[::-1]))
    return "\n".join(out)


def overflowing_chars(path: Path, margin: float = 10.0) -> list[str]:
    """Characters drawn closer than `margin` points to a page edge, or off the page."""
    bad: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                inside = (
                    ch["x0"] >= margin
                    and ch["x1"] <= page.width - margin
                    and ch["top"] >= margin
                    and ch["bottom"] <= page.height - margin
                )
                if not inside:
                    bad.append(
                        f"p{page.page_number}: {ch['text']!r} at {ch['x0']:.0f},{ch['top']:.0f}"
                    )
    return bad


def page_images(path: Path, dpi: int = 150) -> list[Image.Image]:
    """Each page as a PIL image (pdfium, which pdfplumber ships with)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()
