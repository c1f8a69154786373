"""The douar run sheet (QR codes that scan back) and the shelter register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import zxingcpp
from helpers.pdf_read import logical_text, overflowing_chars, page_images, page_texts

from coldwave_app.services.report_data import (
    register_data,
    runsheet_data,
    write_register,
    write_runsheet,
)
from coldwave_app.storage.local_store import LocalStore

DOUARS = ["3010513202045", "3010703202001"]


def test_each_household_qr_code_scans_to_its_beneficiary_code(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    data = runsheet_data(demo_store, douars=DOUARS, on=date(2026, 1, 15))
    assert len(data.households) >= 2
    pdf = tmp_path / "runsheet.pdf"
    write_runsheet(demo_store, pdf, douars=DOUARS, on=date(2026, 1, 15), langs=("ar",))
    decoded: set[str] = set()
    for image in page_images(pdf):
        decoded |= {
            barcode.text
            for barcode in zxingcpp.read_barcodes(image)
            if barcode.format == zxingcpp.BarcodeFormat.QRCode
        }
    assert decoded == {h.code for h in data.households}
    text = logical_text(pdf)
    assert all(h.code in text for h in data.households)
    assert data.places_ar[0] in text  # the douar's Arabic name, whole
    assert overflowing_chars(pdf) == []


def test_the_run_sheet_lists_the_stock_to_load(demo_store: LocalStore, tmp_path: Path) -> None:
    data = runsheet_data(demo_store, douars=DOUARS, on=date(2026, 1, 15))
    pdf = tmp_path / "runsheet-fr.pdf"
    write_runsheet(demo_store, pdf, douars=DOUARS, on=date(2026, 1, 15), langs=("fr",))
    text = "\n".join(page_texts(pdf))
    kits = data.stock_to_load[0]
    assert kits.quantity == len(data.households)
    assert "Kit Grand Froid" in text and "Couverture" in text
    assert "janvier" in text
    assert overflowing_chars(pdf) == []


def test_the_register_lists_the_night_by_bed_with_the_month(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    night = date(2026, 1, 10)
    data = register_data(demo_store, night=night)
    assert data.residents and all(r.nights >= 1 for r in data.residents)
    pdf = tmp_path / "register.pdf"
    write_register(demo_store, pdf, night=night, langs=("fr",))
    text = "\n".join(page_texts(pdf))
    assert "Khénifra" in text and "janvier 2026" in text
    assert all(r.code in text for r in data.residents)
    assert overflowing_chars(pdf) == []
    arabic = tmp_path / "register-ar.pdf"
    write_register(demo_store, arabic, night=night, langs=("ar",))
    assert "خنيفرة" in logical_text(arabic) and "يناير" in logical_text(arabic)
    assert overflowing_chars(arabic) == []
