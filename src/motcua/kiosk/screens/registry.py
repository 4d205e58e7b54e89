"""Every screen the kiosk has, in the order the window builds them (one of each)."""

from __future__ import annotations

from motcua.kiosk.screens.appointment import AppointmentScreen
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.dossier import DossierScreen
from motcua.kiosk.screens.home import ErrorScreen, HomeScreen
from motcua.kiosk.screens.idcard import ChipScreen, IdScanScreen
from motcua.kiosk.screens.intake import SCREENS as INTAKE_SCREENS
from motcua.kiosk.screens.lookup import LookupScreen, ProcedureScreen
from motcua.kiosk.screens.pin import PinScreen
from motcua.kiosk.screens.rating import SCREENS as RATING_SCREENS
from motcua.kiosk.screens.rating import RestingScreen
from motcua.kiosk.screens.technician import TechnicianScreen
from motcua.kiosk.screens.ticket import (
    ConfirmScreen,
    FieldScreen,
    PrintingScreen,
    PriorityScreen,
    ResultScreen,
    ServiceScreen,
)


def screen_classes(rating_tablet: bool = False) -> list[type[Screen]]:
    """The kiosk's screens; the counter's rating tablet also rests between citizens."""
    classes: list[type[Screen]] = [
        HomeScreen, FieldScreen, ServiceScreen, PriorityScreen, IdScanScreen, ConfirmScreen,
        PrintingScreen, ResultScreen, LookupScreen, ProcedureScreen, DossierScreen,
        *INTAKE_SCREENS, *RATING_SCREENS,
        PinScreen, TechnicianScreen, ErrorScreen, AppointmentScreen, ChipScreen,
    ]  # fmt: skip
    if rating_tablet:
        classes.append(RestingScreen)
    return classes
