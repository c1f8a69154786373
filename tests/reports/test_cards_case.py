"""Beneficiary cards (QR codes that scan back) and the case summary of a referral
(only what the consent allows, and a line saying what was withheld and why)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from helpers.pdf_read import logical_text, overflowing_chars, page_images, page_texts

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.services.cases import add_note
from coldwave_app.services.people import record_consent, withdraw_consent
from coldwave_app.services.report_data import (
    cards_data,
    case_report_data,
    write_cards,
    write_case_summary,
)
from coldwave_app.storage.local_store import LocalStore

DOUAR = "3010513202045"
ISSUED = date(2026, 1, 15)
LATER = date(2026, 3, 2)  # after the demo season and the family-contact refusal below


def _qr_codes(pdf: Path) -> list[str]:
    found: list[str] = []
    for image in page_images(pdf):
        found += [
            barcode.text
            for barcode in zxingcpp.read_barcodes(image)
            if barcode.format == zxingcpp.BarcodeFormat.QRCode
        ]
    return found


def _french(pdf: Path) -> str:
    return "\n".join(page_texts(pdf)).replace("\u202f", " ").replace("\xa0", " ")


def test_household_cards_of_a_douar_scan_to_their_codes(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    data = cards_data(demo_store, douar=DOUAR, issued_on=ISSUED)
    assert len(data.cards) >= 2 and all(c.kind == "household" for c in data.cards)
    pdf = tmp_path / "cards.pdf"
    assert write_cards(demo_store, pdf, douar=DOUAR, issued_on=ISSUED) == 1
    assert sorted(_qr_codes(pdf)) == sorted(c.code for c in data.cards)
    text = logical_text(pdf)
    assert all(c.code in text for c in data.cards)
    assert all(c.name_ar in text for c in data.cards)  # the head's Arabic name, whole
    assert data.cards[0].place_ar in text  # the douar's Arabic name
    assert "رب الأسرة" in text and "يناير" not in text
    french = _french(pdf)
    assert "Khénifra" in french and "Délivrée le 15/01/2026" in french
    assert "Chef de ménage" in french
    assert overflowing_chars(pdf) == []


def test_person_cards_fill_eight_a_page(demo_store: LocalStore, tmp_path: Path) -> None:
    rows = demo_store.db.execute(
        "SELECT id FROM person WHERE deleted = 0 AND given_name_ar IS NOT NULL "
        "ORDER BY beneficiary_code LIMIT 11"
    ).fetchall()
    ids = [str(r[0]) for r in rows]
    data = cards_data(demo_store, person_ids=ids, issued_on=ISSUED)
    assert [c.kind for c in data.cards] == ["person"] * 11
    pdf = tmp_path / "person-cards.pdf"
    assert write_cards(demo_store, pdf, person_ids=ids, issued_on=ISSUED) == 2
    assert sorted(_qr_codes(pdf)) == sorted(c.code for c in data.cards)
    text = logical_text(pdf)
    assert all(c.name_ar in text and c.name_fr in text for c in data.cards)
    assert "Né(e) en" in _french(pdf)
    assert overflowing_chars(pdf) == []


def _referral(store: LocalStore, *, household: bool) -> str:
    """A referral of a case with a team note, whose subject has an Arabic name; a
    person's case also has a family contact."""
    family = "" if household else "AND EXISTS (SELECT 1 FROM family_reintegration f "
    family += "" if household else "WHERE f.case_id = c.id AND f.contact_name IS NOT NULL) "
    row = store.db.execute(
        "SELECT r.id FROM referral r JOIN case_file c ON c.id = r.case_id "
        "JOIN person p ON p.id = COALESCE(c.person_id, "
        "  (SELECT head_person_id FROM household WHERE id = c.household_id)) "
        f"WHERE p.given_name_ar IS NOT NULL AND c.household_id IS {'NOT ' if household else ''}"
        "NULL AND EXISTS (SELECT 1 FROM case_note n WHERE n.case_id = c.id "
        f"AND n.visibility = 'team') {family}ORDER BY r.sent_on, r.id LIMIT 1"
    ).fetchone()
    assert row is not None
    return str(row[0])


def _subject(store: LocalStore, referral_id: str) -> str:
    row = store.db.execute(
        "SELECT COALESCE(c.person_id, h.head_person_id), c.id FROM referral r "
        "JOIN case_file c ON c.id = r.case_id LEFT JOIN household h ON h.id = c.household_id "
        "WHERE r.id = ?",
        [referral_id],
    ).fetchone()
    return str(row[0])


