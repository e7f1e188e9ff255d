"""Every path tertial uses by default, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_documents_path

APP_NAME = "tertial"


def data_dir() -> Path:
    # TERTIAL_DATA_DIR lets tests (and careful users) keep the real data directory untouched.
    override = os.environ.get("TERTIAL_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_dir() / "tertial.db"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-backups"


def checked_files() -> Path:
    """Large files found sound, by identity (store.integrity): spares a check per write."""
    return data_dir() / "checked-files.json"


def config_dir() -> Path:
    """The user's own settings (the export folder). TERTIAL_CONFIG_DIR, else
    TERTIAL_DATA_DIR when set (tests and careful users keep all of tertial in one place),
    else the platform's config folder (%APPDATA%\\tertial on Windows)."""
    override = os.environ.get("TERTIAL_CONFIG_DIR") or os.environ.get("TERTIAL_DATA_DIR")
    return Path(override) if override else user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.json"


def documents_dir() -> Path:
    """Where exports go until the author picks a folder: Documents where there is one."""
    try:
        docs = user_documents_path()
    except Exception:  # noqa: BLE001 - an odd platform without one: the home folder
        return Path.home()
    return docs if docs.is_dir() else Path.home()
