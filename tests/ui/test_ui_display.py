"""display_available(): whether Qt may start its GUI here, decided without loading Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coldwave_app.ui.display import display_available

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sockets(tmp_path: Path) -> Path:
    """A fake /tmp/.X11-unix holding the socket of display :0 only."""
    directory = tmp_path / ".X11-unix"
    directory.mkdir()
    (directory / "X0").touch()
    return directory


@pytest.mark.parametrize(
    "env",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "minimal"},
        {"QT_QPA_PLATFORM": "vnc:size=800x600"},
        {"QT_QPA_PLATFORM": "eglfs"},
        {"QT_QPA_PLATFORM": "OFFSCREEN", "DISPLAY": ":7"},
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"},
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0.0"},
        {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"},
        {"DISPLAY": ":0"},
        {"DISPLAY": "unix:0"},
        {"DISPLAY": "localhost:10.0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"DISPLAY": ":5", "WAYLAND_DISPLAY": "wayland-0"},
    ],
)
def test_available(env: dict[str, str], sockets: Path) -> None:
    assert display_available(env, platform="linux", x11_socket_dir=sockets)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"QT_QPA_PLATFORM": ""},
        {"DISPLAY": ":5"},  # stale: no X5 socket
        {"DISPLAY": ""},
        {"DISPLAY": "nonsense"},
        {"DISPLAY": ":x"},
        {"QT_QPA_PLATFORM": "xcb"},
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":5"},
        {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},
        {"QT_QPA_PLATFORM": "wayland;xcb"},
    ],
)
def test_not_available(env: dict[str, str], sockets: Path) -> None:
    assert not display_available(env, platform="linux", x11_socket_dir=sockets)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_screen(platform: str, sockets: Path) -> None:
    assert display_available({}, platform=platform, x11_socket_dir=sockets)


def test_xquartz_socket_path(tmp_path: Path, sockets: Path) -> None:
    socket = tmp_path / "org.xquartz"
    env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f"{socket}:0"}
    assert not display_available(env, platform="linux", x11_socket_dir=sockets)
    socket.touch()
    assert display_available(env, platform="linux", x11_socket_dir=sockets)


def test_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch, sockets: Path) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert not display_available(platform="linux", x11_socket_dir=sockets)
    monkeypatch.setenv("DISPLAY", ":0")
    assert display_available(platform="linux", x11_socket_dir=sockets)
    monkeypatch.setenv("DISPLAY", ":1")
    assert not display_available(platform="linux", x11_socket_dir=sockets)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_available(platform="linux", x11_socket_dir=sockets)


def test_does_not_load_qt() -> None:
    code = (
        "import sys, coldwave_app.ui, coldwave_app.ui.display as d; d.display_available(); "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert result.returncode == 0


def test_day_edit_reads_day_first_with_western_digits_in_arabic(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from coldwave_app.ui.application import set_ui_language
    from coldwave_app.ui.widgets import day_edit

    set_ui_language(app, "ar")
    edit = day_edit()
    edit.setDate(QDate(2026, 11, 25))
    assert edit.text() == "25/11/2026"
