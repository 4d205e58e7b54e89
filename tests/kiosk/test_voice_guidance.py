"""Voice guidance (issue 16 item 6): the home toggle, the clips queued per screen (the
queue is checked, not the speaker: ``[devices] audio = "sim://"``), the idle timeout."""

from __future__ import annotations

import time

import pytest

from motcua.kiosk.guidance import guidance_for, open_guide
from motcua.voice import guidance_text as text
from motcua.voice.clips import ClipLibrary
from motcua.voice.sentence import clip_key

from .test_app_qt import click, find

SILENT_SCREENS = {"pin", "technician", "resting"}  # staff, and the tablet's resting screen


def keys(*phrases: str) -> list[str]:
    return [clip_key(p) for p in phrases]


HOME = keys(*text.SCREENS["home"])


@pytest.fixture
def guided(win, runtime):
    """The kiosk with its guidance on the sim loudspeaker, not yet turned on."""
    runtime.audio_url = "sim://"
    yield win
    runtime.close()


def heard(win) -> list[tuple[str, list[str]]]:
    """What the guidance has said so far: (screen, clip keys), once the queue is idle."""
    guide = win.runtime.guide
    assert guide.wait_idle(5)
    return guide.said()


def test_guidance_is_off_until_asked_and_opens_no_audio(qtbot, win, runtime) -> None:
    click(qtbot, win.screens["home"].buttons["lookup"])
    assert win.current.name == "lookup"
    assert not win.guidance_on
    assert runtime._guide is None  # the loudspeaker is not even opened


def test_the_toggle_is_big_with_a_loudspeaker_and_says_it_is_on(qtbot, guided) -> None:
    home = guided.screens["home"]
    toggle = guided.voice_button
    assert toggle.isVisibleTo(guided)
    assert toggle.height() >= 90 and toggle.width() >= guided.lang_button.width()
    assert not toggle.icon().isNull() and toggle.iconSize().height() >= 64
    assert toggle.text() == "Hướng dẫn bằng giọng nói"
    click(qtbot, toggle)
    assert guided.guidance_on
    assert toggle.isChecked() and toggle.text() == "Giọng nói: đang bật"
    assert heard(guided) == [("home", keys(text.GUIDE_ON) + HOME)]
    click(qtbot, toggle)  # off again
    assert not guided.guidance_on and not toggle.isChecked()
    click(qtbot, home.buttons["lookup"])
    assert not toggle.isVisibleTo(guided)  # on the home screen only
    assert heard(guided) == [("home", keys(text.GUIDE_ON) + HOME)]  # nothing more


def test_each_screen_of_take_a_number_says_what_it_is_and_what_to_touch(
    qtbot, guided, printer
) -> None:
    win = guided
    click(qtbot, win.voice_button)
    assert heard(win)[-1] == ("home", keys(text.GUIDE_ON) + HOME)
    click(qtbot, win.screens["home"].buttons["ticket"])
    assert heard(win)[-1] == ("ticket", keys(*text.SCREENS["ticket"]))
    click(qtbot, find(win, "service:HT"))
    assert heard(win)[-1] == (
        "idscan",
        [
            "xin đưa mã qr trên thẻ căn cước vào ô quét",
            "nếu không có thẻ xin chạm vào nút bỏ qua ở dưới cùng",
        ],
    )
    click(qtbot, win.screens["idscan"].skip)
    assert heard(win)[-1] == ("priority", keys(*text.SCREENS["priority"]))
    click(qtbot, find(win, "priority:elderly"))
    assert heard(win)[-1] == ("confirm", keys(*text.SCREENS["confirm"]))
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    assert win.screens["result"].number.text() == "1001"
    # the number read like the hall reads it, from the same word clips
    assert heard(win)[-1] == (
        "result",
        ["số thứ tự của ông bà là", "một", "nghìn", "không", "trăm", "linh", "một",
         "xin nhận phiếu rồi ngồi chờ nghe gọi số"],
    )  # fmt: skip
    screens = [s for s, _ in heard(win) if s != "printing"]  # shown only for a slow print
    assert screens == ["home", "ticket", "idscan", "priority", "confirm", "result"]
    click(qtbot, win.screens["result"].done)
    assert heard(win)[-1] == ("home", HOME)  # still on for the same citizen
    assert win.guidance_on


def test_a_ticket_not_printed_asks_to_remember_the_number(qtbot, guided, printer) -> None:
    win = guided
    printer.set_paper_out(True)
    click(qtbot, win.voice_button)
    click(qtbot, win.screens["home"].buttons["ticket"])
    click(qtbot, find(win, "service:HT"))
    click(qtbot, win.screens["idscan"].skip)
    click(qtbot, find(win, "priority:none"))
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    screen, said = heard(win)[-1]
    assert screen == "result"
    assert said[0] == "số thứ tự của ông bà là"
    assert said[-1] == clip_key(text.NOT_PRINTED)


