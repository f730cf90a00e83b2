# Recirc: the README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: demo test lint typecheck check migrations-check deploy-check bench messages messages-check serve clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Recirc needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## create the venv, migrate, load the demo pilot city into SQLite and serve it
	$(BIN)/recirc demo --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(BIN)/recirc serve --host $(HOST) --port $(PORT)

test: $(STAMP)  ## the whole suite on DATABASE_URL (SQLite by default)
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)

typecheck: $(STAMP)
	$(BIN)/mypy src

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: $(STAMP)
	RECIRC_ENV=production SECRET_KEY=ci-only-$$(date +%s)-a-long-random-production-secret-key-for-the-check \
	RECIRC_VAULT_KEYS=ci1:Y2ktb25seS12YXVsdC1rZXktMzItYnl0ZXMtbG9uZyE= RECIRC_BLIND_INDEX_KEY=ci-blind-index \
	ALLOWED_HOSTS=recirc.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

check: lint typecheck migrations-check deploy-check

bench: $(STAMP)
	$(BIN)/python -m bench

messages: $(STAMP)  ## refresh the zh-hans and en catalogues after changing strings
	cd src/recirc && ../../$(BIN)/python ../../manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location -i "*/tests/*"
	cd src/recirc && ../../$(BIN)/python ../../manage.py compilemessages

clean:
	rm -rf $(VENV) var

messages-check: $(STAMP)  ## fail if a source string is missing from the catalogues or untranslated
	cd src/recirc && ../../$(BIN)/python ../../manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location -i "*/tests/*" -v 0
	$(BIN)/pytest -q -p no:xdist tests/test_translations.py
