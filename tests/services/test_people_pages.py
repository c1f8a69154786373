"""The reads behind the people screens, on the demo campaign."""

from __future__ import annotations

import json

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services import people_pages as pages
from coldwave_app.services.dedup import canonical_person_ids, merge_persons, unmerge
from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import LocalStore


def _all_hits(store: LocalStore, text: str) -> list[pages.PersonHit]:
    hits: list[pages.PersonHit] = []
    more = True
    while more:
        page, more = pages.search_people(store, text=text, skip=len(hits), limit=50)
        hits += page
    return hits


def _one(store: LocalStore, sql: str) -> tuple:
    row = store.db.execute(sql).fetchone()
    assert row is not None
    return tuple(row)


def test_part_of_an_arabic_name_finds_the_person(demo_store: LocalStore) -> None:
    (person_id,) = _one(demo_store, "SELECT id FROM person WHERE given_name_ar = 'محمد' LIMIT 1")
    assert person_id in {h.id for h in _all_hits(demo_store, "محم")}


def test_a_latin_query_finds_an_arabic_only_name_by_sound(demo_store: LocalStore) -> None:
    person_id = register_person(
        demo_store, sex="m", given_name_ar="يوسف", family_name_ar="أوحمو"
    ).id
    assert person_id in {h.id for h in _all_hits(demo_store, "Youssef Ouhammou")}


def test_a_family_name_part_finds_people_by_prefix(demo_store: LocalStore) -> None:
    (person_id,) = _one(
        demo_store, "SELECT id FROM person WHERE family_name_latn = 'Alaoui' LIMIT 1"
    )
    hits = _all_hits(demo_store, "alao")
    assert person_id in {h.id for h in hits}
    assert all(h.cin_masked is None or "*" in h.cin_masked for h in hits)


def test_beneficiary_code_typed_loosely_finds_the_person(demo_store: LocalStore) -> None:
    person_id, code = _one(demo_store, "SELECT id, beneficiary_code FROM person LIMIT 1")
    loose = code.replace("-", "").lower()[:7]  # "prrj3b3": no dashes, lower case, cut short
    hits, _more = pages.search_people(demo_store, text=loose)
    assert person_id in {h.id for h in hits}


def test_a_code_ending_in_a_check_symbol_is_found(demo_store: LocalStore) -> None:
    assert pages._code_prefixes("p-tg8v-e5d2-~") == [
        "P-TG8V-E5D2-~",
        "P-PTG8-VE5D-2~",
        "H-PTG8-VE5D-2~",
    ]


def test_cin_is_matched_by_hash_and_only_shown_masked(demo_store: LocalStore) -> None:
    person = register_person(demo_store, sex="f", given_name_latn="Itto", cin="ZT 482913")
    results = pages.search_everything(demo_store, text="zt482913")
    assert [h.id for h in results.people] == [person.id]
    assert "482913" not in json.dumps([vars(h) for h in results.people])
    assert results.people[0].cin_masked == person.cin_masked


def test_search_pages_do_not_overlap_and_say_when_more_follow(demo_store: LocalStore) -> None:
    first, more = pages.search_people(demo_store, text="a", limit=5)
    second, _ = pages.search_people(demo_store, text="a", skip=5, limit=5)
    assert more and len(first) == 5 and len(second) == 5
    assert not {h.id for h in first} & {h.id for h in second}


def test_empty_query_finds_nothing_and_bad_paging_is_refused(demo_store: LocalStore) -> None:
    assert pages.search_everything(demo_store, text="  ").people == ()
    with pytest.raises(InvalidInput):
        pages.search_people(demo_store, text="mo", skip=-1)


def test_search_lists_the_household_of_a_found_person_and_the_douar(demo_store: LocalStore) -> None:
    household_id, code, geo_code = _one(
        demo_store, "SELECT id, beneficiary_code, geo_code FROM household LIMIT 1"
    )
    by_code = pages.search_everything(demo_store, text=code[:6])
    assert household_id in {h.id for h in by_code.households}
    (douar_name,) = _one(demo_store, f"SELECT name_ar FROM geo_unit WHERE code = '{geo_code}'")
    by_douar = pages.search_everything(demo_store, text=douar_name)
    assert geo_code in {d.code for d in by_douar.douars}


