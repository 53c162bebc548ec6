"""Settings: one validated object, built once by the CLI and passed down.

Sources, later ones winning: the defaults below, `HOME/demat.toml`, then the
few environment variables named in `ENVIRONMENT`. No stage reads the
environment or a global: they get a `Config`.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from pipeline.errors import N_, ConfigError


@dataclass(frozen=True)
class WatchSettings:
    settle_seconds: float = 2.0  # size and mtime unchanged this long = file complete
    rescan_seconds: float = 10.0  # full inbox scan, for events that never come
    polling: bool = False  # poll instead of OS events (SMB/NFS shares)


@dataclass(frozen=True)
class OcrSettings:
    languages: str = "ita+eng"
    dpi: int = 300  # rendering of scanned PDF pages
    workers: int = 0  # tesseract processes; 0 = one per core
    max_image_pixels: int = 120_000_000  # larger images are decompression bombs
    page_timeout_seconds: int = 180
    fix_orientation: bool = True
    deskew: bool = True


@dataclass(frozen=True)
class LimitSettings:
    max_file_mb: int = 500
    max_xml_mb: int = 20
    max_pages: int = 2000


@dataclass(frozen=True)
class ClassifierSettings:
    review_threshold: float = 0.80  # below this type confidence: review, not a guess
    model_dir: str = ""  # empty = HOME/model if `demat train` made one, else the shipped model


@dataclass(frozen=True)
class CatalogSettings:
    url: str = ""  # postgresql://user:password@host/database; empty: the SQLite file in the home


@dataclass(frozen=True)
class SearchSettings:
    backend: str = "sqlite"  # or "postgresql", "elasticsearch"
    elasticsearch_url: str = ""
    elasticsearch_index: str = "demat"
    postgresql_url: str = ""  # postgresql://user:password@host/database


@dataclass(frozen=True)
class ExecutorSettings:
    kind: str = "local"  # or "celery": `demat worker`s take the documents from a broker
    broker_url: str = ""  # redis://host:6379/0, or amqp://user:password@host// for RabbitMQ
    max_attempts: int = 3  # a document that stopped a worker this many times goes to quarantine
    redelivery_seconds: int = 3600  # Redis: a task unacknowledged this long (its worker died) is sent again


@dataclass(frozen=True)
class PipelineSettings:
    documents_in_parallel: int = 2  # documents worked on at once (OCR pages share the pool)
    max_attempts: int = 10  # a job held this many times waits for `demat retry`
    hold_seconds: float = 30.0  # first wait of a held job; doubled each time, at most an hour


@dataclass(frozen=True)
class Config:
    home: Path
    watch: WatchSettings = field(default_factory=WatchSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    catalog: CatalogSettings = field(default_factory=CatalogSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    executor: ExecutorSettings = field(default_factory=ExecutorSettings)
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
SECTIONS = {
    "watch": WatchSettings,
    "ocr": OcrSettings,
    "limits": LimitSettings,
    "classifier": ClassifierSettings,
    "catalog": CatalogSettings,
    "search": SearchSettings,
    "pipeline": PipelineSettings,
    "executor": ExecutorSettings,
}
CHOICES = {("search", "backend"): ("sqlite", "postgresql", "elasticsearch"), ("executor", "kind"): ("local", "celery")}


def default_home(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("DEMAT_HOME") or "var")


def load_config(home: Path | str | None = None, environ: dict[str, str] | None = None,
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
    kwargs: dict[str, Any] = {"home": home}
    for name, value in data.items():
        if name == "routing_file":
            kwargs[name] = (home / value) if not Path(value).is_absolute() else Path(value)
            continue
        if name not in SECTIONS:
            raise ConfigError(N_("%(file)s: unknown section [%(section)s]; known: %(known)s"),
                              file=origin, section=name, known=", ".join(SECTIONS))
        if not isinstance(value, dict):
            raise ConfigError(N_("%(file)s: [%(section)s] must be a table"), file=origin, section=name)
        kwargs[name] = _section(name, SECTIONS[name], value, origin)
    if "catalog" in kwargs:
        kwargs["search"] = _search_beside(kwargs["catalog"], kwargs.get("search", SearchSettings()),
                                          data.get("search", {}), origin)
    return Config(**kwargs)


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
        search = dataclasses.replace(search, backend="postgresql")
    if search.backend == "sqlite":
        raise ConfigError(N_("%(file)s: search.backend is sqlite but the catalog is on PostgreSQL"),
                          N_('Set search.backend = "postgresql" (or "elasticsearch"), or leave it out.'), file=origin)
    if search.backend == "postgresql" and not search.postgresql_url:
        search = dataclasses.replace(search, postgresql_url=catalog.url)
    return search


def _section(name: str, cls: type, values: dict[str, Any], origin: str) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    checked = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(N_("%(file)s: unknown setting %(setting)s; known: %(known)s"),
                              file=origin, setting=f"{name}.{key}", known=", ".join(sorted(known)))
        expected = hints[key]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(N_("%(file)s: %(setting)s must be %(kind)s, got %(value)s"),
                              file=origin, setting=f"{name}.{key}", kind=expected.__name__, value=repr(value))
        if isinstance(value, (int, float)) and value < 0:
            raise ConfigError(N_("%(file)s: %(setting)s must not be negative, got %(value)s"),
                              file=origin, setting=f"{name}.{key}", value=repr(value))
        allowed = CHOICES.get((name, key))
        if allowed and value not in allowed:
            raise ConfigError(N_("%(file)s: %(setting)s must be one of %(allowed)s, got %(value)s"),
                              file=origin, setting=f"{name}.{key}", allowed=", ".join(allowed), value=repr(value))
        checked[key] = value
    return cls(**checked)
