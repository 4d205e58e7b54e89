"""``motcua announce``: print an announcement, write its WAV, or speak it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from motcua.config import VoiceConfig


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "announce",
        help="đọc số thứ tự / speak a call: sentence, WAV, or audio",
        description="Mời công dân có số thứ tự … đến quầy số … — in câu (--text), ghi WAV "
        "(--wav), hoặc phát ra loa (mặc định). Print the sentence, write a WAV, or play it.",
    )
    p.add_argument("--number", required=True, help="số thứ tự như in trên phiếu: 1023, B007")
    p.add_argument("--counter", required=True, type=int, help="số quầy / counter number")
    p.add_argument("--text", action="store_true", help="in câu thông báo / print the sentence")
    p.add_argument("--wav", type=Path, help="ghi âm thanh ra tệp WAV / write the audio here")
    p.add_argument("--dialect", choices=("north", "south"), help="linh/nghìn or lẻ/ngàn")
    p.add_argument("--engine", choices=("clips", "espeak"), help="shipped clips or espeak-ng")
    p.add_argument("--audio", help="audio device URL: default | none | file:///dir")
    p.add_argument("--config", type=Path, help="center TOML (default: the demo center)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from motcua.config import ConfigError, load_config
    from motcua.voice.espeak import SpeechUnavailable
    from motcua.voice.numbers import NumberWordsError
    from motcua.voice.sentence import build_sentence

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    voice = config.voice
    if args.dialect:
        voice = replace(voice, dialect=args.dialect)
    if args.engine:
        voice = replace(voice, engine=args.engine)
    try:
        sentence = build_sentence(voice.template, args.number, args.counter, voice.dialect)
        if args.text or not args.wav:
            print(sentence.text)
        if args.wav:
            from motcua.display.announcer import build_voice

            rendering = build_voice(voice).render(sentence)
            rendering.pcm.write(args.wav)
            print(f"{args.wav}: {rendering.duration:.2f} s", file=sys.stderr)
        if not args.text and not args.wav:
            return _speak(voice, args.audio or config.devices.audio, args.number, args.counter)
    except (NumberWordsError, SpeechUnavailable, ValueError, OSError) as exc:
        print(f"lỗi / error: {exc}", file=sys.stderr)
        return 2
    return 0


def _speak(voice: VoiceConfig, audio_url: str, number: str, counter: int) -> int:
    from motcua.display.announcer import build_announcer

    app = None
    if audio_url == "default":
        from PySide6.QtCore import QCoreApplication, QTimer

        app = QCoreApplication.instance() or QCoreApplication([])
    announcer = build_announcer(voice, audio_url)
    announcer.announce(number, counter)
    if app is not None:
        timer = QTimer()
        timer.timeout.connect(lambda: announcer.idle and app.quit())
        timer.start(50)
        app.exec()
    announcer.wait_idle(30)
    rec = announcer.records[-1]
    announcer.close()
    if rec.error:
        print(f"lỗi / error: {rec.error}", file=sys.stderr)
        return 1
    return 0
