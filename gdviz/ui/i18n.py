"""The interface language: Qt translators for gdviz, Qt's own dialogs and pyqtgraph's menus.

`install(app)` at start-up follows the remembered choice, else the system locale;
`set_language(app, code)` switches at run time (Qt then sends LanguageChange to every widget)
and remembers the choice. The engine's texts (race presets, function titles, status lines) are
plain English templates; `engine_text` puts them into the current language (gdviz.texts, shared with
the command line).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from .. import texts
from ..resources import resource_path

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SETTINGS_KEY = "view/language"
ENGINE_CONTEXT = "Engine"  # the context of the engine's texts (resources/i18n/engine_strings.py)
CJK_PACKAGE = "fonts-noto-cjk"  # the Debian package the log line names when no CJK font is found
LOG = logging.getLogger("gdviz")
_ATTR = "_gdviz_i18n"  # the app keeps its translators (and the language) under this attribute


def system_language() -> str:
    """The language the system locale asks for: zh_CN for any Chinese locale, else en."""
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


def saved_language() -> str | None:
    """The remembered choice, or None before the first start (or for an unknown value)."""
    code = QSettings().value(SETTINGS_KEY, "", type=str)
    return code if code in LANGUAGES else None


def current_language(app: QCoreApplication | None = None) -> str:
    """The language installed in the app ("en" before any install)."""
    app = app or QCoreApplication.instance()
    state = getattr(app, _ATTR, None) if app is not None else None
    return state["language"] if state else "en"


def _load(path: str) -> QTranslator | None:
    translator = QTranslator()
    return translator if translator.load(path) else None


def _translators(code: str) -> list[QTranslator]:
    """gdviz's own translator and Qt's standard-dialog one (when present) for a language."""
    if code == "en":
        return []
    found = []
    try:
        own = _load(str(resource_path("i18n/gdviz_{0}.qm".format(code))))
    except FileNotFoundError:
        own = None
    if own is None:
        LOG.warning("no translation file for %s: the window stays in English", LANGUAGES[code])
    else:
        found.append(own)
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    qt = _load("{0}/qtbase_{1}.qm".format(qt_dir, code))
    if qt is not None:
        found.append(qt)
    return found


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators of `language` (None: the remembered choice, else the system locale).

    Returns the language installed; an unknown code installs English. The app keeps the
    translators alive (Qt holds only a pointer to them)."""
    code = language or saved_language() or system_language()
    code = code if code in LANGUAGES else "en"
    remove(app)
    translators = _translators(code)
    for translator in translators:
        app.installTranslator(translator)
    setattr(app, _ATTR, {"language": code, "translators": translators})
    if isinstance(app, QApplication):
        use_cjk_font(app, code == "zh_CN")
    return code


def remove(app: QCoreApplication) -> None:
    """Remove gdviz's translators from the app (back to English)."""
    state = getattr(app, _ATTR, None)
    if not state:
        return
    for translator in state["translators"]:
        app.removeTranslator(translator)
    setattr(app, _ATTR, {"language": "en", "translators": []})


def set_language(app: QCoreApplication, code: str) -> str:
    """Switch to `code` now and remember it; Qt sends LanguageChange to every widget."""
    if code not in LANGUAGES:
        raise ValueError("unknown language '{0}'; choose one of {1}".format(code, ", ".join(LANGUAGES)))
    QSettings().setValue(SETTINGS_KEY, code)
    if code == current_language(app):
        return code
    return install(app, code)


# ----- fonts --------------------------------------------------------------------------------------
def cjk_family() -> str | None:
    """An installed font family with Simplified Chinese glyphs (sans serif preferred), or None."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for prefer in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "Noto Sans SC"):
        if prefer in families:
            return prefer
    plain = [f for f in families if "serif" not in f.lower() and "mono" not in f.lower()]
    return (plain or families or [None])[0]


def use_cjk_font(app: QApplication, on: bool) -> None:
    """Put a CJK family after the app's own font (so Latin stays, Chinese gets real glyphs); log once if none."""
    font = app.font()
    families = [f for f in font.families() if f != getattr(app, "_gdviz_cjk", None)]
    cjk = cjk_family() if on else None
    if on and cjk is None:
        LOG.warning("no Chinese font found: Chinese text may show as boxes; install the Debian package %s",
                    CJK_PACKAGE)
    setattr(app, "_gdviz_cjk", cjk)
    font.setFamilies((families or [font.family()]) + ([cjk] if cjk else []))
    app.setFont(font)


# ----- the engine's texts -----------------------------------------------------------------------
def engine_text(text: str) -> str:
    """An engine text (fixed, or a filled-in template) in the current language; unknown texts stay."""
    return texts.translated(text, lambda listed, context=ENGINE_CONTEXT: QCoreApplication.translate(context, listed))
