"""Settings: one validated object, built once by the CLI and passed down.

Sources, later ones winning: the defaults below, `HOME/demat.toml`, then the
few environment variables named in `ENVIRONMENT`. No stage reads the
environment or a global: they get a `Config`.

The sections are strict pydantic models (no unknown key, no "2" for 2, no
negative number, one of the listed choices); a `ValidationError` becomes a
`ConfigError` naming the file and the setting, in words the catalog translates.
pydantic-settings is not used: our four environment variables have names of
their own (DEMAT_ES_URL, not DEMAT_SEARCH__ELASTICSEARCH_URL) and `load_config`
takes the environment as an argument so tests need not touch os.environ; a
four-line table does both.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt, ValidationError
from pydantic_core import ErrorDetails

from demat.kernel.errors import N_, ConfigError


class Settings(BaseModel):
    """A section of demat.toml: every key known, every value of its exact type."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class WatchSettings(Settings):
    settle_seconds: NonNegativeFloat = 2.0  # size and mtime unchanged this long = file complete
    rescan_seconds: NonNegativeFloat = 10.0  # full inbox scan, for events that never come
    polling: bool = False  # poll instead of OS events (SMB/NFS shares)


class OcrSettings(Settings):
    languages: str = "ita+eng"
    dpi: NonNegativeInt = 300  # rendering of scanned PDF pages
    workers: NonNegativeInt = 0  # tesseract processes; 0 = one per core
    max_image_pixels: NonNegativeInt = 120_000_000  # larger images are decompression bombs
    page_timeout_seconds: NonNegativeInt = 180
    fix_orientation: bool = True
    deskew: bool = True


class LimitSettings(Settings):
    max_file_mb: NonNegativeInt = 500
    max_xml_mb: NonNegativeInt = 20
    max_pages: NonNegativeInt = 2000


class ClassifierSettings(Settings):
    review_threshold: NonNegativeFloat = 0.80  # below this type confidence: review, not a guess
    model_dir: str = ""  # empty = HOME/model if `demat train` made one, else the shipped model


class CatalogSettings(Settings):
    url: str = ""  # postgresql://user:password@host/database; empty: the SQLite file in the home


class SearchSettings(Settings):
    backend: Literal["sqlite", "postgresql", "elasticsearch"] = "sqlite"
    elasticsearch_url: str = ""
    elasticsearch_index: str = "demat"
    postgresql_url: str = ""  # postgresql://user:password@host/database


class ExecutorSettings(Settings):
    kind: Literal["local", "celery"] = "local"  # celery: `demat worker`s take the documents from a broker
    broker_url: str = ""  # redis://host:6379/0, or amqp://user:password@host// for RabbitMQ
    max_attempts: NonNegativeInt = 3  # a document that stopped a worker this many times goes to quarantine
    redelivery_seconds: NonNegativeInt = 3600  # Redis: a task unacknowledged this long (its worker died) is sent again


class PipelineSettings(Settings):
    documents_in_parallel: NonNegativeInt = 2  # documents worked on at once (OCR pages share the pool)
    max_attempts: NonNegativeInt = 10  # a job held this many times waits for `demat retry`
    hold_seconds: NonNegativeFloat = 30.0  # first wait of a held job; doubled each time, at most an hour


