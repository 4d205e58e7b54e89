"""`motcua install`: write this machine's units, rules and configuration for one role.

The unit files are the repository's ``deploy/`` files, written for a checkout in
``/opt/motcua`` run by the user ``motcua``; the installer rewrites those two for the
machine and writes into ``root`` (``/`` on the appliance, a temporary folder in tests).
An existing configuration is never overwritten. With ``enable`` (only for ``root=/``) it
also creates the service user and enables the units.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PREFIX = "/opt/motcua"
DEFAULT_USER = "motcua"

ROLES: dict[str, tuple[str, ...]] = {
    "center": ("motcua-center.service", "motcua-backup.service", "motcua-backup.timer"),
    # The commune office: the kiosk hosts the center, so its database is backed up too.
    "kiosk": ("motcua-kiosk.service", "motcua-backup.service", "motcua-backup.timer"),
    "display": ("motcua-display.service",),
    "keypads": ("motcua-keypads.service",),
}
# Units started at boot (the backup service is started by its timer).
ENABLE: dict[str, tuple[str, ...]] = {
    "center": ("motcua-center.service", "motcua-backup.timer"),
    "kiosk": ("motcua-kiosk.service", "motcua-backup.timer"),
    "display": ("motcua-display.service",),
    "keypads": ("motcua-keypads.service",),
}
# Roles that join a center over the LAN read its URL and their token from an env file.
ENV_FILES = {"display": "display.env", "keypads": "keypads.env"}
UDEV_RULES = "60-motcua.rules"


class InstallError(Exception):
    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code, self.message_vi, self.message_en = code, message_vi, message_en

    def __str__(self) -> str:
        return f"{self.message_vi} / {self.message_en}"


@dataclass
class InstallReport:
    role: str
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


def deploy_dir() -> Path:
    """The repository's deploy/ folder (the appliance runs from a checkout)."""
    return Path(__file__).resolve().parents[3] / "deploy"


def render_unit(text: str, *, prefix: str, user: str) -> str:
    text = text.replace(DEFAULT_PREFIX, prefix.rstrip("/") or "/")
    text = text.replace(f"User={DEFAULT_USER}\n", f"User={user}\n")
    return text.replace(f"Group={DEFAULT_USER}\n", f"Group={user}\n")


def install(
    role: str,
    *,
    root: Path,
    prefix: str = DEFAULT_PREFIX,
    user: str = DEFAULT_USER,
    server: str = "",
    token_file: Path | None = None,
    write_config: Callable[[Path], None],
    source: Path | None = None,
    enable: bool = False,
    run: Callable[[Sequence[str]], object] = lambda argv: subprocess.run(argv, check=True),
) -> InstallReport:
    """Write what ``role`` needs under ``root``; ``write_config(path)`` writes a new config."""
    if role not in ROLES:
        raise InstallError(
            "unknown_role",
            f"Vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}",
            f"unknown role '{role}'; choose one of: {', '.join(ROLES)}",
        )
    src = source or deploy_dir()
    if not (src / "systemd").is_dir():
        raise InstallError(
            "no_deploy",
            f"Không thấy thư mục deploy/ ({src}): hãy cài từ bản sao kho mã (git clone).",
            f"no deploy/ folder at {src}: install from a checkout of the repository",
        )
    if enable and root.resolve() != Path("/"):
        raise InstallError(
            "enable_needs_root",
            "Chỉ bật dịch vụ khi cài vào / (không phải thư mục thử).",
            "--enable only applies when installing into /",
        )
    report = InstallReport(role)
    units = root / "etc/systemd/system"
    for name in ROLES[role]:
        text = render_unit((src / "systemd" / name).read_text(), prefix=prefix, user=user)
        report.written.append(_write(units / name, text, 0o644))
    rules = (src / "udev" / UDEV_RULES).read_text()
    report.written.append(_write(root / "etc/udev/rules.d" / UDEV_RULES, rules, 0o644))

    etc = root / "etc/motcua"
    config = etc / "center.toml"
    if config.exists():
        report.kept.append(config)
    else:
        etc.mkdir(parents=True, exist_ok=True)
        write_config(config)
        os.chmod(config, 0o640)
        report.written.append(config)
    if role in ENV_FILES:
        env = etc / ENV_FILES[role]
        if env.exists():
            report.kept.append(env)
        else:
            token = token_file.read_text().strip() if token_file else ""
            body = (
                f"# The center this {role} joins, and its device token "
                f"(`motcua token create --role {'display' if role == 'display' else 'admin'}`).\n"
                f"MOTCUA_SERVER={server or 'http://CENTER-IP:8080'}\n"
                f"MOTCUA_TOKEN={token}\n"
            )
            report.written.append(_write(env, body, 0o600))
            if not token:
                report.next_steps.append(f"điền MOTCUA_TOKEN trong / fill in MOTCUA_TOKEN in {env}")

    enabled = " ".join(ENABLE[role])
    steps = [
        f"useradd --system --home-dir /var/lib/motcua --shell /usr/sbin/nologin {user}",
        "udevadm control --reload && udevadm trigger",
        "systemctl daemon-reload",
        f"systemctl enable --now {enabled}",
    ]
    if enable:
        if (
            shutil.which("getent")
            and subprocess.run(["getent", "passwd", user], capture_output=True).returncode != 0
        ):
            run(
                [
                    "useradd",
                    "--system",
                    "--home-dir",
                    "/var/lib/motcua",
                    "--shell",
                    "/usr/sbin/nologin",
                    user,
                ]
            )
        run(["udevadm", "control", "--reload"])
        run(["systemctl", "daemon-reload"])
        run(["systemctl", "enable", "--now", *ENABLE[role]])
    else:
        report.next_steps.extend(steps)
    return report


def _write(path: Path, text: str, mode: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, mode)
    os.replace(tmp, path)
    return path
