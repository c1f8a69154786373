"""Suite-wide set-up: Qt offscreen before any QApplication, and the shared fixtures."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("COLDWAVE_LANG", "fr")

pytest_plugins = ["helpers.stores", "helpers.postgres", "helpers.sync_server"]
