"""The rules every content file must follow, checked before anything is written.

Each check returns the data with its defaults filled in, so the writers read every key
directly. References between files (signals, regions, images, sector pages, quizzes,
modules, accounts) are checked here too; a scenario's graph is checked after it is saved,
by the same rules the admin applies.
"""

from dataclasses import dataclass, field

from website.models import AccessibilityStatementPage, Region, RegionContact

from .checks import Checker, item_key, join
from .files import Content, ContentFile
from .images import DRAWINGS
from .modules_schema import module_check, signal_check
from .people_schema import accounts_check, organisations_check, sample_attempts_check

SITE_BLOCKS = {"paragraph", "callout"}
TONES = ["info", "help", "warning"]


@dataclass
class Known:
    """What content may refer to, collected from the files read so far."""

    sectors: set[str]
    regions: set[str] = field(default_factory=set)
    images: set[str] = field(default_factory=set)
    signals: set[str] = field(default_factory=set)
    sector_pages: set[str] = field(default_factory=set)
    quizzes: set[str] = field(default_factory=set)
    banks: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)
    accounts: set[str] = field(default_factory=set)


@dataclass
class Validated:
    site: dict
    accounts: list
    sample_attempts: list
    signals: list
    modules: list
    organisations: dict
    known: Known
    site_label: str
    # Filled in by the load: what the translation files translated, and what not.
    translation_report: object = None


def site_body_check(check: Checker, value, key: str) -> list[tuple[str, object]]:
    """The blocks of a site page: running text and callouts."""
    blocks = []
    for index, item in enumerate(check.listing(value, key)):
        where = f"{key}[{index}]"
        if not isinstance(item, dict) or len(item) != 1:
            check.fail(where, "each block is a mapping with one key, its type")
        ((kind, block_value),) = item.items()
        check.choice(kind, where, sorted(SITE_BLOCKS))
        if kind == "paragraph":
            blocks.append(("paragraph", check.text(block_value, join(where, kind), blank=False)))
        else:
            blocks.append(("callout", callout_check(check, block_value, join(where, kind))))
    return blocks


def callout_check(check: Checker, value, key: str) -> dict:
    check.mapping(value, key, required=["heading", "text"], optional=["tone"])
    return {
        "tone": check.choice(value.get("tone", "info"), join(key, "tone"), TONES),
        "heading": check.text(value["heading"], join(key, "heading"), blank=False, max_length=120),
        "text": check.text(value["text"], join(key, "text"), blank=False),
    }


def images_check(check: Checker, value, key: str, known: Known) -> list[dict]:
    images = []
    for index, item in enumerate(check.listing(value, key)):
        where = item_key(key, index, item, "key")
        check.mapping(item, where, required=["key", "title", "file", "drawing"])
        image_key = check.slug(item["key"], join(where, "key"))
        if image_key in known.images:
            check.fail(join(where, "key"), f"the image '{image_key}' is defined twice")
        known.images.add(image_key)
        images.append(
            {
                "key": image_key,
                "title": check.text(item["title"], join(where, "title"), blank=False),
                "file": check.text(item["file"], join(where, "file"), blank=False),
                "drawing": check.choice(item["drawing"], join(where, "drawing"), sorted(DRAWINGS)),
            }
        )
    return images


def regions_check(check: Checker, value, key: str, known: Known) -> list[dict]:
    regions = []
    items = check.listing(value, key)
    check.unique(items, key)
    for index, item in enumerate(items):
        where = item_key(key, index, item)
        check.mapping(
            item, where, required=["slug", "name", "contacts"], optional=["kind", "introduction"]
        )
        contacts = []
        for number, contact in enumerate(check.listing(item["contacts"], join(where, "contacts"))):
            at = f"{where}.contacts[{number}]"
            check.mapping(
                contact,
                at,
                required=["role", "name"],
                optional=["phone", "email", "website", "when_to_contact"],
            )
            contacts.append(
                {
                    "role": check.choice(contact["role"], join(at, "role"), RegionContact.Role),
                    "name": check.text(contact["name"], join(at, "name"), blank=False),
                    "phone": check.text(contact.get("phone"), join(at, "phone"), max_length=40),
                    "email": check.text(contact.get("email"), join(at, "email")),
                    "website": check.text(contact.get("website"), join(at, "website")),
                    "when_to_contact": check.text(
                        contact.get("when_to_contact"), join(at, "when_to_contact")
                    ),
                }
            )
        regions.append(
            {
                "slug": check.slug(item["slug"], join(where, "slug")),
                "name": check.text(item["name"], join(where, "name"), blank=False),
                "kind": check.choice(
                    item.get("kind", Region.Kind.MUNICIPALITY), join(where, "kind"), Region.Kind
                ),
                "introduction": check.text(item.get("introduction"), join(where, "introduction")),
                "contacts": contacts,
            }
        )
        known.regions.add(item["slug"])
    return regions


def simple_page_check(check: Checker, value, key: str, *, more=()) -> dict:
    check.mapping(
        value, key, required=["slug", "title"], optional=["show_in_menus", "introduction", *more]
    )
    return {
        "slug": check.slug(value["slug"], join(key, "slug")),
        "title": check.text(value["title"], join(key, "title"), blank=False),
        "show_in_menus": check.boolean(value.get("show_in_menus"), join(key, "show_in_menus")),
        "introduction": check.text(value.get("introduction"), join(key, "introduction")),
    }


