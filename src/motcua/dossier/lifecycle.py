"""Which step may happen to a dossier in which status, and where it leads.

One table, asked by the service, the API (409 for a wrong state) and the counter's
buttons alike, so a rule such as "a finished dossier can only be returned" lives here
once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motcua.dossier.errors import WrongState
from motcua.dossier.status import DossierStatus as S


class Action(StrEnum):
    CREATE = "create"
    SUBMIT = "submit"
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    REJECT = "reject"
    PROGRESS = "progress"
    PAYMENT = "payment"
    FINISH = "finish"
    RETURN = "return"
    WITHDRAW = "withdraw"
    STOP = "stop"

    @property
    def label_vi(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]


_LABELS = {
    Action.CREATE: ("Lập hồ sơ", "created"),
    Action.SUBMIT: ("Nộp hồ sơ", "submitted"),
    Action.ACCEPT: ("Tiếp nhận", "accepted"),
    Action.SUPPLEMENT: ("Yêu cầu bổ sung", "more papers requested"),
    Action.REJECT: ("Từ chối tiếp nhận", "refused"),
    Action.PROGRESS: ("Xử lý", "processing step"),
    Action.PAYMENT: ("Yêu cầu nộp phí", "payment requested"),
    Action.FINISH: ("Xử lý xong", "finished"),
    Action.RETURN: ("Trả kết quả", "result returned"),
    Action.WITHDRAW: ("Rút hồ sơ", "withdrawn"),
    Action.STOP: ("Dừng xử lý", "stopped"),
}

_AFTER_RECEPTION = frozenset({S.RECEIVED, S.PROCESSING, S.PAYMENT_REQUIRED})


@dataclass(frozen=True)
class Rule:
    allowed_from: frozenset[S]
    to: S
    needs_text: bool = False  # a note or reason is required


RULES: dict[Action, Rule] = {
    Action.SUBMIT: Rule(frozenset({S.DRAFT}), S.NEW),
    # The clerk checks the originals: accept, ask for more, or refuse with a reason.
    # A dossier waiting for a supplement at reception is accepted once it is complete.
    Action.ACCEPT: Rule(frozenset({S.NEW, S.SUPPLEMENT_REQUIRED}), S.RECEIVED),
    Action.SUPPLEMENT: Rule(
        frozenset({S.NEW} | _AFTER_RECEPTION), S.SUPPLEMENT_REQUIRED, needs_text=True
    ),
    Action.REJECT: Rule(frozenset({S.NEW, S.SUPPLEMENT_REQUIRED}), S.NOT_ACCEPTED, True),
    # A step of processing; also how a dossier leaves "bổ sung"/"nộp phí" after reception.
    Action.PROGRESS: Rule(
        frozenset(_AFTER_RECEPTION | {S.SUPPLEMENT_REQUIRED}), S.PROCESSING, needs_text=True
    ),
    Action.PAYMENT: Rule(frozenset({S.RECEIVED, S.PROCESSING}), S.PAYMENT_REQUIRED, True),
    Action.FINISH: Rule(frozenset(_AFTER_RECEPTION), S.FINISHED),
    Action.RETURN: Rule(frozenset({S.FINISHED}), S.RETURNED),
    Action.WITHDRAW: Rule(
        frozenset({S.DRAFT, S.NEW, S.SUPPLEMENT_REQUIRED} | _AFTER_RECEPTION), S.WITHDRAWN
    ),
    Action.STOP: Rule(frozenset(_AFTER_RECEPTION | {S.SUPPLEMENT_REQUIRED}), S.STOPPED, True),
}


# What a step pulled from the portal (recorded elsewhere) is, from the status it leads to.
ACTION_FOR_STATUS: dict[S, Action] = {
    S.NEW: Action.SUBMIT,
    S.RECEIVED: Action.ACCEPT,
    S.NOT_ACCEPTED: Action.REJECT,
    S.PROCESSING: Action.PROGRESS,
    S.SUPPLEMENT_REQUIRED: Action.SUPPLEMENT,
    S.PAYMENT_REQUIRED: Action.PAYMENT,
    S.WITHDRAWN: Action.WITHDRAW,
    S.STOPPED: Action.STOP,
    S.FINISHED: Action.FINISH,
    S.RETURNED: Action.RETURN,
}


def allowed(status: S, action: Action, accepted: bool = True) -> bool:
    rule = RULES[action]
    if status not in rule.allowed_from:
        return False
    if status is S.SUPPLEMENT_REQUIRED:
        # Before reception a supplement leads back to acceptance; after it, to processing.
        if action in (Action.ACCEPT, Action.REJECT):
            return not accepted
        if action in (Action.PROGRESS, Action.STOP):
            return accepted
    return True


def next_status(status: S, action: Action, accepted: bool = True) -> S:
    """The status ``action`` leads to from ``status``; WrongState (HTTP 409) if it may not."""
    if not allowed(status, action, accepted):
        raise WrongState(
            f"Không thể {action.label_vi.lower()} hồ sơ đang ở trạng thái “{status.label_vi}”",
            f"cannot do '{action.value}' on a dossier in status {int(status)} ({status.label_en})",
        )
    return RULES[action].to


# While a dossier is in one of these its papers may still be scanned, replaced or removed.
PAPERS_OPEN = frozenset({S.DRAFT, S.NEW, S.SUPPLEMENT_REQUIRED})


def check_papers_open(code: str, status: S) -> None:
    """WrongState (409) unless dossier ``code``'s papers may still change."""
    if status not in PAPERS_OPEN:
        raise WrongState(
            f"Hồ sơ {code} đang “{status.label_vi}”: không thay đổi giấy tờ được nữa",
            f"dossier {code} is {status.label_en}: its papers can no longer change",
        )


def actions_from(status: S, accepted: bool) -> list[Action]:
    """What can be done next (the counter shows these buttons)."""
    return [a for a in RULES if allowed(status, a, accepted)]
