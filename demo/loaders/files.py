"""Reading the content files, and the error that names the file and key of a problem."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import CommandError

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
# Files without an `order:` come after those with one, by file name.
UNORDERED = 1_000_000


class ContentError(CommandError):
    """A content file breaks a rule; the message says which file, which key, and what is wrong."""

    def __init__(self, file: "ContentFile | Path | str", key: str, message: str):
        self.file = file.label if isinstance(file, ContentFile) else str(file)
        self.key = key
        super().__init__(f"{self.file}: {key}: {message}" if key else f"{self.file}: {message}")


@dataclass
class ContentFile:
    path: Path
    data: object

    @property
    def label(self) -> str:
        """The path as people know it: relative to the project when the file lies inside it."""
        try:
            return str(self.path.relative_to(settings.BASE_DIR))
        except ValueError:
            return str(self.path)


def read(path: Path) -> ContentFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "", "the file is missing") from None
    except UnicodeDecodeError as error:
        raise ContentError(path, "", f"the file is not UTF-8 ({error.reason})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f"line {where.line + 1}" if where is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(path, line, f"not valid YAML: {problem}") from None
    return ContentFile(path=path, data=data)


@dataclass
class Content:
    """Every content file, read and parsed; the module files in the order they load."""

    site: ContentFile
    accounts: ContentFile
    signals: ContentFile
    organisations: ContentFile
    modules: list[ContentFile] = field(default_factory=list)


def module_order(file: ContentFile) -> tuple:
    order = file.data.get("order") if isinstance(file.data, dict) else None
    return (order if isinstance(order, int) else UNORDERED, file.path.name)


def content_read(content_dir: Path = CONTENT_DIR) -> Content:
    modules = [read(path) for path in sorted((content_dir / "modules").glob("*.yaml"))]
    return Content(
        site=read(content_dir / "site.yaml"),
        accounts=read(content_dir / "accounts.yaml"),
        signals=read(content_dir / "signals.yaml"),
        organisations=read(content_dir / "organisations.yaml"),
        modules=sorted(modules, key=module_order),
    )
