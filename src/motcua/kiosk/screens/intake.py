""" "Nộp hồ sơ" at the kiosk: procedure → consent → ID card → phone → the papers (scan each)
→ review → submit → the slip printed.

Thin over ``motcua.dossier.intake_flow.IntakeFlow`` (the runtime's ``intake``): each screen
shows the flow's state and forwards touches to it; scanning and submitting run on the
window's TaskRunner, the scanner's per-page progress comes back through a Relay. Texts
carry both languages (BiLabel / BiButton), Vietnamese first. Every step has Back; Home
and the idle timeout discard a dossier still being assembled (its pages deleted) and keep
a submitted one. A slip that did not print never looks printed: the last screen says so
in red and offers "In lại".

The screens live one module per step or pair of steps (``intake_start``, ``intake_applicant``,
``intake_papers``, ``intake_scan``, ``intake_submit``) over ``intake_common``; this module
only lists them, in the order the window builds them.
"""

from __future__ import annotations

from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.intake_applicant import IntakeIdScreen, PhoneScreen
from motcua.kiosk.screens.intake_papers import PapersScreen
from motcua.kiosk.screens.intake_scan import ScanScreen
from motcua.kiosk.screens.intake_start import ConsentScreen, ProcedurePickScreen
from motcua.kiosk.screens.intake_submit import IntakeDoneScreen, ReviewScreen

SCREENS: list[type[Screen]] = [
    ProcedurePickScreen,
    ConsentScreen,
    IntakeIdScreen,
    PhoneScreen,
    PapersScreen,
    ScanScreen,
    ReviewScreen,
    IntakeDoneScreen,
]
