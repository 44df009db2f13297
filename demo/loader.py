"""The demo content: YAML files in demo/content/, checked first, then loaded in one go.

Every file is checked before anything is written, so a broken file stops the load with a
message that names the file and the key (a `ContentError`, which management commands show
as an error). The load itself runs in one transaction and finds everything again by its
stable key, so running it twice duplicates nothing. The order follows the references:
the site (regions, sector pages), accounts, signals, then each module with its quiz and
case scenario, then the translations of all of it (`translations/<language>/`), sample
quiz attempts and, last, organisations whose staff take the modules.
"""

from pathlib import Path

from django.db import transaction

from library.models import Signal
from website.models import Sector

from .loaders.files import CONTENT_DIR, ContentError, content_read, read
from .loaders.images import images_ensure
from .loaders.modules import modules_load, signals_load
from .loaders.organisations import organisations_load
from .loaders.people import (
    DemoAccount,
    accounts_load,
    listed_accounts,
    sample_attempts_load,
)
from .loaders.people_schema import accounts_check
from .loaders.site import site_load
from .loaders.translation_files import translations_read
from .loaders.translations import translations_load
from .loaders.validate import Known, Validated, content_validate

__all__ = [
    "CONTENT_DIR",
    "ContentError",
    "DemoAccount",
    "content_check",
    "demo_account",
    "demo_accounts",
    "load",
    "signal_library_load",
    "translations_check",
]


def content_check(content_dir: Path = CONTENT_DIR) -> Validated:
    """Read every content file and check it against the rules, writing nothing."""
    sectors = set(Sector.objects.values_list("slug", flat=True))
    return content_validate(content_read(content_dir), sectors=sectors)


def translations_check(content_dir: Path = CONTENT_DIR):
    """Read the translation files and check each against the Dutch file it mirrors."""
    return translations_read(content_dir, content_read(content_dir))


@transaction.atomic
def load(content_dir: Path = CONTENT_DIR, languages: set[str] | None = None) -> Validated:
    """Load the demo; with `languages`, only the translations into those languages (every
    translation file is still checked). Translating is most of a load's time."""
    content = content_check(content_dir)
    translations = translations_check(content_dir)
    if languages is not None:
        translations = [found for found in translations if found.language in languages]
    pages = site_load(content.site, content.site_label)
    users = accounts_load(content.accounts)
    module_images = [image for module in content.modules for image in module["images"]]
    refs = {
        "signals": signals_load(content.signals),
        "regions": pages.regions,
        "images": images_ensure(content.site["images"] + module_images),
        "sector_pages": pages.sector_pages,
    }
    courses = modules_load(content.modules, pages.module_index, refs)
    content.translation_report = translations_load(
        translations,
        pages=pages,
        signals=refs["signals"],
        modules=content.modules,
        site_pages=pages.site_pages,
    )
    sample_attempts_load(content.sample_attempts, users)
    trainers = [account["key"] for account in content.accounts if account["trainer"]]
    organisations_load(
        content.organisations,
        users=users,
        marker=users[trainers[0]] if trainers else None,
        regions=pages.regions,
        courses=courses,
    )
    return content


def signal_library_load(content_dir: Path = CONTENT_DIR) -> dict[str, Signal]:
    """Only the signals, for a signal library without the rest of the demo."""
    return signals_load(content_check(content_dir).signals)


def demo_accounts(content: Validated | None = None) -> list[DemoAccount]:
    """The logins the demo makes, in the order `load_demo` prints them."""
    content = content or content_check()
    return listed_accounts(content.accounts, content.organisations)


def demo_account(key: str, content_dir: Path = CONTENT_DIR) -> DemoAccount:
    """One account of accounts.yaml by its key (learner, manager, trainer, admin).

    Reads only that file and needs no database, so tests can name the accounts at import.
    """
    for account in accounts_check(read(content_dir / "accounts.yaml"), Known(sectors=set())):
        if account["key"] == key:
            return DemoAccount(*(account[name] for name in DemoAccount.__dataclass_fields__))
    raise ContentError(content_dir / "accounts.yaml", "accounts", f"no account '{key}'")
