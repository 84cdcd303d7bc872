PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv run test fuzz bench screenshots translations clean

venv: $(VENV)/.installed

# Reinstalls only when the packaging files change. setuptools + wheel in the venv
# let tests build a wheel without build isolation.
$(VENV)/.installed: pyproject.toml setup.py
	bash .ci/deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install 'setuptools>=64' wheel
	$(PY) -m pip install -e '.[test]'
	touch $@

run: venv
	$(PY) main.py

test: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The property-based and window fuzz tests with a long budget (make test runs them briefly).
fuzz: venv
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=fuzz GDVIZ_FUZZ_EXAMPLES=3000 $(PY) -m pytest -q \
		tests/test_properties_engine.py tests/test_properties_models.py tests/test_properties_csv.py tests/test_fuzz_window.py

bench: venv
	$(PY) -m gdviz.bench

screenshots: venv
	$(PY) -m gdviz.tools.screenshots

# Re-extracts every translatable text (gdviz/ plus the lists of texts lupdate cannot see) into the
# committed .ts files and builds the .qm files the app loads. Stable options keep the diffs small:
# no source locations, no obsolete entries.
TS := resources/i18n/gdviz_zh_CN.ts
translations: venv
	$(PY) resources/i18n/make_sources.py
	$(VENV)/bin/pyside6-lupdate -extensions py -locations none -no-obsolete gdviz \
		resources/i18n/engine_strings.py resources/i18n/key_strings.py resources/i18n/pyqtgraph_strings.py \
		-ts $(TS)
	$(VENV)/bin/pyside6-lrelease -nounfinished $(TS) -qm $(TS:.ts=.qm)

# Removes build output and caches; keeps .venv (delete it by hand to rebuild).
clean:
	rm -rf build dist .pytest_cache *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
