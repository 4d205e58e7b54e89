"""The announcer: call order, one at a time, building ahead, failing soft."""

from __future__ import annotations

import itertools
import threading
import wave
from pathlib import Path

import pytest

from motcua.config import VoiceConfig
from motcua.display.announcer import Announcer, AudioUrlError, build_announcer
from motcua.voice.clips import ClipLibrary
from motcua.voice.espeak import Espeak
from motcua.voice.pcm import Pcm
from motcua.voice.render import ClipVoice
from motcua.voice.sentence import announcement_text

from .voice_fakes import FakeTime, RecordingPlayer

VOICE = VoiceConfig()
TEMPLATE = VOICE.template
NO_ESPEAK = Espeak(executable="motcua-no-such-espeak")

BURST = [("1023", 5), ("B007", 8), ("1024", 1), ("3001", 4), ("C015", 9), ("1023", 5),
         ("2001", 3), ("D105", 10), ("4001", 6), ("4002", 7), ("E021", 11), ("1025", 12),
         ("1026", 2), ("2002", 1), ("3002", 5), ("B008", 8), ("1027", 12), ("2003", 3),
         ("4003", 6), ("1028", 2)]  # fmt: skip


@pytest.fixture
def make_announcer(clips: ClipLibrary, recording_player: RecordingPlayer, fake_time: FakeTime):
    made: list[Announcer] = []

    def make(**kw) -> Announcer:
        kw.setdefault("player", recording_player)
        a = Announcer(ClipVoice(clips, NO_ESPEAK), template=TEMPLATE, monotonic=fake_time.now, **kw)
        made.append(a)
        return a

    yield make
    for a in made:
        a.close()


def test_burst_of_20_keeps_call_order_and_never_overlaps(make_announcer, recording_player):
    a = make_announcer()
    for number, counter in BURST:
        a.announce(number, counter)
    assert a.wait_idle(10)
    assert [text for text, _ in a.history] == [announcement_text(TEMPLATE, n, c) for n, c in BURST]
    plays = recording_player.plays
    assert len(plays) == 20
    assert recording_player.max_active == 1
    for (_, end, _), (start, _, _) in itertools.pairwise(plays):
        assert start >= end  # the next starts only after the previous finished
    records = a.records
    assert [r.duration for r in records] == [d for _, _, d in plays]  # played in call order
    assert all(r.started_at is not None and r.finished_at is not None for r in records)


def test_a_recall_is_the_same_announcement_again(make_announcer):
    a = make_announcer()
    a.announce("1023", 5)
    a.announce("1023", 5)
    assert a.wait_idle(5)
    (t1, _), (t2, _) = a.history
    assert t1 == t2 == announcement_text(TEMPLATE, "1023", 5)


def test_audio_for_the_next_call_is_built_while_the_current_one_plays(clips, fake_time):
    release = threading.Event()
    started = threading.Event()

    class BlockingPlayer:
        def play(self, pcm: Pcm, path: Path | None) -> None:
            started.set()
            release.wait(5)

        def stop(self) -> None:
            release.set()

    a = Announcer(ClipVoice(clips, NO_ESPEAK), BlockingPlayer(), TEMPLATE, monotonic=fake_time.now)
    try:
        a.announce("1023", 5)
        assert started.wait(5)
        a.announce("1024", 6)
        for _ in range(500):  # the second is ready although the first still plays
            if len(a.history) == 2:
                break
            threading.Event().wait(0.01)
        assert len(a.history) == 2
        assert a.records[1].ready_at is not None and a.records[1].started_at is None
        assert not a.idle
        release.set()
        assert a.wait_idle(5)
    finally:
        release.set()
        a.close()


def test_a_bad_number_is_logged_and_the_queue_goes_on(make_announcer, recording_player, caplog):
    a = make_announcer()
    a.announce("1023", 5)
    a.announce("10/23", 5)
    a.announce("1024", 6)
    assert a.wait_idle(5)
    records = a.records
    assert [r.error != "" for r in records] == [False, True, False]
    assert "số thứ tự không hợp lệ" in records[1].error
    assert len(recording_player.plays) == 2
    assert "announcement failed" in caplog.text


def test_a_failing_player_does_not_stop_the_queue(make_announcer):
    class BrokenPlayer:
        calls = 0

        def play(self, pcm: Pcm, path: Path | None) -> None:
            BrokenPlayer.calls += 1
            raise OSError("no sound card")

        def stop(self) -> None:
            pass

    a = make_announcer(player=BrokenPlayer())
    for n in ("1", "2", "3"):
        a.announce(n, 1)
    assert a.wait_idle(5)
    assert BrokenPlayer.calls == 3
    assert all("no sound card" in r.error for r in a.records)


def test_close_without_drain_drops_what_is_queued(clips, fake_time):
    release = threading.Event()
    started = threading.Event()

    class BlockingPlayer:
        plays = 0

        def play(self, pcm: Pcm, path: Path | None) -> None:
            BlockingPlayer.plays += 1
            started.set()
            release.wait(5)

        def stop(self) -> None:
            release.set()

    a = Announcer(ClipVoice(clips, NO_ESPEAK), BlockingPlayer(), TEMPLATE, monotonic=fake_time.now)
    for n in ("1", "2", "3", "4"):
        a.announce(n, 1)
    assert started.wait(5)
    a.close()  # cuts the current one, drops the rest, returns promptly
    assert BlockingPlayer.plays == 1
    assert a.idle
    a.announce("5", 1)  # after close: ignored, not an error
    assert a.idle


