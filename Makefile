# Two commands matter: `make run` and `make test`. Each does all of its own set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= $(HOME)/.local/share/coldwave/demo

# Debian 12 libraries PySide6 needs: offscreen (tests) and xcb (a real window).
# Source: ../shared/research/platform-probe.md, measured on a minbase chroot.
QT_DEBS := libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6 \
  libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
  libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
# The sync server's tests run on PostgreSQL too (tests/helpers/postgres.py starts one).
SERVER_DEBS := postgresql
# Report tests render PDF pages to PNG (pdftoppm).
TEST_DEBS := poppler-utils

.PHONY: run test lint typecheck importlint pytest bench soak fuzz bundle sysdeps clean distclean

run: sysdeps $(STAMP)
	$(BIN)/coldwave demo --data-dir "$(DEMO_DIR)"

test: sysdeps $(STAMP) lint typecheck importlint pytest

lint: $(STAMP)
	$(BIN)/ruff check coldwave_app tests
	$(BIN)/ruff format --check coldwave_app tests

typecheck: $(STAMP)
	$(BIN)/mypy coldwave_app

importlint: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# One JSON line per figure of issue 9. The sync benches (minutes each) run only with
# COLDWAVE_BENCH_SYNC=1; sizes: COLDWAVE_BENCH_PERSONS / COLDWAVE_BENCH_EVENTS.
bench: sysdeps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/bench -q -s \
	  $(if $(filter 1,$(COLDWAVE_BENCH_SYNC)),,--ignore=tests/bench/test_sync_bench.py)

# kill -9 at random moments during writes, sync pushes and pulls, 120 times (make test: 10).
soak: sysdeps $(STAMP)
	COLDWAVE_KILLS=120 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_crash_safety.py -q -s

# Fuzz the server API (schemathesis, real server process) and the file readers (hypothesis)
# with many more examples than make test runs (tens of minutes).
fuzz: sysdeps $(STAMP)
	COLDWAVE_FUZZ_EXAMPLES=1500 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest \
		tests/server/test_api_fuzz.py tests/services/test_reader_fuzz.py -q -s --durations=0

# The desktop app as a PyInstaller onedir in dist/coldwave (build_installer.spec). PyInstaller
# comes from the `bundle` extra (make test builds the bundle too: tests/test_bundle.py).
# Needs libgl1 and libegl1 to run.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean build_installer.spec

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[server,dev,bundle]'
	@touch $@

# Installs the Qt libraries and PostgreSQL when root; otherwise prints the exact line to run.
sysdeps:
	@missing=$$(for p in $(QT_DEBS) $(SERVER_DEBS) $(TEST_DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q 'install ok installed' || printf '%s ' $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing system packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "coldwave needs these Debian packages; run:"; \
	  echo "  sudo apt-get install -y --no-install-recommends $$missing"; \
	  exit 1; \
	fi

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache

distclean: clean
	rm -rf $(VENV)
