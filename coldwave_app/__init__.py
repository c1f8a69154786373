"""coldwave: offline-first records for Morocco's winter cold-wave campaigns."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coldwave")
except PackageNotFoundError:  # running from a PyInstaller bundle or a bare checkout
    __version__ = "0.1.0"