def test_close_with_drain_plays_everything(make_announcer, recording_player):
    a = make_announcer()
    for n in ("1", "2", "3"):
        a.announce(n, 1)
    a.close(drain=True)
    assert len(recording_player.plays) == 3


# ----------------------------------------------------------------- build_announcer


def test_none_builds_audio_but_keeps_no_files(fake_time):
    a = build_announcer(VOICE, "none", sleep=fake_time.sleep, monotonic=fake_time.now)
    try:
        t0 = fake_time.now()
        a.announce("1023", 5)
        a.announce("B007", 8)
        assert a.wait_idle(5)
        assert a.history == [
            (announcement_text(TEMPLATE, "1023", 5), None),
            (announcement_text(TEMPLATE, "B007", 8), None),
        ]
        # "playing" took exactly the audio's duration, in (fake) time
        total = sum(r.duration for r in a.records)
        assert fake_time.now() - t0 == pytest.approx(total)
    finally:
        a.close()


def test_file_url_writes_one_wav_per_announcement(tmp_path, fake_time):
    a = build_announcer(VOICE, f"file://{tmp_path}/out", sleep=fake_time.sleep)
    try:
        a.announce("1023", 5)
        a.announce("1023", 5)  # a recall is another file
        assert a.wait_idle(5)
        paths = [p for _, p in a.history]
        assert all(p is not None and p.parent == tmp_path / "out" for p in paths)
        assert len(set(paths)) == 2
        for path, rec in zip(paths, a.records, strict=True):
            with wave.open(str(path)) as w:
                assert w.getnframes() / w.getframerate() == pytest.approx(rec.duration)
            assert rec.duration <= 5.0 * VOICE.repeat + 1.0  # said twice by default
    finally:
        a.close()


def test_south_dialect_from_configuration(fake_time):
    a = build_announcer(VoiceConfig(dialect="south"), "none", sleep=fake_time.sleep)
    try:
        a.announce("1001", 1)
        assert a.wait_idle(5)
        assert "một ngàn không trăm lẻ một" in a.history[0][0]
    finally:
        a.close()


@pytest.mark.parametrize("url", ["bogus://x", "speaker", "tcp://1.2.3.4:9"])
def test_unknown_audio_url_is_refused_in_vietnamese(url):
    with pytest.raises(AudioUrlError, match="thiết bị âm thanh không hợp lệ"):
        build_announcer(VOICE, url)


def test_unknown_engine_is_refused():
    with pytest.raises(AudioUrlError, match="engine"):
        build_announcer(VoiceConfig(engine="festival"), "none")


def test_espeak_engine_announces(fake_time, espeak_ng):
    a = build_announcer(VoiceConfig(engine="espeak"), "none", sleep=fake_time.sleep)
    try:
        a.announce("15", 2)
        assert a.wait_idle(10)
        rec = a.records[0]
        assert rec.error == "" and rec.duration > 1.0
        assert "mười lăm" in rec.text
    finally:
        a.close()


def test_a_restarted_announcer_does_not_overwrite_earlier_wavs(tmp_path, fake_time):
    url = f"file://{tmp_path}"
    for _ in range(2):
        a = build_announcer(VOICE, url, sleep=fake_time.sleep)
        a.announce("1023", 5)
        assert a.wait_idle(5)
        a.close()
    assert len(list(tmp_path.glob("*.wav"))) == 2


def test_calls_from_many_threads_are_played_in_sequence_order(make_announcer, recording_player):
    a = make_announcer()
    threads = [
        threading.Thread(
            target=lambda k=k: [a.announce(str(1000 + 10 * k + i), k) for i in range(5)]
        )
        for k in range(1, 5)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert a.wait_idle(10)
    records = a.records
    assert [r.seq for r in records] == list(range(1, 21))
    assert recording_player.max_active == 1
    for k in range(1, 5):  # each caller's own calls keep their order
        mine = [r.display_number for r in records if r.counter == k]
        assert mine == [str(1000 + 10 * k + i) for i in range(5)]


def test_an_unexpected_error_in_the_voice_does_not_stop_the_queue(recording_player, fake_time):
    class FlakyVoice:
        def __init__(self) -> None:
            self.inner = ClipVoice(ClipLibrary(), NO_ESPEAK)
            self.calls = 0

        def render(self, sentence):
            self.calls += 1
            if self.calls == 2:
                raise KeyError("bug")
            return self.inner.render(sentence)

    a = Announcer(FlakyVoice(), recording_player, TEMPLATE, monotonic=fake_time.now)
    try:
        for n in ("1", "2", "3"):
            a.announce(n, 1)
        assert a.wait_idle(5)
        assert [bool(r.error) for r in a.records] == [False, True, False]
        assert len(recording_player.plays) == 2
    finally:
        a.close()


def test_each_call_is_said_twice_after_one_chime(make_announcer, recording_player):
    once = make_announcer()
    once.announce("1023", 5)
    assert once.wait_idle(10)
    twice = make_announcer(repeat=2)
    twice.announce("1023", 5)
    twice.announce("1023", 5)  # a recall is announced again, twice too
    assert twice.wait_idle(10)
    single = once.records[0].spoken
    assert single[0] == "<chime>"
    body = single[1:]
    rec = twice.records[0]
    assert rec.spoken == [single[0], *body, *body]  # one chime, the sentence twice
    assert rec.duration > 2 * once.records[0].duration - 1.5
    assert len(twice.records) == 2 and twice.records[1].spoken == rec.spoken
    assert VoiceConfig().repeat == 2  # the default: twice
