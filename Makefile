# ReturnsDesk: `make run` starts the bench on a demo database, `make test` runs every test.
# Both install what is missing first (system packages as root or with sudo, .venv, the package)
# and are quick on the second call.

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST := $(PY) -m pytest

export QT_QPA_PLATFORM ?= offscreen

.PHONY: install sysdeps run test bench lint format services dist dist-check clean

sysdeps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,dist]'
	@touch $(STAMP)

install: sysdeps $(STAMP)

run: install
	@unset QT_QPA_PLATFORM; $(VENV)/bin/returnsdesk demo --if-empty && $(VENV)/bin/returnsdesk gui

services: install
	@bash scripts/test-services.sh start

# the suite on both cores; then the CUPS tests, which share one print queue, one at a time
test: services
	@set -a; . ./.test-services.env; set +a; export RETURNSDESK_REQUIRE_SERVICES=1; \
	  $(PYTEST) -q -n 2 -m "not cups" --ignore=tests/benchmarks tests && \
	  $(PYTEST) -q -m cups --ignore=tests/benchmarks tests

# the one-folder build (PyInstaller, packaging/returnsdesk.spec) in dist/returnsdesk/
dist: install
	@$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/returnsdesk.spec

# the build copied outside the repository and run with a stripped environment
# (with the test servers of `make test`, if running, it also tries the PostgreSQL driver)
dist-check: dist
	@set -a; [ ! -f .test-services.env ] || . ./.test-services.env; set +a; \
	  $(PY) packaging/smoke.py dist/returnsdesk build/dist-smoke

bench: services dist
	@set -a; . ./.test-services.env; set +a; \
	  $(PYTEST) -q tests/benchmarks --benchmark-enable --benchmark-columns=min,median,max,rounds

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@bash scripts/typecheck.sh

format: install
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

clean:
	-bash scripts/test-services.sh clean
	rm -rf $(VENV) .test-services .test-services.env build dist *.egg-info
