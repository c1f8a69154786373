"""Whether Qt can open a window here, decided before Qt is loaded.

Qt aborts the whole process (no exception) when its platform plugin cannot connect
to a display, so the CLI asks first and prints a helpful message instead. This
module must not import PySide6.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Final

__all__ = ["X11_SOCKET_DIR", "display_available"]

X11_SOCKET_DIR: Final = Path("/tmp/.X11-unix")
"""Where a local X server keeps its socket, X<n> for display :n."""

# Platform plugins that need a display server; any other explicit plugin
# (offscreen, minimal, vnc, eglfs, linuxfb, windows, cocoa, ...) draws on its own.
_X11_PLUGINS: Final = frozenset({"xcb"})
_WAYLAND_PLUGINS: Final = frozenset({"wayland", "wayland-egl", "wayland-brcm"})


def display_available(
    environ: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    x11_socket_dir: Path = X11_SOCKET_DIR,
) -> bool:
    """True when Qt can start its GUI here without aborting.

    - QT_QPA_PLATFORM naming a plugin that needs no display server (offscreen,
      minimal, vnc, ...) → True. It may list fallbacks ("wayland;xcb") and carry
      options ("vnc:size=800x600"); any usable entry is enough.
    - QT_QPA_PLATFORM=xcb needs a usable DISPLAY, =wayland a WAYLAND_DISPLAY.
    - Unset: Windows and macOS always have a screen; elsewhere DISPLAY or
      WAYLAND_DISPLAY must be usable.

    A DISPLAY is usable when it names a remote or TCP display (host:n, as with ssh -X),
    or a local display ":n" whose socket x11_socket_dir/X<n> exists: a stale DISPLAY
    left over from a closed session would otherwise abort Qt.
    """
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform

    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        for entry in requested.split(";"):
            plugin = entry.split(":", 1)[0].strip().lower()
            if not plugin:
                continue
            if plugin in _X11_PLUGINS:
                if _x11_usable(env.get("DISPLAY", ""), x11_socket_dir):
                    return True
            elif plugin in _WAYLAND_PLUGINS:
                if _wayland_usable(env):
                    return True
            else:
                return True
        return False

    if system in ("win32", "darwin"):
        return True
    return _x11_usable(env.get("DISPLAY", ""), x11_socket_dir) or _wayland_usable(env)


def _x11_usable(display: str, socket_dir: Path) -> bool:
    display = display.strip()
    if not display or ":" not in display:
        return False
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return False
    if host.startswith("/"):  # a socket path (XQuartz: /private/tmp/.../org.xquartz:0)
        return Path(host).exists()
    if host in ("", "unix"):
        return (socket_dir / f"X{number}").exists()
    return True  # host:n over TCP (ssh X forwarding): cannot be checked without connecting


def _wayland_usable(env: Mapping[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "").strip()
    return bool(name)
