"""The state of a CUPS queue and of one job, read over IPP with ``ipptool``.

``lp`` only says a job was accepted; whether the printer printed it, holds it, stopped or
aborted it is in the job's IPP attributes (job-state, job-state-reasons,
job-printer-state-message) and the queue's (printer-state, printer-state-message,
printer-is-accepting-jobs). ``ipptool`` (cups-ipp-utils; part of CUPS on macOS) asks the
same server ``lp`` uses and writes its answer as an XML plist, which ``plistlib`` reads, so
nothing here parses localised ``lpstat`` text or builds IPP by hand.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from typing import Any

# IPP job-state and printer-state values (RFC 8011)
PENDING, HELD, PROCESSING, STOPPED, CANCELED, ABORTED, COMPLETED = 3, 4, 5, 6, 7, 8, 9
PRINTER_STOPPED = 5

_JOB_TEST = """{
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR keyword requested-attributes job-state,job-state-reasons,job-printer-state-message
}
"""

_PRINTER_TEST = """{
  OPERATION Get-Printer-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR keyword requested-attributes printer-state,printer-state-reasons,printer-state-message,printer-is-accepting-jobs
}
"""


class IppUnavailable(Exception):
    """ipptool is missing, or the CUPS server did not answer."""


@dataclass(frozen=True)
class QueueState:
    found: bool
    state: int = 3
    accepting: bool = True
    message: str = ""
    reasons: str = ""

    @property
    def stopped(self) -> bool:
        return self.state == PRINTER_STOPPED


@dataclass(frozen=True)
class JobState:
    found: bool
    state: int = PENDING
    reasons: str = ""
    message: str = ""


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def _c_env() -> dict[str, str]:
    return {**os.environ, "LANG": "C", "LC_ALL": "C"}


class IppClient:
    """Asks the CUPS server (the one ``lpstat -H`` names) about queues and jobs."""

    def __init__(self, timeout: float = 10) -> None:
        self.timeout = timeout
        self._server: str | None = None

    def _server_uri(self, path: str) -> str:
        if self._server is None:
            r = self._call(["lpstat", "-H"])
            server = r.stdout.strip() or "localhost:631"
            # a domain socket is written into the URI %-encoded, as CUPS itself does
            self._server = urllib.parse.quote(server, safe="") if server[0] == "/" else server
        return f"ipp://{self._server}{path}"

    def _call(self, args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        if shutil.which(args[0]) is None:
            raise IppUnavailable(f"{args[0]} not installed")
        try:
            return subprocess.run(
                args,
                input=stdin,
                capture_output=True,
                text=True,
                timeout=self.timeout + 5,
                env=_c_env(),
            )
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise IppUnavailable(str(exc)) from None

    def _ask(self, uri: str, test: str, **variables: str) -> tuple[str, dict[str, Any]]:
        """Run one ipptool test; (status code, the non-operation attributes)."""
        args = ["ipptool", "-T", str(int(self.timeout)), "-X"]
        for name, value in variables.items():
            args += ["-d", f"{name}={value}"]
        r = self._call([*args, uri, "/dev/stdin"], stdin=test)
        start = r.stdout.find("<?xml")
        if start < 0:
            raise IppUnavailable((r.stderr or r.stdout).strip() or "ipptool gave no answer")
        try:
            data = plistlib.loads(r.stdout[start:].encode())
            result = data["Tests"][0]
        except (plistlib.InvalidFileException, KeyError, IndexError, ValueError) as exc:
            raise IppUnavailable(f"ipptool: {exc}") from None
        status = str(result.get("StatusCode", ""))
        if not status:  # no IPP answer: the server is down or unreachable
            raise IppUnavailable("; ".join(map(str, result.get("Errors", []))) or "no answer")
        attrs: dict[str, Any] = {}
        for group in result.get("ResponseAttributes", [])[1:]:
            attrs.update(group)
        return status, attrs

    def queue(self, name: str) -> QueueState:
        status, a = self._ask(
            self._server_uri(f"/printers/{urllib.parse.quote(name)}"), _PRINTER_TEST
        )
        if status == "client-error-not-found":
            return QueueState(found=False)
        return QueueState(
            found=True,
            state=int(a.get("printer-state", 3)),
            accepting=bool(a.get("printer-is-accepting-jobs", True)),
            message=_text(a.get("printer-state-message")),
            reasons=_text(a.get("printer-state-reasons")),
        )

    def job(self, job_id: int) -> JobState:
        status, a = self._ask(self._server_uri("/"), _JOB_TEST, job_id=str(job_id))
        if status == "client-error-not-found":
            return JobState(found=False)
        return JobState(
            found=True,
            state=int(a.get("job-state", PENDING)),
            reasons=_text(a.get("job-state-reasons")),
            message=_text(a.get("job-printer-state-message")),
        )

    def cancel(self, queue: str, job_id: int) -> None:
        """Withdraw a job that will not print now, so it cannot print later beside a retry."""
        with contextlib.suppress(IppUnavailable):
            self._call(["cancel", f"{queue}-{job_id}"])
