"""Drive WebKitGTK, the WebKit engine family that Safari and every iPhone browser use, through its WebDriver.

Debian's `webkit2gtk-driver` gives `WebKitWebDriver` and the `MiniBrowser` it automates; MiniBrowser needs an X
display, so a private Xvfb is started when none is set (`xvfb`). Selenium's `webdriver.WebKitGTK` speaks the
protocol. `missing()` says what is not installed, in words `.ci/run` and the tests can print.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import time
from typing import Any, Iterator

DRIVER = "WebKitWebDriver"
MINIBROWSER_GLOB = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"


def driver_path() -> str | None:
    return shutil.which(DRIVER)


def minibrowser_path() -> str | None:
    found = sorted(glob.glob(MINIBROWSER_GLOB))
    return found[-1] if found else None


def missing() -> list[str]:
    """Debian packages still needed to run WebKit here (empty when everything is installed)."""
    need = []
    if not driver_path() or not minibrowser_path():
        need.append("webkit2gtk-driver")
    if not os.environ.get("DISPLAY") and not shutil.which("Xvfb"):
        need.append("xvfb")
    return need


@contextlib.contextmanager
def display() -> Iterator[str]:
    """An X display for MiniBrowser: $DISPLAY if set, else a private Xvfb for as long as the block runs."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def session(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """One WebKitGTK WebDriver session (a fresh, ephemeral profile) with its window at ``width``×``height``."""
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    with display() as name:
        options = Options()
        options.binary_location = minibrowser_path()
        options.add_argument("--automation")
        env = {**os.environ, "DISPLAY": name}
        service = Service(executable_path=driver_path(), env=env)
        last: Exception | None = None
        for _ in range(3):  # the driver's port is sometimes not yet listening on a loaded machine
            try:
                driver = webdriver.WebKitGTK(options=options, service=service)
                break
            except Exception as err:  # selenium raises several types here; retried, then re-raised below
                last = err
                time.sleep(1)
        else:
            raise RuntimeError(f"WebKitWebDriver did not start: {last}")
        try:
            driver.set_window_size(width, height)
            yield driver
        finally:
            driver.quit()


def version() -> str:
    """WebKitGTK's version as Debian's package records it, e.g. "2.50.6-1~deb12u2"; empty when unknown."""
    if not shutil.which("dpkg-query"):
        return ""
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "webkit2gtk-driver"], capture_output=True, text=True,
                         timeout=10)
    return out.stdout.strip() if out.returncode == 0 else ""