def test_the_case_summary_shares_only_what_the_consents_allow(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    referral = _referral(demo_store, household=False)
    case_id = str(
        demo_store.db.execute("SELECT case_id FROM referral WHERE id = ?", [referral]).fetchone()[0]
    )
    for text in ("Ne pas appeler avant 10 h.", "Frère aîné en conflit."):
        add_note(demo_store, case_id=case_id, visibility="health_only", text="Toux, suivi.")
        add_note(demo_store, case_id=case_id, visibility="caseworker_only", text=text)
    subject = _subject(demo_store, referral)
    # The demo's returns home carry a family-contact consent: this person refuses it.
    # (dated after the demo season, so that it is the person's latest word until below).
    record_consent(
        demo_store,
        person_id=subject,
        purpose="family_contact",
        method="signed",
        given=False,
        given_on=date(2026, 3, 1),
    )

    # Referral sharing only: health and family details stay out, and the line says so.
    data = case_report_data(demo_store, referral_id=referral)
    assert data.notes and all(n.visibility == "team" for n in data.notes)
    assert data.health_detail is None and data.family == []
    pdf = tmp_path / "case.pdf"
    assert write_case_summary(demo_store, pdf, referral_id=referral, langs=("fr",)) == 1
    text = _french(pdf)
    assert data.code in text and data.name_fr in text
    assert "Entretien d'écoute" in text and "Khénifra" in text
    assert "Toux, suivi." not in text and "Frère aîné" not in text
    flat = " ".join(text.split())
    assert "Non transmis :" in flat
    assert "notes réservées à l'assistant(e) social(e) (2) — non partagées hors de l'équipe" in flat
    assert "notes de santé" in flat and "pas de consentement aux données de santé" in flat
    assert "contact familial (1) — pas de consentement au contact de la famille" in flat
    assert overflowing_chars(pdf) == []
    arabic = tmp_path / "case-ar.pdf"
    write_case_summary(demo_store, arabic, referral_id=referral, langs=("ar",))
    logical = logical_text(arabic)
    assert data.name_ar in logical and "لم يرسل" in logical
    assert overflowing_chars(arabic) == []

    # With the health-data and family-contact consents, they go in.
    for purpose in ("health_data", "family_contact"):
        record_consent(
            demo_store, person_id=subject, purpose=purpose, method="signed", given_on=LATER
        )
    data = case_report_data(demo_store, referral_id=referral)
    assert any(n.text == "Toux, suivi." for n in data.notes) and data.family
    write_case_summary(demo_store, pdf, referral_id=referral, langs=("fr", "ar"))
    text = _french(pdf)
    assert "Toux, suivi." in text and data.family[0].name in text
    assert "Frère aîné" not in text  # caseworker-only notes never leave the case team
    assert overflowing_chars(pdf) == []

    # ... but not for a reader whose role may not read health notes.
    data = case_report_data(demo_store, referral_id=referral, role="social_worker")
    assert all(n.visibility != "health_only" for n in data.notes)
    assert any(w.why == "the reader's role may not read them" for w in data.withheld)

    # Without a standing consent to referral sharing, no summary at all.
    consent = demo_store.db.execute(
        "SELECT id FROM consent WHERE person_id = ? AND purpose = 'referral_sharing' "
        "AND given = 1 AND withdrawn_at IS NULL",
        [subject],
    ).fetchone()[0]
    withdraw_consent(demo_store, consent_id=consent, reason="Ne souhaite plus")
    with pytest.raises(RuleViolation, match="consent"):
        write_case_summary(demo_store, tmp_path / "none.pdf", referral_id=referral)
    assert not (tmp_path / "none.pdf").exists()


def test_a_household_case_summary_names_the_head_with_the_household_code(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    referral = _referral(demo_store, household=True)
    data = case_report_data(demo_store, referral_id=referral)
    assert data.household and data.code.startswith("H-")
    pdf = tmp_path / "case-household.pdf"
    write_case_summary(demo_store, pdf, referral_id=referral, langs=("ar",))
    text = logical_text(pdf)
    assert data.code in text and data.name_ar in text
    assert "رب الأسرة" in text
    assert overflowing_chars(pdf) == []
