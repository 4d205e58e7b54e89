"""`motcua printer ...`: test, status, preview, sim-server.

    motcua printer test --printer tcp://192.168.1.50:9100 [--profile 80mm]
    motcua printer status --printer serial:///dev/ttyUSB0?baudrate=115200
    motcua printer preview --layout ticket|receipt|test --out ticket.png [--profile 58mm]
    motcua printer sim-server --listen 127.0.0.1:9100 --out /tmp/jobs

Exit codes: 0 printed / printer OK, 1 failed / not OK (the reason is printed), 2 usage.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = sub.add_parser(
        "printer",
        help="máy in phiếu: in thử, trạng thái, xem trước / ticket printer tools",
        description="Máy in phiếu ESC/POS: in thử, trạng thái, xem trước mẫu phiếu.",
    )
    actions = parser.add_subparsers(dest="printer_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser, printer: bool = True) -> None:
        p.add_argument("--config", help="center TOML (default: the demo configuration)")
        if printer:
            p.add_argument(
                "--printer", help="printer URL (default: [devices] printer), e.g. tcp://ip:9100"
            )
        p.add_argument("--profile", help="printer profile: 58mm, 80mm, 80mm-512 or configured")

    p = actions.add_parser("test", help="in một phiếu thử / print a test ticket")
    common(p)
    p.add_argument("--page", action="store_true", help="print the technician's test page")
    p.set_defaults(func=_test)

    p = actions.add_parser("status", help="trạng thái máy in / printer status (DLE EOT)")
    common(p)
    p.set_defaults(func=_status)

    p = actions.add_parser("preview", help="xem trước mẫu phiếu thành PNG / layout preview")
    common(p, printer=False)
    p.add_argument(
        "--layout", choices=["ticket", "receipt", "papers", "test"], default="ticket"
    )
    p.add_argument(
        "--procedure", default="1.001193", help="papers: the catalog procedure (default khai sinh)"
    )
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--service", help="service code for the ticket (default: the first)")
    p.add_argument("--priority", help="priority group code, e.g. elderly")
    p.add_argument("--citizen", help="citizen full name (printed masked)")
    p.add_argument("--bin", help="also write the ESC/POS bytes to this file")
    p.set_defaults(func=_preview)

    p = actions.add_parser(
        "sim-server", help="máy in ảo qua mạng (TCP 9100) / a virtual network printer"
    )
    common(p, printer=False)
    p.add_argument("--listen", default="127.0.0.1:9100", help="host:port (default 127.0.0.1:9100)")
    p.add_argument("--out", help="directory for one PNG per job")
    p.set_defaults(func=_sim_server)


def _config(args: argparse.Namespace):
    from motcua.config import ConfigError, load_config

    try:
        return load_config(args.config)
    except ConfigError as exc:
        print(f"motcua printer: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def _open(args: argparse.Namespace):
    from motcua.printer import PrinterConfigError, open_configured_printer

    config = _config(args)
    try:
        return config, open_configured_printer(config, args.printer, args.profile)
    except PrinterConfigError as exc:
        print(f"motcua printer: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def _test(args: argparse.Namespace) -> int:
    from motcua.printer.samples import sample_ticket

    config, printer = _open(args)
    with printer:
        if args.page:
            result = printer.print_test_page()
        else:
            slip = sample_ticket(
                config,
                issued_at=printer.clock.now(),
                footer="PHIẾU IN THỬ — không dùng để xếp hàng",
            )
            result = printer.print_ticket(slip)
    print(f"{printer.url}: {result.code} — {result.message_vi} / {result.message_en}")
    print(f"bytes sent: {result.bytes_sent}")
    return 0 if result.ok else 1


def _status(args: argparse.Namespace) -> int:
    _, printer = _open(args)
    with printer:
        st = printer.status()
    print(f"{printer.url}: {st.describe_vi()}")
    print(f"online={st.online} paper={st.paper} cover_open={st.cover_open} error={st.error}")
    print("OK" if st.ok else "NOT OK" if st.known else "UNKNOWN (no answer)")
    return 0 if st.ok else 1


def _preview(args: argparse.Namespace) -> int:
    from pathlib import Path

    from motcua.logs import mask_name
    from motcua.printer import FontSet, PrinterConfigError, get_profile
    from motcua.printer.decoder import parse
    from motcua.printer.layouts import check_page_job, ticket_job
    from motcua.printer.paper import render_ops
    from motcua.printer.papers_list import papers_list_job
    from motcua.printer.profiles import ProfileError, configured_profiles
    from motcua.printer.receipt import receipt_job
    from motcua.printer.samples import sample_receipt, sample_ticket

    config = _config(args)
    try:
        profile = get_profile(
            args.profile or config.devices.printer_profile, configured_profiles(config)
        )
        fonts = FontSet().check()
    except (ProfileError, PrinterConfigError) as exc:
        print(f"motcua printer: {exc}", file=sys.stderr)
        return 2
    if args.layout == "ticket":
        service = config.service(args.service) if args.service else config.services[0]
        if service is None:
            print(f"motcua printer: unknown service {args.service!r}", file=sys.stderr)
            return 2
        extra: dict[str, object] = {}
        if args.priority:
            group = config.priority_group(args.priority)
            if group is None:
                print(f"motcua printer: unknown priority group {args.priority!r}", file=sys.stderr)
                return 2
            extra["priority_label"] = group.label
        if args.citizen:
            extra["citizen_name"] = mask_name(args.citizen)
        data = ticket_job(sample_ticket(config, service, None, **extra), profile, fonts)
    elif args.layout == "receipt":
        data = receipt_job(sample_receipt(config), profile, fonts)
    elif args.layout == "papers":
        papers = _sample_papers(config, args.procedure)
        if papers is None:
            print(f"motcua printer: unknown procedure {args.procedure!r}", file=sys.stderr)
            return 2
        data = papers_list_job(papers, profile, fonts)
    else:
        from datetime import UTC, datetime
        from zoneinfo import ZoneInfo

        moment = datetime(2026, 11, 20, 2, 5, tzinfo=UTC).astimezone(
            ZoneInfo(config.center.timezone)
        )
        data = check_page_job(profile, fonts, moment)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    render_ops(parse(data), profile.width_dots, fonts).save(out)
    if args.bin:
        Path(args.bin).write_bytes(data)
    print(f"{out}: {args.layout}, profile {profile.name}, {len(data)} bytes of ESC/POS")
    return 0


def _sample_papers(config, code: str):
    """A procedure of the shipped catalog as the kiosk prints it (a fixed moment)."""
    from datetime import UTC, datetime

    from motcua.catalog import open_catalog
    from motcua.printer.papers_list import PapersList

    p = open_catalog().get(code)
    if p is None:
        return None
    return PapersList.of(p, config.center, datetime(2026, 11, 20, 2, 5, tzinfo=UTC))


def _sim_server(args: argparse.Namespace) -> int:
    """A SimDevice behind a TCP port: point a kiosk at tcp://host:port to watch jobs."""
    import socket
    import threading

    from motcua.printer import FontSet, get_profile
    from motcua.printer.sim import SimDevice, serve_stream

    config = _config(args)
    profile = get_profile(args.profile or config.devices.printer_profile)
    host, _, port = args.listen.rpartition(":")
    device = SimDevice(profile.width_dots, out_dir=args.out, fonts=FontSet().check())
    server = socket.create_server((host or "127.0.0.1", int(port)))
    bound_host, bound_port = server.getsockname()[:2]
    bound = f"{bound_host}:{bound_port}"
    print(f"sim printer ({profile.name}) listening on {bound}; jobs -> {args.out or '-'}")
    print("one connection at a time; Ctrl+C stops", flush=True)
    stop = threading.Event()
    try:
        while True:
            conn, peer = server.accept()
            conn.settimeout(0.1)
            before = len(device.jobs)

            def recv(conn: socket.socket = conn) -> bytes | None:
                try:
                    return conn.recv(65536) or None
                except TimeoutError:
                    return b""

            serve_stream(device, recv, conn.sendall, stop)
            conn.close()
            print(f"{peer[0]}: {len(device.jobs) - before} job(s), {len(device.jobs)} in all")
    except KeyboardInterrupt:
        return 0
    finally:
        server.close()
