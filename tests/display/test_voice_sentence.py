"""The announcement sentence and `motcua announce`."""

from __future__ import annotations

import wave

import pytest

from motcua.cli import main
from motcua.config import VoiceConfig
from motcua.voice.numbers import NumberWordsError
from motcua.voice.sentence import announcement_text, build_sentence, clip_key

TEMPLATE = VoiceConfig().template


def test_default_sentence() -> None:
    assert (
        announcement_text(TEMPLATE, "1023", 5)
        == "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số năm"
    )


def test_letter_prefix_and_two_digit_counter() -> None:
    assert (
        announcement_text(TEMPLATE, "B007", 12)
        == "Mời công dân có số thứ tự bê bảy đến quầy số mười hai"
    )


def test_south_dialect() -> None:
    assert (
        announcement_text(TEMPLATE, "1001", 15, "south")
        == "Mời công dân có số thứ tự một ngàn không trăm lẻ một đến quầy số mười lăm"
    )


def test_custom_template_keeps_its_punctuation_but_clips_do_not() -> None:
    s = build_sentence("Xin mời số {number}, tới quầy {counter}.", "C105", 21)
    assert s.text == "Xin mời số xê một trăm linh năm, tới quầy hai mươi mốt."
    keys = [k for seg in s.segments for k in seg.clip_keys]
    assert keys == ["xin mời số", "xê", "một", "trăm", "linh", "năm", "tới quầy",
                    "hai", "mươi", "mốt"]  # fmt: skip
    assert s.words_text == "xin mời số xê một trăm linh năm tới quầy hai mươi mốt"


def test_segments_of_the_default_template() -> None:
    s = build_sentence(TEMPLATE, "1023", 5)
    assert [seg.kind for seg in s.segments] == ["phrase", "number", "phrase", "number"]
    assert s.segments[0].clip_keys == ("mời công dân có số thứ tự",)
    assert s.segments[3].words == ("năm",)


@pytest.mark.parametrize("template", ["Số {ticket} quầy {counter}", "Quầy {counter}", "{number:5}"])
def test_bad_templates_are_refused_in_vietnamese(template: str) -> None:
    with pytest.raises(NumberWordsError) as err:
        build_sentence(template, "1023", 5)
    assert "mẫu câu" in err.value.message_vi


def test_clip_key_normalises_case_spacing_and_punctuation() -> None:
    assert clip_key("  Mời công dân,  có số thứ tự! ") == "mời công dân có số thứ tự"
    assert clip_key("e-lờ") == "e-lờ"


# ----------------------------------------------------------------------- the CLI


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["announce", "--number", "1023", "--counter", "5", "--text"]) == 0
    out = capsys.readouterr().out
    assert out == "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số năm\n"


def test_cli_text_south(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["announce", "--number", "1005", "--counter", "4", "--text", "--dialect", "south"]
    assert main(argv) == 0
    assert "một ngàn không trăm lẻ năm đến quầy số bốn" in capsys.readouterr().out


def test_cli_wav(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "call.wav"
    assert main(["announce", "--number", "1023", "--counter", "5", "--wav", str(out)]) == 0
    with wave.open(str(out)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
        seconds = w.getnframes() / w.getframerate()
    assert 3.0 < seconds <= 5.0
    assert capsys.readouterr().out == ""  # --wav alone writes, it does not print the sentence


def test_cli_bad_number_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["announce", "--number", "10-23", "--counter", "5", "--text"]) == 2
    err = capsys.readouterr().err
    assert "số thứ tự không hợp lệ" in err and "Traceback" not in err


def test_cli_speaks_silently_with_audio_none(tmp_path, capsys) -> None:
    argv = ["announce", "--number", "7", "--counter", "1", "--audio", f"file://{tmp_path}"]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("Mời công dân có số thứ tự bảy")
    assert len(list(tmp_path.glob("*.wav"))) == 1