def test_person_page_holds_the_whole_history(demo_store: LocalStore) -> None:
    (person_id,) = _one(
        demo_store,
        "SELECT person_id FROM stay GROUP BY person_id ORDER BY count(*) DESC LIMIT 1",
    )
    page = pages.person_page(demo_store, person_id=person_id)
    stays = demo_store.db.execute(
        "SELECT count(*) FROM stay WHERE person_id = ?", [person_id]
    ).fetchone()[0]
    cases = demo_store.db.execute(
        "SELECT count(*) FROM case_file WHERE person_id = ?", [person_id]
    ).fetchone()[0]
    assert len(page.stays) == stays > 1
    assert len(page.cases) >= cases
    assert "cin_hash" not in page.record
    assert page.stays[0]["entry_at"] >= page.stays[-1]["entry_at"]  # newest first


def test_person_page_lists_items_of_the_person_and_their_household(demo_store: LocalStore) -> None:
    person_id, household_id = _one(
        demo_store,
        "SELECT m.person_id, m.household_id FROM household_member m "
        "JOIN distribution_line l ON l.household_id = m.household_id LIMIT 1",
    )
    page = pages.person_page(demo_store, person_id=person_id)
    assert any(i["household_id"] == household_id for i in page.items)
    assert page.households[0][1].id == household_id


def test_field_changes_show_before_and_after(demo_store: LocalStore) -> None:
    person = register_person(demo_store, sex="m", given_name_latn="Mohamed", family_name_latn="X")
    with demo_store.db.atomic():
        demo_store.writer().update("person", person.id, {"family_name_latn": "Ouhammou"})
    page = pages.person_page(demo_store, person_id=person.id)
    change = next(c for c in page.changes if c.field == "family_name_latn")
    assert (change.before, change.after) == ("X", "Ouhammou")


def test_unknown_person_is_explained(demo_store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        pages.person_page(demo_store, person_id="nobody")


def test_household_page_has_members_items_and_visits(demo_store: LocalStore) -> None:
    (household_id,) = _one(
        demo_store,
        "SELECT household_id FROM distribution_line WHERE household_id IS NOT NULL LIMIT 1",
    )
    page = pages.household_page(demo_store, household_id=household_id)
    members = demo_store.db.execute(
        "SELECT count(*) FROM household_member WHERE household_id = ?", [household_id]
    ).fetchone()[0]
    assert len(page.members) == members
    assert any(i["household_id"] == household_id for i in page.items)
    assert sum(v["lines"] for v in page.visits) == len(page.items)
    douar = pages.douar_page(demo_store, geo_code=str(page.household.geo_code))
    assert household_id in {h.id for h in douar.households}


def _demo_duplicate(store: LocalStore) -> tuple[str, str]:
    """A person the demo registered anyway despite a likely match, and that match."""
    for person_id, anyway in store.db.execute(
        "SELECT id, created_anyway_of FROM person WHERE created_anyway_of IS NOT NULL"
    ).fetchall():
        others = json.loads(anyway)
        linked = store.db.execute(
            "SELECT count(*) FROM person_link WHERE person_a = ? OR person_b = ?",
            [person_id, person_id],
        ).fetchone()[0]
        if others and not linked:
            return person_id, others[0]
    raise AssertionError("the demo registers unmerged duplicates")


def test_merge_review_finds_the_demo_duplicate_and_is_reversible(demo_store: LocalStore) -> None:
    duplicate, original = _demo_duplicate(demo_store)
    candidates = pages.duplicate_candidates(demo_store, person_id=duplicate)
    assert original in {c.person.id for c in candidates}
    comparison = pages.compare_persons(demo_store, a=original, b=duplicate)
    assert comparison.differs("beneficiary_code") and comparison.link_id is None
    assert "cin_hash" not in {field for field, _a, _b in comparison.rows}

    link_id = merge_persons(demo_store, a=original, b=duplicate, reason="same nickname")
    assert pages.compare_persons(demo_store, a=original, b=duplicate).link_id == link_id
    queue = pages.duplicate_queue(demo_store)
    assert any(c.link_id == link_id for _a, c in queue)

    unmerge(demo_store, link_id=link_id)
    ids = canonical_person_ids(demo_store)
    assert ids[original] != ids[duplicate]
    assert pages.compare_persons(demo_store, a=original, b=duplicate).link_id is None


def test_every_code_typed_without_dashes_finds_its_person(demo_store: LocalStore) -> None:
    rows = demo_store.db.execute("SELECT id, beneficiary_code FROM person").fetchall()
    missed = []
    for person_id, code in rows:
        hits, _more = pages.search_people(demo_store, text=code.replace("-", "").lower()[:7])
        if person_id not in {h.id for h in hits}:
            missed.append(code)
    assert missed == []