class Config(Settings):
    home: Path
    watch: WatchSettings = Field(default_factory=WatchSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    classifier: ClassifierSettings = Field(default_factory=ClassifierSettings)
    catalog: CatalogSettings = Field(default_factory=CatalogSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)
    executor: ExecutorSettings = Field(default_factory=ExecutorSettings)
    routing_file: Path | None = None  # None = HOME/routing.toml if present, else the default rules

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def processing(self) -> Path:
        return self.home / "processing"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def catalog_path(self) -> Path:
        """The SQLite catalog: the one in use unless catalog.url names a PostgreSQL database."""
        return self.home / "catalog.sqlite3"

    def has_catalog(self) -> bool:
        """Whether there is a catalog to read yet (a new home has none until something is archived)."""
        return bool(self.catalog.url) or self.catalog_path.exists()

    @property
    def ocr_workers(self) -> int:
        return self.ocr.workers or (os.cpu_count() or 1)

    def routing_path(self) -> Path | None:
        if self.routing_file is not None:
            return self.routing_file
        candidate = self.home / "routing.toml"
        return candidate if candidate.exists() else None

    @property
    def trained_model(self) -> Path:
        """Where `demat train` writes a model when classifier.model_dir is not set."""
        return self.home / (self.classifier.model_dir or "model")  # an absolute model_dir stays as it is

    def model_path(self) -> Path | None:
        """The type model to use; None = the one shipped with demat."""
        return self.trained_model if self.classifier.model_dir or self.trained_model.exists() else None

    def ensure_folders(self) -> None:
        for folder in (self.inbox, self.processing, self.archive, self.quarantine):
            folder.mkdir(parents=True, exist_ok=True)


ENVIRONMENT = {
    "DEMAT_CATALOG_URL": ("catalog", "url"),
    "DEMAT_ES_URL": ("search", "elasticsearch_url"),
    "DEMAT_PG_URL": ("search", "postgresql_url"),
    "DEMAT_BROKER_URL": ("executor", "broker_url"),
}
SECTIONS = {name: info.annotation for name, info in Config.model_fields.items()
            if isinstance(info.annotation, type) and issubclass(info.annotation, Settings)}


def default_home(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("DEMAT_HOME") or "var")


def load_config(home: Path | str | None = None, environ: Mapping[str, str] | None = None,
                overrides: dict[str, dict[str, Any]] | None = None) -> Config:
    """Build the settings for HOME from demat.toml, the environment and overrides."""
    environ = os.environ if environ is None else environ
    home = Path(home) if home is not None else default_home(environ)
    home = home.expanduser().resolve()
    data: dict[str, Any] = {}
    toml_path = home / "demat.toml"
    if toml_path.exists():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(N_("%(file)s is not valid TOML: %(problem)s"), file=toml_path, problem=exc) from exc
    for var, (section, key) in ENVIRONMENT.items():
        if environ.get(var):
            data.setdefault(section, {})[key] = environ[var]
    for section, values in (overrides or {}).items():
        data.setdefault(section, {}).update(values)
    return _build(home, data, str(toml_path))


def _build(home: Path, data: dict[str, Any], origin: str) -> Config:
    if isinstance(data.get("routing_file"), str):
        data = {**data, "routing_file": home / data["routing_file"]}  # an absolute path stays as it is
    try:
        config = Config.model_validate({**data, "home": home})
    except ValidationError as exc:
        raise _config_error(exc.errors()[0], origin) from None
    if "catalog" in data:
        config = config.model_copy(update={"search": _search_beside(config.catalog, config.search,
                                                                    data.get("search", {}), origin)})
    return config


def _config_error(error: ErrorDetails, origin: str) -> ConfigError:
    """pydantic's first complaint as demat says it: the file, the setting, what it must be."""
    where, problem, value = error["loc"], error["type"], repr(error["input"])
    section = str(where[0])
    setting = ".".join(str(part) for part in where)
    if len(where) == 1 and problem == "extra_forbidden":
        return ConfigError(N_("%(file)s: unknown section [%(section)s]; known: %(known)s"),
                           file=origin, section=section, known=", ".join(SECTIONS))
    if len(where) == 1 and section in SECTIONS:
        return ConfigError(N_("%(file)s: [%(section)s] must be a table"), file=origin, section=section)
    if problem == "extra_forbidden":
        known = SECTIONS[section].model_fields if section in SECTIONS else {}
        return ConfigError(N_("%(file)s: unknown setting %(setting)s; known: %(known)s"),
                           file=origin, setting=setting, known=", ".join(sorted(known)))
    if problem == "greater_than_equal":
        return ConfigError(N_("%(file)s: %(setting)s must not be negative, got %(value)s"),
                           file=origin, setting=setting, value=value)
    if problem == "literal_error":
        allowed = get_args(SECTIONS[section].model_fields[str(where[1])].annotation)
        return ConfigError(N_("%(file)s: %(setting)s must be one of %(allowed)s, got %(value)s"),
                           file=origin, setting=setting, allowed=", ".join(allowed), value=value)
    expected = SECTIONS[section].model_fields.get(str(where[-1])) if section in SECTIONS else None
    kind = expected.annotation.__name__ if expected and isinstance(expected.annotation, type) else problem
    return ConfigError(N_("%(file)s: %(setting)s must be %(kind)s, got %(value)s"),
                       file=origin, setting=setting, kind=kind, value=value)


def _search_beside(catalog: CatalogSettings, search: SearchSettings, given: dict[str, Any],
                   origin: str) -> SearchSettings:
    """With the catalog on PostgreSQL the index is there too unless another backend is named:
    the SQLite index lives in the SQLite catalog."""
    if not catalog.url:
        return search
    if not catalog.url.startswith(("postgresql://", "postgres://")):
        raise ConfigError(N_("%(file)s: catalog.url must be a postgresql:// URL, got %(url)s"),
                          N_("Write postgresql://user:password@host/database, or leave it out for the SQLite file."),
                          file=origin, url=repr(catalog.url))
    if "backend" not in given:
        search = search.model_copy(update={"backend": "postgresql"})
    if search.backend == "sqlite":
        raise ConfigError(N_("%(file)s: search.backend is sqlite but the catalog is on PostgreSQL"),
                          N_('Set search.backend = "postgresql" (or "elasticsearch"), or leave it out.'), file=origin)
    if search.backend == "postgresql" and not search.postgresql_url:
        search = search.model_copy(update={"postgresql_url": catalog.url})
    return search
