"""Case work at the centres and the social-assistance windows.

Reception opens a case file, listening ends in an assessment (needs, priority),
then the caseworker refers the person to partners, follows up (each contact names
the next date), mediates a return to the family and checks on it 30 and 90 days
later, and writes case notes whose visibility limits who may read them.

This module only re-exports the public names of the modules that do the work:
- services.case_files: case files, assessments, closing, and case notes;
- services.referrals: referrals to partners (under the person's consent to
  referral sharing, law 09-08) and their status;
- services.case_follow_ups: follow-ups, the due list, and family reintegration;
- services.case_common: the private helpers they share.

Each check and its writes run in one transaction, so a sync applied in between
cannot slip a withdrawal of consent between the check and the referral. Case files,
assessments, referrals and reintegrations are entities changed field by field
(their history is in the change log); follow-ups, mediation steps and notes are
append-only events.
"""

from __future__ import annotations

from coldwave_app.services.case_files import (
    CaseNotes,
    add_note,
    assign_caseworker,
    case_summary,
    close_case,
    field_history,
    notes_for,
    open_case,
    record_assessment,
)
from coldwave_app.services.case_follow_ups import (
    due_list,
    record_follow_up,
    record_mediation_step,
    record_reintegration_check,
    record_return,
    start_reintegration,
)
from coldwave_app.services.referrals import (
    REFERRAL_CONSENT_PURPOSE,
    refer,
    referrals_of,
    update_referral_status,
)

__all__ = [
    "REFERRAL_CONSENT_PURPOSE",
    "CaseNotes",
    "add_note",
    "assign_caseworker",
    "case_summary",
    "close_case",
    "due_list",
    "field_history",
    "notes_for",
    "open_case",
    "record_assessment",
    "record_follow_up",
    "record_mediation_step",
    "record_reintegration_check",
    "record_return",
    "refer",
    "referrals_of",
    "start_reintegration",
    "update_referral_status",
]