def site_check(file: ContentFile, known: Known) -> dict:
    check = Checker(file)
    data = check.mapping(
        file.data,
        "",
        required=["regions", "home", "sector_pages"],
        optional=[
            "site_name",
            "images",
            "module_index",
            "signal_library",
            "help_page",
            "accessibility_page",
        ],
    )
    site = {
        "site_name": check.text(data.get("site_name") or "Signaal", "site_name"),
        "images": images_check(check, data.get("images"), "images", known),
        "regions": regions_check(check, data["regions"], "regions", known),
    }
    home = check.mapping(
        data["home"], "home", required=["title"], optional=["introduction", "body"]
    )
    site["home"] = {
        "title": check.text(home["title"], "home.title", blank=False),
        "introduction": check.text(home.get("introduction"), "home.introduction"),
        "body": site_body_check(check, home.get("body"), "home.body"),
    }
    pages = check.listing(data["sector_pages"], "sector_pages")
    check.unique(pages, "sector_pages")
    site["sector_pages"] = []
    for index, page in enumerate(pages):
        where = item_key("sector_pages", index, page)
        check.mapping(
            page,
            where,
            required=["slug", "sector", "title", "entry"],
            optional=["introduction", "body"],
        )
        entry = check.mapping(page["entry"], join(where, "entry"), required=["heading", "text"])
        site["sector_pages"].append(
            {
                "slug": check.slug(page["slug"], join(where, "slug")),
                "sector": check.known(
                    page["sector"], join(where, "sector"), known.sectors, "sector"
                ),
                "title": check.text(page["title"], join(where, "title"), blank=False),
                "entry_heading": check.text(
                    entry["heading"], join(where, "entry.heading"), blank=False, max_length=80
                ),
                "entry_text": check.text(
                    entry["text"], join(where, "entry.text"), blank=False, max_length=300
                ),
                "introduction": check.text(page.get("introduction"), join(where, "introduction")),
                "body": site_body_check(check, page.get("body"), join(where, "body")),
            }
        )
        known.sector_pages.add(page["slug"])

    index = data.get("module_index") or {"slug": "modules", "title": "Modules"}
    site["module_index"] = simple_page_check(check, index, "module_index")
    library = data.get("signal_library") or {"slug": "signalen", "title": "Signalen"}
    site["signal_library"] = simple_page_check(check, library, "signal_library")
    if data.get("help_page") is not None:
        help_page = data["help_page"]
        site["help_page"] = simple_page_check(
            check, help_page, "help_page", more=("default_region", "body")
        )
        region = help_page.get("default_region")
        if region is not None:
            check.known(region, "help_page.default_region", known.regions, "region")
        site["help_page"]["default_region"] = region
        site["help_page"]["body"] = site_body_check(check, help_page.get("body"), "help_page.body")
    if data.get("accessibility_page") is not None:
        page = check.mapping(
            data["accessibility_page"],
            "accessibility_page",
            required=["slug", "title", "status", "last_reviewed", "contact_email", "body"],
        )
        site["accessibility_page"] = {
            "slug": check.slug(page["slug"], "accessibility_page.slug"),
            "title": check.text(page["title"], "accessibility_page.title", blank=False),
            "status": check.choice(
                page["status"], "accessibility_page.status", AccessibilityStatementPage.Status
            ),
            "last_reviewed": check.date(page["last_reviewed"], "accessibility_page.last_reviewed"),
            "contact_email": check.text(
                page["contact_email"], "accessibility_page.contact_email", blank=False
            ),
            "body": check.text(page["body"], "accessibility_page.body", blank=False),
        }
    return site


def signals_check(file: ContentFile, items, key: str, known: Known, origin: dict) -> list[dict]:
    """Signals of signals.yaml or of a module file; a slug may be defined only once."""
    check = Checker(file)
    signals = []
    for index, item in enumerate(check.listing(items, key)):
        where = item_key(key, index, item)
        signal = signal_check(check, item, where, known)
        if signal["slug"] in origin:
            check.fail(
                join(where, "slug"),
                f"the signal '{signal['slug']}' is already defined in {origin[signal['slug']]}",
            )
        origin[signal["slug"]] = file.label
        known.signals.add(signal["slug"])
        signals.append(signal)
    return signals


def content_validate(content: Content, *, sectors: set[str]) -> Validated:
    known = Known(sectors=set(sectors))
    site = site_check(content.site, known)
    origin: dict[str, str] = {}
    signals = signals_check(content.signals, content.signals.data, "", known, origin)
    # A module's own signals and images may be used by every module, so all are read first.
    extras = {}
    for file in content.modules:
        data = file.data if isinstance(file.data, dict) else {}
        own_signals = signals_check(file, data.get("signals"), "signals", known, origin)
        own_images = images_check(Checker(file), data.get("images"), "images", known)
        extras[file.path] = (own_signals, own_images)
        signals += own_signals
    modules = []
    defined_in: dict[str, str] = {}
    for file in content.modules:
        module = module_check(file, known)
        if module["slug"] in defined_in:
            Checker(file).fail(
                "slug", f"the module '{module['slug']}' is also in {defined_in[module['slug']]}"
            )
        defined_in[module["slug"]] = file.label
        module["signals"], module["images"] = extras[file.path]
        modules.append(module)
    for module in modules:
        draws_check(module, known)
    accounts = accounts_check(content.accounts, known)
    sample_attempts = sample_attempts_check(content.accounts, known)
    organisations = organisations_check(content.organisations, known)
    return Validated(
        site=site,
        accounts=accounts,
        sample_attempts=sample_attempts,
        signals=signals,
        modules=modules,
        organisations=organisations,
        known=known,
        site_label=content.site.label,
    )


def draws_check(module: dict, known: Known) -> None:
    """A quiz may draw questions from any module's question bank, so banks are known last."""
    quiz = module["quiz"]
    if quiz is None:
        return
    check = Checker(module["file"])
    for index, draw in enumerate(quiz["draws"]):
        check.known(draw["bank"], f"quiz.draws[{index}].bank", known.banks, "question bank")
