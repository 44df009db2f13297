"""Demo content for the site-wide pages: home, sector pages, help, accessibility, regions."""

import datetime

from wagtail.models import Page, Site

from .models import (
    AccessibilityStatementPage,
    HelpPage,
    HomePage,
    Region,
    RegionContact,
    SiteSettings,
    StandardPage,
)


def page_upsert(parent: Page, model: type[Page], *, slug: str, **fields) -> Page:
    """Create or update a published child page of `parent` with this slug.

    Loading the demo twice must not duplicate anything, so pages are found by slug and
    their fields brought up to date.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def home_page_ensure() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Signaal", slug="signaal")
        Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Signaal"
        )
    elif site.root_page_id != home.pk:
        welcome_page = site.root_page
        site.root_page = home
        site.site_name = "Signaal"
        site.save()
        if welcome_page.specific_class is Page and not welcome_page.get_children().exists():
            welcome_page.delete()
    return home


def paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def callout(tone: str, heading: str, text: str) -> tuple[str, dict]:
    return ("callout", {"tone": tone, "heading": heading, "text": text})


SECTOR_PAGES = [
    {
        "slug": "leraren",
        "title": "Voor leraren en schoolpersoneel",
        "entry": "Ik ben leraar",
        "entry_text": "Een leerling verzuimt, draagt ineens dure spullen of trekt zich terug. "
        "Wat kan erachter zitten?",
        "introduction": "Je ziet leerlingen elke week. Daardoor merk jij als een van de eersten "
        "dat er iets verandert.",
        "body": [
            paragraph(
                "<p>Loverboys zoeken meisjes en jongens van twaalf tot vierentwintig jaar. "
                "Veel slachtoffers zitten nog op school terwijl ze worden uitgebuit. Let op "
                "spijbelen en dalende cijfers, nieuwe kleding of telefoons die een leerling "
                "niet zelf kan betalen, en oudere vrienden die haar na school ophalen.</p>"
            ),
            callout(
                "help",
                "Twijfel je?",
                "<p>Volg de meldcode van je school: breng de signalen in kaart en overleg met "
                "de aandachtsfunctionaris of met Veilig Thuis (0800-2000). Je hoeft het niet "
                "zeker te weten om advies te vragen.</p>",
            ),
        ],
    },
    {
        "slug": "taxichauffeurs",
        "title": "Voor taxichauffeurs",
        "entry": "Ik ben taxichauffeur",
        "entry_text": "Je brengt een jong meisje naar een huis en moet haar een halfuur later "
        "weer ophalen. Wat doe je?",
        "introduction": "Uitbuiters gebruiken taxi's om slachtoffers van adres naar adres te "
        "brengen. Jij ziet wie er instapt, waarheen en hoe vaak.",
        "body": [
            paragraph(
                "<p>Let op ritten die niet kloppen: een minderjarige die 's nachts naar "
                "wisselende adressen gaat, een ander die de rit regelt en betaalt, of korte "
                "bezoeken aan hotels en woningen. Het slachtoffer heeft vaak weinig te zeggen "
                "en kijkt steeds op haar telefoon.</p>"
            ),
            callout(
                "help",
                "Onveilig gevoel?",
                "<p>Bij direct gevaar bel je 112. Anders meld je wat je zag bij de politie "
                "(0900-8844) of anoniem bij Meld Misdaad Anoniem (0800-7000).</p>",
            ),
        ],
    },
    {
        "slug": "jeugdzorg-en-wijkteams",
        "title": "Voor jeugdzorg en wijkteams",
        "entry": "Ik werk in de jeugdzorg of het wijkteam",
        "entry_text": "Je kent de gezinnen en de buurt. Signaleer vroeg, voordat specialistische "
        "zorg nodig is.",
        "introduction": "Als een meisje pas in de gespecialiseerde jeugdzorg terechtkomt, is "
        "het vaak al te laat. Het wijkteam kan eerder zien wat er gebeurt.",
        "body": [
            paragraph(
                "<p>Jongeren met een licht verstandelijke beperking, een geschiedenis van "
                "geweld of jeugdzorg, of een gezin met veel problemen lopen meer risico. Een "
                "goede klik tussen jou en de jongere is vaak de voorwaarde om hulp te "
                "bieden.</p>"
            ),
        ],
    },
    {
        "slug": "hotel-en-horeca",
        "title": "Voor hotel en horeca",
        "entry": "Ik werk in een hotel of de horeca",
        "entry_text": "Een jonge gast met een oudere man, contant betaald, veel bezoek op de "
        "kamer. Herken je het patroon?",
        "introduction": "Hotels en vakantiewoningen worden gebruikt voor seksuele uitbuiting. "
        "Receptie, schoonmaak en bediening zien de signalen.",
        "body": [
            paragraph(
                "<p>Let op gasten die niet zelf inchecken, geen eigen identiteitsbewijs "
                "hebben, er jong uitzien en steeds met andere mannen komen. Schrijf op wat je "
                "ziet en bespreek het met je leidinggevende.</p>"
            ),
        ],
    },
]

HOME_BODY = [
    paragraph(
        "<p>Ongeveer 3.000 vrouwen per jaar worden in Nederland slachtoffer van seksuele "
        "uitbuiting. Zo'n 1.300 van hen zijn minderjarig. Van de slachtoffers heeft 88% "
        "tijdens de uitbuiting contact met een hulpverlener of andere professional, maar "
        "slechts één op de vijf is bekend bij de hulpverlening. De signalen worden gemist.</p>"
        "<p>Signaal leert je die signalen zien en laat je weten wie je belt in jouw regio. "
        "Kort, op je telefoon, tussen je werk door.</p>"
    ),
    callout(
        "help",
        "Maak je je nu zorgen om iemand?",
        "<p>Bel Veilig Thuis voor advies: 0800-2000, gratis en dag en nacht bereikbaar. Bij "
        "direct gevaar bel je 112.</p>",
    ),
]

REGIONS = [
    {
        "name": "Gemeente Utrecht",
        "slug": "utrecht",
        "kind": Region.Kind.MUNICIPALITY,
        "introduction": "Voorbeeldroute in de demo. Controleer de gegevens bij je gemeente "
        "voordat je ze gebruikt.",
        "contacts": [
            (
                RegionContact.Role.VEILIG_THUIS,
                "Veilig Thuis Utrecht",
                "0800-2000",
                "Voor advies bij een vermoeden en voor een melding. Volg eerst de stappen van "
                "de meldcode van je organisatie.",
            ),
            (
                RegionContact.Role.POLICE,
                "Politie, team AVIM",
                "0900-8844",
                "Bij strafbare feiten of als je aangifte wilt bespreken. Bij direct gevaar "
                "bel je 112.",
            ),
            (
                RegionContact.Role.CARE_COORDINATOR,
                "Zorgcoördinator mensenhandel",
                "",
                "Regelt opvang en hulp voor slachtoffers. Bereikbaar via Veilig Thuis of de "
                "gemeente.",
            ),
            (
                RegionContact.Role.SAFETY_HOUSE,
                "Zorg- en Veiligheidshuis regio Utrecht",
                "",
                "Brengt zorg en politie samen in een casusoverleg en spreekt af wie wat doet.",
            ),
        ],
    },
    {
        "name": "Veiligheidsregio Rotterdam-Rijnmond",
        "slug": "rotterdam-rijnmond",
        "kind": Region.Kind.SAFETY_REGION,
        "introduction": "Voorbeeldroute in de demo. Controleer de gegevens bij je gemeente "
        "voordat je ze gebruikt.",
        "contacts": [
            (
                RegionContact.Role.VEILIG_THUIS,
                "Veilig Thuis Rotterdam Rijnmond",
                "0800-2000",
                "Voor advies en melding. Het expertteam mensenhandel denkt met je mee.",
            ),
            (
                RegionContact.Role.POLICE,
                "Politie, wijkagent of team AVIM",
                "0900-8844",
                "Ken de wijkagent in jouw buurt; die weet wat er speelt.",
            ),
            (
                RegionContact.Role.ANONYMOUS,
                "Meld Misdaad Anoniem",
                "0800-7000",
                "Als je anoniem wilt blijven.",
            ),
            (
                RegionContact.Role.SAFETY_HOUSE,
                "Zorg- en Veiligheidshuis Rotterdam-Rijnmond",
                "",
                "Koppelt een melding aan zorg en politie en bewaakt de afspraken.",
            ),
        ],
    },
]

ACCESSIBILITY_BODY = (
    "<h2>Wat we doen</h2>"
    "<p>Signaal is gebouwd volgens de WCAG 2.1 op niveau AA. Elke pagina werkt met alleen "
    "een toetsenbord, op een telefoon van 320 pixels breed en zonder JavaScript. We testen "
    "automatisch met axe-core en handmatig met een schermlezer.</p>"
    "<h2>Wat nog niet goed is</h2>"
    "<p>Video's in de lessen hebben ondertitels of een uitgeschreven tekst. Meld het ons als "
    "je er een tegenkomt zonder.</p>"
)


def regions_load() -> list[Region]:
    regions = []
    for data in REGIONS:
        region, _created = Region.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "kind": data["kind"],
                "introduction": data["introduction"],
            },
        )
        region.contacts.all().delete()
        for order, (role, name, phone, when) in enumerate(data["contacts"]):
            RegionContact.objects.create(
                region=region,
                sort_order=order,
                role=role,
                name=name,
                phone=phone,
                when_to_contact=when,
            )
        regions.append(region)
    return regions


def load() -> HomePage:
    regions = regions_load()
    home = home_page_ensure()
    sector_pages = [
        page_upsert(
            home,
            StandardPage,
            slug=data["slug"],
            title=data["title"],
            introduction=data["introduction"],
            body=data["body"],
        )
        for data in SECTOR_PAGES
    ]
    home.title = "Herken de signalen van mensenhandel"
    home.introduction = (
        "Korte trainingen voor leraren, taxichauffeurs, jeugdwerkers en horecapersoneel: "
        "zie wat er speelt, weet wat je doet en wie je belt."
    )
    home.sector_entries = [
        ("sector", {"heading": data["entry"], "text": data["entry_text"], "page": page})
        for data, page in zip(SECTOR_PAGES, sector_pages, strict=True)
    ]
    home.body = HOME_BODY
    home.save_revision().publish()

    help_page = page_upsert(
        home,
        HelpPage,
        slug="hulp-en-melden",
        title="Hulp en melden",
        show_in_menus=True,
        introduction="Zie je signalen van mensenhandel of uitbuiting? Hier staat wie je in "
        "jouw regio kunt bellen, en wanneer.",
        default_region=regions[0],
        body=[
            callout(
                "info",
                "Veilig op deze site",
                "<p>Met de knop 'Snel weg' bovenaan, of met Escape, verlaat je deze site "
                "meteen. Je browsergeschiedenis wis je daarmee niet: gebruik een privévenster "
                "als iemand met je meekijkt.</p>",
            )
        ],
    )
    accessibility_page = page_upsert(
        home,
        AccessibilityStatementPage,
        slug="toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        status=AccessibilityStatementPage.Status.B,
        last_reviewed=datetime.date(2026, 11, 1),
        contact_email="toegankelijkheid@signaal.test",
        body=ACCESSIBILITY_BODY,
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.help_page = help_page
    site_settings.accessibility_page = accessibility_page
    site_settings.save()
    return home
