"""Record ids (UUIDv7) and printable beneficiary codes."""

from __future__ import annotations

import uuid

from coldwave_app.domain.ids import id_from_seed, is_valid_short_code, new_id, short_code


def test_new_ids_are_version_7_and_time_ordered() -> None:
    first = new_id(now_ms=1_000)
    second = new_id(now_ms=2_000)
    assert uuid.UUID(first).version == 7
    assert first < second


def test_ids_made_in_the_same_millisecond_differ() -> None:
    assert len({new_id(now_ms=5) for _ in range(1000)}) == 1000


def test_seeded_ids_are_reproducible_and_distinct() -> None:
    assert id_from_seed(3, 1) == id_from_seed(3, 1)
    assert id_from_seed(3, 1) != id_from_seed(3, 2)
    assert id_from_seed(3, 1) != id_from_seed(4, 1)


def test_short_code_is_stable_and_checks_itself() -> None:
    record = new_id()
    code = short_code(record, "P")
    assert code == short_code(record, "P")
    assert code.startswith("P-") and len(code) == 13
    assert is_valid_short_code(code)
    assert is_valid_short_code(code.lower())


def test_a_mistyped_short_code_is_caught() -> None:
    code = short_code(new_id(), "H")
    body = code[2:6]
    swapped = body[1] + body[0] + body[2:]
    if swapped != body:
        assert not is_valid_short_code(code.replace(body, swapped, 1))
    wrong_char = "0" if code[7] != "0" else "1"
    assert not is_valid_short_code(code[:7] + wrong_char + code[8:])
