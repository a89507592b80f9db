"""Opening a page in the real headless Chromium (Debian's `chromium`): its DOM, its console, a screenshot.

``console`` holds every line Chromium logged from the page's console: script errors
and Content-Security-Policy violations both arrive there (``INFO:CONSOLE``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SKIP_REASON = ("no Chromium on this machine (install Debian's `chromium` package, as .ci/run does, "
               "to check the pages in a real browser)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
_CONSOLE = re.compile(r":CONSOLE(?:\(\d+\))?[:\]]")


@dataclass(frozen=True)
class Rendered:
    dom: str
    console: tuple[str, ...]
    screenshot: Path  # a PNG


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=120)


def open_page(page: Path, scratch: Path, height: int = 3000) -> Rendered:
    """Load ``page`` (a local file) twice: once to dump the DOM and the console, once for a screenshot."""
    url = page.resolve().as_uri()
    dumped = _chromium(scratch / "profile-dom", "--enable-logging=stderr", "--v=0", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    shot = scratch / f"{page.stem}.png"
    taken = _chromium(scratch / "profile-shot", f"--screenshot={shot}", f"--window-size=1200,{height}", url)
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
    console = tuple(line for line in dumped.stderr.splitlines() if _CONSOLE.search(line))
    return Rendered(dumped.stdout, console, shot)


CELL_W, CELL_H, COLUMNS = 600, 450, 3


def figures_of(dom: str) -> list[str]:
    """The ``<svg>`` elements of a DOM Chromium dumped (the figures as the browser parsed them)."""
    return re.findall(r"<svg\b.*?</svg>", dom, flags=re.S)


def figure_sheet(page: Path, figures: list[str], scratch: Path) -> list[float]:
    """Each figure drawn alone in a cell of one sheet (same CSP as ``page``), screenshot once:
    the share of non-white pixels in each figure's cell."""
    csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', page.read_text()).group(0)
    cells = "".join(f'<div class="cell">{svg}</div>' for svg in figures)
    sheet = scratch / f"{page.stem}-figures.html"
    sheet.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8">{csp}<style>body{{margin:0;'
                     f"background:#fff}}.cell{{width:{CELL_W}px;height:{CELL_H}px;overflow:hidden;float:left}}"
                     f"</style></head><body>{cells}</body></html>")
    rows = -(-len(figures) // COLUMNS)
    shot = scratch / f"{page.stem}-figures.png"
    taken = _chromium(scratch / "profile-sheet", f"--screenshot={shot}",
                      f"--window-size={CELL_W * COLUMNS},{CELL_H * rows}", sheet.resolve().as_uri())
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
    with Image.open(shot) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    shares = []
    for k in range(len(figures)):
        top, left = (k // COLUMNS) * CELL_H, (k % COLUMNS) * CELL_W
        cell = pixels[top:top + CELL_H, left:left + CELL_W]
        shares.append(float(np.any(cell < 235, axis=-1).mean()))
    return shares


def blank(png: Path) -> bool:
    """Whether the screenshot is a single colour."""
    with Image.open(png) as image:
        low, high = zip(*image.convert("RGB").getextrema())
    return low == high
