"""Helpers shared by the case-work services (case files, referrals, follow-ups).

The campaign's case repository, closed-list parsing, timestamps, and fetching a case
file (refused once closed when new work is asked). Private to services.case_files,
services.referrals and services.case_follow_ups.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from coldwave_app.domain.case_rules import CaseStatus
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.storage.case_repo import CaseFile, CaseRepo
from coldwave_app.storage.local_store import LocalStore

E = TypeVar("E", bound=StrEnum)


def _repo(store: LocalStore) -> CaseRepo:
    return CaseRepo(store.db, store.campaign_id)


def _code(kind: type[E], value: E | str) -> E:
    """Parse a closed-list value coming from a form, a file or the command line."""
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(N_("Unknown value: {value}."), value=str(value)) from None


def _stamp(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def _case(repo: CaseRepo, case_id: str) -> CaseFile:
    case = repo.case(case_id)
    if case is None:
        raise InvalidInput(N_("No case file {case}."), case=case_id)
    return case


def _open(repo: CaseRepo, case_id: str) -> CaseFile:
    """The case, refused once closed: a closed file takes no new work."""
    case = _case(repo, case_id)
    if case.status == CaseStatus.CLOSED:
        raise RuleViolation(N_("This case file is closed."), case=case_id)
    return case
