"""`motcua kiosk` (the citizen touchscreen) and `motcua kiosk hash-pin PIN`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kiosk",
        help="máy lấy số / citizen touchscreen kiosk",
        description=(
            "Máy lấy số cho công dân. Không có --server: tự chạy hàng đợi của trung tâm và máy "
            "chủ cho quầy trên mạng LAN. With --server URL --token T: joins a center. "
            "`motcua kiosk hash-pin PIN` prints a hash for [kiosk] technician_pin_hash."
        ),
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=["hash-pin", "set-pin"],
        help="hash-pin PIN: print a hash; set-pin --config FILE: ask a new PIN, write its hash",
    )
    p.add_argument("pin", nargs="?", help="the PIN to hash (hash-pin)")
    p.add_argument("--config", help="center TOML (default: the shipped demo configuration)")
    p.add_argument("--db", default="var/motcua.db", help="SQLite database when embedded")
    p.add_argument("--server", help="join the center server at this URL (http://...)")
    p.add_argument("--token", help="device token for --server (role kiosk)")
    p.add_argument("--printer", help="printer URL (default: [devices] printer)")
    p.add_argument("--scanner", help="ID scanner URL, or 'wedge' (default: [devices] id_scanner)")
    p.add_argument(
        "--audio",
        help="voice guidance's audio URL: default, none, file:///DIR, sim:// "
        "(default: [devices] audio)",
    )
    p.add_argument("--catalog", help="procedure catalog SQLite (default: the demo catalog)")
    p.add_argument(
        "--windowed",
        action="store_true",
        help="a window of the kiosk's real size (1080x1920), scaled to fit (development, demos)",
    )
    p.add_argument(
        "--landscape", action="store_true", help="with --windowed: a 1920x1080 kiosk screen"
    )
    p.add_argument(
        "--scale",
        type=float,
        default=0.5,
        help="with --windowed: draw the kiosk at this scale (default 0.5; 1 = real pixels)",
    )
    p.add_argument("--language", choices=["vi", "en"], help="start language (default config)")
    p.add_argument(
        "--rating-for-counter",
        type=int,
        metavar="N",
        help="rating tablet of counter N: opens the rating when N finishes a ticket",
    )
    p.add_argument("--no-serve", action="store_true", help="embedded: no LAN server")
    p.add_argument(
        "--screenshots", metavar="DIR", help="write a PNG of every screen (offscreen), then exit"
    )
    # bench/kiosk_start.py: print start-up figures at the first painted frame, then exit
    p.add_argument("--first-frame-exit", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "hash-pin":
        return _hash_pin(args.pin)
    if args.action == "set-pin":
        return _set_pin(args.config, args.pin)
    if args.server and not args.token:
        print("--server cần --token (mã thiết bị vai trò kiosk) / --server needs --token")
        return 2
    if args.screenshots:
        from motcua.kiosk.screenshots_qt import write_screenshots

        return write_screenshots(args.screenshots, config_path=args.config)
    from motcua.kiosk.main_qt import main

    return main(args)


def _ask_pin(pin: str | None) -> str | None:
    import getpass

    from motcua.pin import pin_problem

    if not pin:
        pin = getpass.getpass("PIN: ")
    problem = pin_problem(pin)
    if problem:
        print(f"{problem[0]} / {problem[1]}")
        return None
    return pin


def _hash_pin(pin: str | None) -> int:
    from motcua.pin import hash_pin

    checked = _ask_pin(pin)
    if checked is None:
        return 2
    print(hash_pin(checked))
    return 0


def _set_pin(config: str | None, pin: str | None) -> int:
    """The technician PIN of configuration FILE (the hash written, the PIN never)."""
    from motcua.config import ConfigError
    from motcua.config_file import set_keys
    from motcua.pin import hash_pin

    if not config:
        print("set-pin cần --config FILE / set-pin needs --config FILE")
        return 2
    checked = _ask_pin(pin)
    if checked is None:
        return 2
    try:
        set_keys(config, {("kiosk", "technician_pin_hash"): hash_pin(checked)})
    except ConfigError as exc:
        print(exc)
        return 1
    print(f"Đã đặt mã PIN mới / the new PIN is set: {config}")
    return 0