def test_idle_timeout_stops_the_guidance_and_resets_the_toggle(qtbot, guided, clock) -> None:
    win = guided
    click(qtbot, win.voice_button)
    click(qtbot, win.screens["home"].buttons["lookup"])
    before = heard(win)
    assert before[-1] == ("lookup", keys(*text.SCREENS["lookup"]))
    clock.advance(seconds=win.idle.timeout_seconds + 1)
    assert win.check_idle()
    assert win.current.name == "home"
    assert not win.guidance_on
    assert not win.voice_button.isChecked()
    assert win.voice_button.text() == "Hướng dẫn bằng giọng nói"
    assert heard(win) == before  # going home after the timeout is not said
    click(qtbot, win.screens["home"].buttons["dossier"])  # the next citizen: silence
    assert heard(win) == before


def test_guidance_left_on_at_home_goes_off_after_the_idle_timeout(qtbot, guided, clock) -> None:
    win = guided
    click(qtbot, win.voice_button)
    clock.advance(seconds=win.idle.timeout_seconds - 5)
    win.check_idle()
    assert win.guidance_on  # the citizen may still be listening
    clock.advance(seconds=6)
    win.check_idle()
    assert not win.guidance_on


def test_idle_timeout_cuts_a_sentence_being_said(qtbot, win, runtime, clock) -> None:
    """On the silent ``none`` device each clip takes its real length: the timeout
    interrupts it instead of letting it run to its end."""
    runtime._guide = open_guide("none")
    runtime.closers.append(runtime._guide.close)
    click(qtbot, win.voice_button)
    click(qtbot, win.screens["home"].buttons["lookup"])  # about 5 s of speech
    guide = runtime.guide
    qtbot.waitUntil(lambda: any(r.started_at for r in guide.records if r.screen == "lookup"))
    t0 = time.monotonic()
    clock.advance(seconds=win.idle.timeout_seconds + 1)
    assert win.check_idle()
    assert guide.wait_idle(2)
    assert time.monotonic() - t0 < 1.5
    runtime.close()


def test_every_citizen_screen_says_something_from_shipped_clips(win) -> None:
    """No screen is silent and nothing falls back to espeak-ng at run time."""
    library = ClipLibrary()
    for name, screen in win.screens.items():
        sentence = guidance_for(name, step=getattr(screen, "step_no", 0), number="B007")
        if name in SILENT_SCREENS:
            assert sentence is None, name
            continue
        assert sentence is not None, name
        missing = [k for seg in sentence.segments for k in seg.clip_keys if library.get(k) is None]
        assert missing == [], (name, missing)


def test_intake_screens_say_their_step_with_the_number_words() -> None:
    sentence = guidance_for("intake_consent", step=2)
    assert sentence is not None
    said = [k for seg in sentence.segments for k in seg.clip_keys]
    assert said == ["nộp hồ sơ bước", "hai", *keys(*text.SCREENS["intake_consent"])]
    south = guidance_for("result", number="B014", dialect="south")
    assert south is not None
    assert [k for seg in south.segments for k in seg.clip_keys][1:4] == ["bê", "mười", "bốn"]


def test_the_card_left_reminder_says_its_words_after_the_chime_with_guidance_off(
    runtime,
) -> None:
    """The chip reader's reminder (kiosk/chip_reader.CardReminder) is heard, not only seen:
    the two notes, then the shipped clip of the words on the screen, guidance on or off."""
    from motcua.kiosk.chip_reader import REMINDER

    assert REMINDER[0] + "." == text.CARD_LEFT  # says what the screen shows
    library = ClipLibrary()
    assert library.get(clip_key(text.CARD_LEFT)) is not None  # a shipped clip, not espeak
    runtime.audio_url = "sim://"
    try:
        guide = runtime.guide
        assert not guide.on
        guide.remind_card_left()
        assert guide.wait_idle(5)
        assert guide.said() == [("card_left", ["<chime>", clip_key(text.CARD_LEFT)])]
        (record,) = guide.records
        assert record.chime and not record.error
    finally:
        runtime.close()


def test_the_card_left_chime_plays_on_the_loudspeaker_with_guidance_off(runtime) -> None:
    """The chip reader's 'Xin nhận lại thẻ căn cước' sound (kiosk/chip_reader.CardReminder)
    is the guidance's two notes alone, whether guidance is on or not."""
    runtime.audio_url = "sim://"
    try:
        guide = runtime.guide
        assert not guide.on
        guide.chime()
        assert guide.wait_idle(5)
        assert guide.said() == [("chime", ["<chime>"])]
    finally:
        runtime.close()
