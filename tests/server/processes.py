"""Run `motcua serve` as a real subprocess for crash and multi-process tests."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import requests

SRC = Path(__file__).resolve().parents[2] / "src"


class ServerProcess:
    def __init__(
        self,
        db: Path,
        log: Path,
        config: Path | None = None,
        *,
        env: dict[str, str] | None = None,
        open_files: int | None = None,
    ) -> None:
        env = dict(os.environ, PYTHONPATH=str(SRC), PYTHONUNBUFFERED="1", **(env or {}))

        def limit_files() -> None:  # start as systemd would by default: a soft limit of 1,024
            if open_files is not None:
                hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
                resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, hard))

        cmd = [sys.executable, "-m", "motcua", "serve", "--db", str(db)]
        cmd += ["--host", "127.0.0.1", "--port", "0"]
        if config is not None:
            cmd += ["--config", str(config)]
        self._log = log.open("ab")
        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=env,
            text=True,
            preexec_fn=limit_files if open_files is not None else None,
        )
        self.db = db
        self.output: list[str] = []
        self.url = ""
        deadline = time.monotonic() + 30
        assert self.proc.stdout is not None
        while not self.url:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"server exited early: {log.read_text(errors='replace')}")
            self.output.append(line.rstrip("\n"))
            if line.startswith("Listening on "):
                self.url = line.split()[-1]
            if time.monotonic() > deadline:
                raise TimeoutError("server did not start")
        while True:  # the socket listens already; wait until the app has started too
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("server not healthy")
            time.sleep(0.02)

    @property
    def admin_token_file(self) -> Path | None:
        for line in self.output:
            if line.startswith("ADMIN_TOKEN_FILE="):
                return Path(line.split("=", 1)[1])
        return None

    @property
    def admin_token(self) -> str | None:
        path = self.admin_token_file
        return path.read_text(encoding="utf-8").strip() if path is not None else None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no cleanup, no final commit
        self.proc.wait(10)
        self._close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._close()

    def _close(self) -> None:
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._log.close()
