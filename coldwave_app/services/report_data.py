"""Gather the data of each PDF report into coldwave_app.reports' dataclasses and render it.

The reports package draws; it does not read the store. One module per report
(sitrep_report, runsheet_report, register_report, card_report, case_report) reads
the store through the indicators and the storage queries, then calls the renderer;
this module gathers them under one name for the CLI, the desktop and the tests.
"""

from __future__ import annotations

from coldwave_app.services.card_report import cards_data, write_cards
from coldwave_app.services.case_report import case_report_data, write_case_summary
from coldwave_app.services.register_report import register_data, write_register
from coldwave_app.services.report_common import footer_of
from coldwave_app.services.runsheet_report import runsheet_data, write_runsheet
from coldwave_app.services.sitrep_report import sitrep_data, write_sitrep

__all__ = [
    "cards_data",
    "case_report_data",
    "footer_of",
    "register_data",
    "runsheet_data",
    "sitrep_data",
    "write_cards",
    "write_case_summary",
    "write_register",
    "write_runsheet",
    "write_sitrep",
]
