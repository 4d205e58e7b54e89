"""`motcua install` into a temporary root; the units it writes pass systemd-analyze verify."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.appliance.install import ENV_FILES, ROLES, InstallError, deploy_dir, install

REPO = Path(__file__).resolve().parents[2]
MOTCUA = Path(sys.executable).with_name("motcua")


def _write_config(path: Path) -> None:
    path.write_text("# test config\n")


def test_deploy_dir_is_the_repository_folder() -> None:
    assert deploy_dir() == REPO / "deploy"
    for units in ROLES.values():
        for name in units:
            assert (deploy_dir() / "systemd" / name).is_file()


@pytest.mark.parametrize("role", list(ROLES))
def test_install_writes_units_rules_and_config(role: str, tmp_path: Path) -> None:
    report = install(
        role,
        root=tmp_path,
        prefix="/srv/mc",
        user="kiosk1",
        server="http://127.0.0.1:8080",
        write_config=_write_config,
    )
    units = tmp_path / "etc/systemd/system"
    for name in ROLES[role]:
        text = (units / name).read_text()
        assert "/opt/motcua" not in text
        if name.endswith(".service"):
            assert "User=kiosk1\n" in text and "/srv/mc/.venv/bin/motcua" in text
    assert (tmp_path / "etc/udev/rules.d/60-motcua.rules").is_file()
    config = tmp_path / "etc/motcua/center.toml"
    assert config.read_text() == "# test config\n"
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    if role in ENV_FILES:
        env = tmp_path / "etc/motcua" / ENV_FILES[role]
        assert "MOTCUA_SERVER=http://127.0.0.1:8080" in env.read_text()
        assert stat.S_IMODE(env.stat().st_mode) == 0o600  # it will hold a token
        assert any("MOTCUA_TOKEN" in step for step in report.next_steps)
    assert any("systemctl enable --now" in step for step in report.next_steps)


def test_an_existing_configuration_is_kept(tmp_path: Path) -> None:
    config = tmp_path / "etc/motcua/center.toml"
    config.parent.mkdir(parents=True)
    config.write_text("mine")
    report = install("center", root=tmp_path, write_config=_write_config)
    assert config.read_text() == "mine" and config in report.kept


def test_token_file_fills_the_env_file(tmp_path: Path) -> None:
    token = tmp_path / "tok"
    token.write_text("mc_secret\n")
    install("display", root=tmp_path / "r", token_file=token, write_config=_write_config)
    assert "MOTCUA_TOKEN=mc_secret\n" in (tmp_path / "r/etc/motcua/display.env").read_text()


def test_bad_requests_are_bilingual_errors(tmp_path: Path) -> None:
    with pytest.raises(InstallError) as bad_role:
        install("toaster", root=tmp_path, write_config=_write_config)
    assert "Vai trò" in bad_role.value.message_vi and "center" in bad_role.value.message_en
    with pytest.raises(InstallError) as enable:
        install("center", root=tmp_path, enable=True, write_config=_write_config)
    assert enable.value.code == "enable_needs_root"
    with pytest.raises(InstallError) as nodeploy:
        install("center", root=tmp_path, source=tmp_path / "nowhere", write_config=_write_config)
    assert nodeploy.value.code == "no_deploy"


@pytest.mark.parametrize("role", list(ROLES))
def test_systemd_analyze_verify_passes(role: str, tmp_path: Path) -> None:
    """The real units, pointed at this checkout's venv (systemd checks ExecStart exists)."""
    assert shutil.which("systemd-analyze"), "scripts/setup installs systemd"
    assert shutil.which("cage"), "scripts/setup installs cage (the kiosk session)"
    assert MOTCUA.exists()
    venv = Path(sys.executable).parent.parent
    install(role, root=tmp_path, prefix=str(venv.parent), write_config=_write_config)
    if venv.name != ".venv":  # a venv elsewhere: point the units at it directly
        for unit in (tmp_path / "etc/systemd/system").iterdir():
            unit.write_text(unit.read_text().replace(f"{venv.parent}/.venv", str(venv)))
    for unit in sorted((tmp_path / "etc/systemd/system").iterdir()):
        result = subprocess.run(
            ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{unit.name}: {result.stderr}"


def test_cli_install_prints_what_it_wrote(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "motcua",
            "install",
            "--role",
            "keypads",
            "--root",
            str(tmp_path),
            "--server",
            "http://127.0.0.1:8080",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "motcua-keypads.service" in result.stdout
    assert (tmp_path / "etc/motcua/center.toml").read_text().startswith("#")
    again = subprocess.run(
        [sys.executable, "-m", "motcua", "install", "--role", "nope", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert again.returncode == 2  # argparse refuses the role
