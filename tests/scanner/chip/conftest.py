"""A private pcscd with the vpcd reader driver, and an emulated card (vicc) on it.

Tests start and stop the daemon themselves (CI has no running services). pcscd 1.9.9
always puts its socket at /run/pcscd/pcscd.comm, so it runs in its own mount namespace
with our temporary folder bound there; the client finds it through PCSCLITE_CSOCK_NAME.
The vpcd port is a free one, so a machine's own pcscd (or another test run) is untouched.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.scanner.conftest import _wait_until

HERE = Path(__file__).parent
VPCD = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VICC_PKG = Path("/usr/lib/python3/site-packages/virtualsmartcard")


def wait_until(predicate: Callable[[], bool], timeout: float = 15.0) -> bool:
    return _wait_until(predicate, timeout)


def _end(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Pcscd:
    root: Path
    port: int
    proc: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        return self.root / "run" / "pcscd.comm"

    def start(self) -> None:
        run = self.root / "run"
        run.mkdir(exist_ok=True)
        for stale in run.iterdir():
            stale.unlink()
        script = (
            f"mkdir -p /run/pcscd && mount --bind {run} /run/pcscd && "
            f"exec pcscd -f -c {self.root / 'conf'}"
        )
        flags = ["-m"] if os.geteuid() == 0 else ["-r", "-m"]
        self.proc = subprocess.Popen(
            ["unshare", *flags, "sh", "-c", script],
            stdout=open(self.root / "pcscd.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        assert wait_until(self.socket_path.exists), (self.root / "pcscd.log").read_text()

    def stop(self) -> None:
        _end(self.proc)
        self.proc = None


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    for tool in ("pcscd", "unshare"):
        assert shutil.which(tool), f"{tool} missing: scripts/setup installs it"
    assert VPCD.exists(), "vsmartcard-vpcd missing: scripts/setup installs it"
    root = tmp_path_factory.mktemp("pcscd")
    port = _free_port()
    (root / "conf").mkdir()
    (root / "conf" / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{port:X}\n'
        f"LIBPATH {VPCD}\nCHANNELID 0x{port:X}\n"
    )
    daemon = Pcscd(root, port)
    os.environ["PCSCLITE_CSOCK_NAME"] = str(daemon.socket_path)
    daemon.start()
    yield daemon
    daemon.stop()


def _card_present() -> bool:
    from motcua.scanner.chip.errors import ChipError
    from motcua.scanner.chip.reader import PcscReader

    reader = PcscReader("pcsc://")
    try:
        return any(reader.card_states().values())
    except ChipError:
        return False
    finally:
        reader.close()


@dataclass
class Vicc:
    folder: Path
    port: int
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "vicc_card.py"), str(self.folder), str(self.port)],
            stdout=subprocess.PIPE,
            stderr=open(self.folder / "vicc.log", "ab"),  # noqa: SIM115
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert b"connected" in line, (self.folder / "vicc.log").read_text()
        assert wait_until(_card_present), "pcscd does not see the card"

    def stop(self) -> None:
        _end(self.proc)
        self.proc = None
        # pcscd notices the card is gone on its next poll: wait for it, so the next test
        # does not connect to a card that is no longer there.
        assert wait_until(lambda: not _card_present()), "pcscd still sees the stopped card"


@pytest.fixture(scope="session")
def card_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    import tests.scanner.chip.chipdata as c
    from cryptography.hazmat.primitives import serialization

    assert VICC_PKG.exists(), "vsmartcard-vpicc missing: scripts/setup installs it"
    folder = tmp_path_factory.mktemp("card")
    d1, d13, d2 = c.dg1(), c.dg13(), c.dg2(c.jp2_photo())
    ca_key, ca_cert = c.make_ca()
    sod = c.sod({1: d1, 2: d2, 13: d13}, c.make_signer(ca_key, ca_cert))
    for fid, data in (("0101", d1), ("010D", d13), ("0102", d2), ("011D", sod)):
        (folder / fid).write_bytes(data)
    (folder / "key").write_text(c.MRZ_KEY)
    return {
        "folder": folder,
        "csca_pem": ca_cert.public_bytes(serialization.Encoding.PEM),
        "photo": c.jp2_photo,
    }


@pytest.fixture
def pace_card(
    pcscd: Pcscd, card_files: dict[str, object], tmp_path: Path
) -> Iterator[Callable[..., Vicc]]:
    """Start a PACE-capable card: ``pace_card(card_access_hex, refuse_mrz=False,
    refuse_can=False)`` (refusing PACE with that password)."""
    import tests.scanner.chip.chipdata as c

    started: list[Vicc] = []

    def start(card_access: str, refuse_mrz: bool = False, refuse_can: bool = False) -> Vicc:
        source = card_files["folder"]
        assert isinstance(source, Path)
        folder = tmp_path / f"card{len(started)}"
        shutil.copytree(source, folder)
        (folder / "011C").write_bytes(bytes.fromhex(card_access))
        (folder / "can").write_text(c.CAN)
        if refuse_mrz:
            (folder / "refuse_mrz").write_text("1")
        if refuse_can:
            (folder / "refuse_can").write_text("1")
        card = Vicc(folder, pcscd.port)
        card.start()
        started.append(card)
        return card

    yield start
    for card in started:
        card.stop()


@pytest.fixture
def vicc(pcscd: Pcscd, card_files: dict[str, object]) -> Iterator[Vicc]:
    folder = card_files["folder"]
    assert isinstance(folder, Path)
    card = Vicc(folder, pcscd.port)
    card.start()
    yield card
    card.stop()


@pytest.fixture
def senior_vicc(pcscd: Pcscd, card_files: dict[str, object], tmp_path: Path) -> Iterator[Vicc]:
    """A BAC-only card marked "Không thời hạn": MRZ expiry '<<<<<<' (chipdata.SENIOR_*),
    DG1/DG13 of its own, a SOD signed over them by the same test CSCA."""
    import tests.scanner.chip.chipdata as c

    folder = tmp_path / "senior"
    folder.mkdir()
    d1, d13 = c.dg1(c.SENIOR_MRZ_LINES), c.senior_dg13()
    ca_key, ca_cert = c.make_ca()
    sod = c.sod({1: d1, 13: d13}, c.make_signer(ca_key, ca_cert))
    for fid, data in (("0101", d1), ("010D", d13), ("011D", sod)):
        (folder / fid).write_bytes(data)
    (folder / "key").write_text(c.SENIOR_MRZ_KEY)
    card = Vicc(folder, pcscd.port)
    card.start()
    yield card
    card.stop()
