"""Demo content for the courses app: the signal library, three modules and their lessons.

Signal slugs are stable: quiz and scenario demos refer to signals by slug. Lesson blocks get
stable ids too, so that statement answers and reflections survive loading the demo again.
"""

import io
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from website.demo import home_page_ensure, page_upsert
from website.models import Region, Sector

from .models import CourseIndexPage, CoursePage, LessonPage, Signal, SignalLibraryPage

ALL_SECTORS = ["onderwijs", "taxi", "jeugd-en-wijkteams", "hotel-en-horeca", "politie"]
CARE = ["onderwijs", "jeugd-en-wijkteams", "politie"]

RISK = Signal.Kind.RISK_FACTOR
SIGNAL = Signal.Kind.SIGNAL
VICTIM = Signal.Category.VICTIM
PERPETRATOR = Signal.Category.PERPETRATOR
CONTEXT = Signal.Category.CONTEXT
RECRUITING = Signal.Phase.RECRUITING
GROOMING = Signal.Phase.GROOMING
ISOLATING = Signal.Phase.ISOLATING
EXPLOITING = Signal.Phase.EXPLOITING

# (slug, title, kind, category, phase, sectors, summary, explanation)
SIGNALS = [
    # Risk factors: they do not prove anything, they tell a professional where to look closer.
    (
        "eerder-slachtoffer-van-geweld",
        "Eerder slachtoffer van (seksueel) geweld",
        RISK,
        VICTIM,
        "",
        CARE,
        "Wie al eerder geweld of misbruik meemaakte, loopt meer kans opnieuw slachtoffer "
        "te worden.",
        "<p>Eerder misbruik tast het gevoel van eigenwaarde en de eigen grenzen aan. Een "
        "uitbuiter herkent dat en maakt er gebruik van. Weet je dat een jongere dit heeft "
        "meegemaakt, let dan extra op nieuwe relaties en plotselinge veranderingen.</p>",
    ),
    (
        "licht-verstandelijke-beperking",
        "Licht verstandelijke beperking (LVB)",
        RISK,
        VICTIM,
        "",
        CARE,
        "Jongeren met een LVB zien bedoelingen van anderen minder snel en zijn makkelijker te "
        "misleiden.",
        "<p>Een licht verstandelijke beperking is vaak niet te zien. Jongeren met een LVB "
        "overzien de gevolgen van een keuze minder goed, willen graag ergens bij horen en "
        "vertrouwen iemand die aardig doet snel. Dat maakt hen kwetsbaar voor een loverboy.</p>",
    ),
    (
        "leeftijd-12-tot-24",
        "Leeftijd tussen 12 en 24 jaar",
        RISK,
        VICTIM,
        RECRUITING,
        ALL_SECTORS,
        "Loverboys richten zich vooral op meisjes en jongens tussen 12 en 24 jaar.",
        "<p>Van de ongeveer 3.000 vrouwen die per jaar slachtoffer worden van seksuele "
        "uitbuiting, is zo'n 1.300 minderjarig. Jongeren zijn op zoek naar liefde en erkenning "
        "en zijn online goed bereikbaar.</p>",
    ),
    (
        "multiprobleemgezin",
        "Gezin met veel problemen of gebroken gezin",
        RISK,
        CONTEXT,
        "",
        CARE,
        "Weinig steun en toezicht thuis maken een jongere gevoeliger voor aandacht van buiten.",
        "<p>In een gezin met schulden, ruzie, verslaving of een scheiding is er vaak weinig "
        "ruimte voor de jongere. Wie thuis geen aandacht krijgt, zoekt die elders. Een "
        "uitbuiter biedt precies dat.</p>",
    ),
    (
        "laag-zelfbeeld",
        "Laag zelfbeeld",
        RISK,
        VICTIM,
        GROOMING,
        CARE,
        "Wie weinig van zichzelf vindt, is gevoelig voor complimenten en cadeaus.",
        "<p>Een loverboy geeft in het begin veel complimenten en aandacht. Bij een jongere met "
        "een laag zelfbeeld komt dat extra hard aan: eindelijk ziet iemand haar staan.</p>",
    ),
    (
        "geschiedenis-geweld-trauma-jeugdzorg",
        "Geschiedenis van geweld, trauma of jeugdzorg",
        RISK,
        VICTIM,
        "",
        CARE,
        "Jongeren die in de jeugdzorg zitten of zaten, worden vaker benaderd door uitbuiters.",
        "<p>Uitbuiters weten waar kwetsbare jongeren wonen en zoeken hen op, ook bij "
        "instellingen. Houd contact met het gezin en het netwerk terwijl een jongere in "
        "gespecialiseerde zorg zit, en let bij terugkeer op nieuwe slachtofferschap.</p>",
    ),
    (
        "vluchteling-ongedocumenteerd-arbeidsmigrant",
        "Vluchteling, ongedocumenteerd of arbeidsmigrant",
        RISK,
        VICTIM,
        "",
        ["taxi", "hotel-en-horeca", "jeugd-en-wijkteams", "politie"],
        "Wie de taal en de regels niet kent of geen verblijfsvergunning heeft, is makkelijk "
        "afhankelijk te maken.",
        "<p>Arbeidsmigranten en mensen zonder papieren kennen hun rechten vaak niet en durven "
        "geen hulp te zoeken uit angst voor uitzetting. Ze wonen en werken soms via dezelfde "
        "persoon, waardoor die alles in handen heeft.</p>",
    ),
    (
        "lhbti",
        "LHBTI+",
        RISK,
        VICTIM,
        "",
        CARE,
        "Jongeren die lhbti+ zijn, lopen meer risico, vooral als ze thuis of op school geen "
        "steun vinden.",
        "<p>Een jongere die zich niet geaccepteerd voelt, kan een uitbuiter vinden die wel "
        "begrip toont. Jongens en lhbti+-jongeren worden ook uitgebuit, maar worden minder "
        "vaak als slachtoffer gezien.</p>",
    ),
    # Signals the professional can notice.
    (
        "wisselende-werkplekken",
        "Werkt op wisselende plekken of onder gevaarlijke omstandigheden",
        SIGNAL,
        CONTEXT,
        EXPLOITING,
        ["taxi", "hotel-en-horeca", "politie"],
        "Iemand wordt steeds naar andere adressen, hotels of werkplekken gebracht.",
        "<p>Uitbuiters verplaatsen slachtoffers vaak, zodat ze geen vaste contacten opbouwen "
        "en minder opvallen. Ritten naar steeds andere hotels of woningen, of werk zonder "
        "bescherming en veiligheid, zijn een reden om goed te kijken.</p>",
    ),
    (
        "tekenen-van-afhankelijkheid",
        "Tekenen van afhankelijkheid van de uitbuiter",
        SIGNAL,
        VICTIM,
        EXPLOITING,
        ALL_SECTORS,
        "Een tatoeage met de naam van een 'vriend', of voodoomateriaal, kan een teken van "
        "eigendom zijn.",
        "<p>Sommige uitbuiters laten hun slachtoffers een tatoeage zetten met hun naam of "
        "een symbool: een merkteken. Bij slachtoffers uit West-Afrika wordt soms een "
        "voodoo-ritueel gebruikt om hen angst in te boezemen.</p>",
    ),
    (
        "chantage-en-bedreiging",
        "Wordt gechanteerd of bedreigd, ook de familie",
        SIGNAL,
        PERPETRATOR,
        EXPLOITING,
        ALL_SECTORS,
        "Het slachtoffer of haar familie wordt bedreigd, bijvoorbeeld met het verspreiden van "
        "beelden.",
        "<p>Chantage houdt slachtoffers vast. Een dreigement om seksuele beelden te delen, of "
        "om familie iets aan te doen, maakt dat ze niet durven te praten of te vertrekken.</p>",
    ),
    (
        "opvallend-laag-loon",
        "Opvallend laag loon",
        SIGNAL,
        CONTEXT,
        EXPLOITING,
        ["hotel-en-horeca", "taxi", "politie"],
        "Iemand werkt veel maar houdt weinig of niets over.",
        "<p>Bij arbeidsuitbuiting wordt het loon ingehouden voor huur, vervoer of een "
        "'schuld'. Wie veel werkt en toch nooit geld heeft, kan worden uitgebuit.</p>",
    ),
    (
        "spijbelen-en-dalende-cijfers",
        "Spijbelen of dalende schoolresultaten",
        SIGNAL,
        VICTIM,
        ISOLATING,
        ["onderwijs", "jeugd-en-wijkteams"],
        "Een leerling verzuimt vaker, komt te laat of haar cijfers zakken in korte tijd.",
        "<p>Veel slachtoffers zitten nog op school terwijl ze worden uitgebuit. Verzuim, vooral "
        "op vaste momenten, en dalende resultaten zijn vaak de eerste dingen die school ziet. "
        "Vraag door en registreer wat je ziet.</p>",
    ),
    (
        "verwondingen-verbergen",
        "Vage uitleg over verwondingen, of ze verbergen",
        SIGNAL,
        VICTIM,
        EXPLOITING,
        ALL_SECTORS,
        "Blauwe plekken of wonden zonder duidelijke verklaring, of kleding die ze steeds bedekt.",
        "<p>Geweld hoort vaak bij uitbuiting. Een slachtoffer zal het zelden vertellen en "
        "heeft een verhaal klaar dat niet klopt. Let op herhaling en op lange mouwen bij warm "
        "weer.</p>",
    ),
    (
        "vertekend-beeld-van-liefde",
        "Vertekend beeld van vriendschap, liefde en aandacht",
        SIGNAL,
        VICTIM,
        GROOMING,
        CARE,
        "Ze vindt het normaal dat haar vriend bepaalt wat ze doet en met wie ze omgaat.",
        "<p>Een loverboy maakt een meisje verliefd en verandert dan langzaam wat 'normaal' is. "
        "Controle heet zorg, jaloezie heet liefde. Het slachtoffer ziet zichzelf vaak niet als "
        "slachtoffer.</p>",
    ),
    (
        "beschermt-werkgever",
        "Beschermt de werkgever of anderen overdreven",
        SIGNAL,
        VICTIM,
        EXPLOITING,
        ALL_SECTORS,
        "Iemand verdedigt de persoon die haar uitbuit en wil niets over hem kwijt.",
        "<p>Door liefde, angst of afhankelijkheid nemen slachtoffers de uitbuiter in "
        "bescherming. Ze geven vage of geen informatie. Daardoor is uitbuiting vaak een "
        "onzichtbaar delict.</p>",
    ),
    (
        "plotselinge-gedragsverandering",
        "Plotselinge gedragsverandering en normafwijkend gedrag",
        SIGNAL,
        VICTIM,
        GROOMING,
        ALL_SECTORS,
        "Een jongere verandert in korte tijd: andere kleding, ander taalgebruik, ander gedrag.",
        "<p>Een leerling die ineens uitdagende kleding draagt, dure spullen heeft die ze niet "
        "kan betalen, stoer of juist stil wordt: elk signaal op zich zegt weinig, samen kunnen "
        "ze wijzen op een loverboy.</p>",
    ),
    (
        "nieuwe-oudere-contacten",
        "Veel nieuwe contacten die niet bij de leeftijd passen",
        SIGNAL,
        PERPETRATOR,
        RECRUITING,
        ALL_SECTORS,
        "Oudere 'vrienden' halen haar op bij school of thuis, of bellen en appen steeds.",
        "<p>Uitbuiters en hun helpers zijn vaak ouder dan het slachtoffer. Ze maken contact via "
        "sociale media of via vriendinnen en staan na korte tijd met een auto bij de school.</p>",
    ),
    (
        "verwaarloost-vrienden-en-familie",
        "Verwaarloost of verbreekt oude vriendschappen en familiebanden",
        SIGNAL,
        VICTIM,
        ISOLATING,
        CARE,
        "Ze trekt zich terug uit haar vriendengroep en heeft ruzie met thuis.",
        "<p>Isoleren is een vaste fase van de loverboymethode. Hoe minder mensen om haar heen, "
        "hoe afhankelijker ze wordt van hem. Blijf juist in contact, ook als het moeilijk "
        "gaat.</p>",
    ),
    (
        "dubieuze-schulden",
        "Dubieuze schulden bij werkgever of anderen",
        SIGNAL,
        CONTEXT,
        ISOLATING,
        ALL_SECTORS,
        "Iemand moet een 'schuld' afbetalen voor cadeaus, reis, huur of een telefoon.",
        "<p>Eerst krijgt ze cadeaus, daarna moet ze ze terugbetalen. Een schuld die steeds "
        "groeit, maakt het slachtoffer afhankelijk en wordt gebruikt om haar te laten "
        "werken.</p>",
    ),
    (
        "angst-voor-uitzetting-of-mishandeling",
        "Bang voor uitzetting of mishandeling",
        SIGNAL,
        VICTIM,
        EXPLOITING,
        ["taxi", "hotel-en-horeca", "jeugd-en-wijkteams", "politie"],
        "Iemand durft niet met instanties te praten uit angst voor uitzetting of geweld.",
        "<p>Uitbuiters vertellen slachtoffers dat de politie hen zal oppakken of uitzetten. "
        "Leg uit dat slachtoffers van mensenhandel rechten hebben en hulp kunnen krijgen.</p>",
    ),
    (
        "vals-paspoort",
        "Vals paspoort of geen eigen identiteitsbewijs",
        SIGNAL,
        CONTEXT,
        EXPLOITING,
        ["hotel-en-horeca", "taxi", "politie"],
        "Iemand heeft geen eigen papieren, of een ander houdt ze voor haar.",
        "<p>Een uitbuiter neemt vaak het paspoort in, of regelt valse papieren. Een gast die "
        "niet zelf incheckt en geen eigen identiteitsbewijs kan laten zien, is een reden om "
        "op te letten.</p>",
    ),
    (
        "reis-door-ander-geregeld",
        "Heeft reis of visum niet zelf geregeld",
        SIGNAL,
        CONTEXT,
        RECRUITING,
        ["taxi", "hotel-en-horeca", "politie"],
        "Een ander heeft de reis, de rit of de kamer geregeld en betaald.",
        "<p>Wie niet weet waar ze naartoe gaat of wie de rit betaalt, heeft weinig in te "
        "brengen. Voor taxichauffeurs: let op ritten die een ander voor een jong meisje "
        "bestelt.</p>",
    ),
    (
        "weinig-contact-met-buitenwereld",
        "Weinig of geen contact met de buitenwereld",
        SIGNAL,
        VICTIM,
        ISOLATING,
        ALL_SECTORS,
        "Iemand mag niet zelf bellen, praat niet alleen met anderen of wordt steeds begeleid.",
        "<p>Een begeleider die het woord voert, een telefoon die wordt gecontroleerd, nooit "
        "alleen de deur uit: dat zijn tekenen dat iemand geen eigen keuzes kan maken.</p>",
    ),
    (
        "extreem-lange-werkdagen",
        "Extreem lange werkdagen of werkweken",
        SIGNAL,
        CONTEXT,
        EXPLOITING,
        ["hotel-en-horeca", "taxi", "politie"],
        "Iemand werkt dag en nacht, zeven dagen per week.",
        "<p>Bij arbeidsuitbuiting en seksuele uitbuiting zijn werktijden zonder rust gewoon. "
        "Let op mensen die altijd aan het werk zijn en er uitgeput uitzien.</p>",
    ),
    (
        "kort-bezoek-aan-adres",
        "Kort bezoek aan een adres, daarna weer ophalen",
        SIGNAL,
        CONTEXT,
        EXPLOITING,
        ["taxi", "hotel-en-horeca"],
        "Je brengt een jong meisje naar een huis of hotel en moet haar na een halfuur weer "
        "ophalen.",
        "<p>Waarom zo kort? Korte bezoeken aan steeds andere adressen, vaak 's avonds of "
        "'s nachts, passen bij gedwongen prostitutie. Noteer tijd, adres en kenteken en bespreek "
        "het met de politie.</p>",
    ),
    (
        "dure-spullen-en-cadeaus",
        "Dure spullen of cadeaus die ze niet zelf kan betalen",
        SIGNAL,
        PERPETRATOR,
        GROOMING,
        ["onderwijs", "jeugd-en-wijkteams"],
        "Een nieuwe telefoon, merkkleding of sieraden van een 'vriend'.",
        "<p>Een loverboy palmt zijn slachtoffer in met cadeaus en aandacht. Later gebruikt hij "
        "die cadeaus als schuld die ze moet terugbetalen.</p>",
    ),
    (
        "sextortion",
        "Afpersing met seksuele beelden (sextortion)",
        SIGNAL,
        PERPETRATOR,
        EXPLOITING,
        ["onderwijs", "jeugd-en-wijkteams", "politie"],
        "Iemand wordt gedwongen tot geld, meer beelden of 'diensten' met een dreigement om "
        "een foto of video te verspreiden.",
        "<p>Veel slachtoffers worden via sociale media geronseld. Een naaktfoto die ze ooit "
        "stuurde, wordt gebruikt als drukmiddel. Het online patroon volgt dezelfde fases als "
        "de loverboymethode.</p>",
    ),
]


def signals_load() -> dict[str, Signal]:
    """Create or update the demo signals, keyed by slug."""
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    signals = {}
    for slug, title, kind, category, phase, sector_slugs, summary, explanation in SIGNALS:
        signal, _created = Signal.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "category": category,
                "phase": phase,
                "summary": summary,
                "explanation": explanation,
            },
        )
        signal.sectors.set([sectors[s] for s in sector_slugs if s in sectors])
        signal.save()
        signals[slug] = signal
    return signals


BLOCK_NAMESPACE = uuid.UUID("6f1d9a52-3c1b-4b9e-9d57-8f0f1f3c2a10")


def stream(lesson_slug: str, blocks: list[tuple[str, object]]) -> list[dict]:
    """Raw stream data with ids derived from the lesson and position, the same every load."""
    return [
        {"type": kind, "value": value, "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{lesson_slug}:{i}"))}
        for i, (kind, value) in enumerate(blocks)
    ]


def lesson_activity_add(*, lesson_slug: str, block_type: str, value: dict) -> LessonPage | None:
    """Put a quiz or scenario block into a demo lesson, if the demo modules are loaded.

    Quizzes and scenarios load after the modules, so their demos add their own blocks. The
    block id is derived from the lesson and the block type, so loading again replaces the
    block instead of adding a second; quizzes stay at the end of the lesson.
    """
    lesson = LessonPage.objects.filter(slug=lesson_slug).first()
    if lesson is None:
        return None
    block_id = str(uuid.uuid5(BLOCK_NAMESPACE, f"{lesson_slug}:{block_type}"))
    raw = [block for block in lesson.body.raw_data if block.get("id") != block_id]
    raw.append({"type": block_type, "value": value, "id": block_id})
    raw.sort(key=lambda block: block["type"] == "quiz")
    lesson.body = raw
    lesson.save_revision().publish()
    return lesson


def text(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def callout(tone: str, heading: str, body: str) -> tuple[str, dict]:
    return ("callout", {"tone": tone, "heading": heading, "text": body})


def statement(claim: str, expert_view: str) -> tuple[str, dict]:
    return ("statement", {"statement": claim, "expert_view": expert_view})


def case(title: str, body: str, question: str = "") -> tuple[str, dict]:
    return ("case", {"title": title, "text": body, "question": question})


def reflection(question: str, hint: str = "") -> tuple[str, dict]:
    return ("reflection", {"question": question, "hint": hint})


def route(heading: str, introduction: str, region: Region | None = None) -> tuple[str, dict]:
    return (
        "reporting_route",
        {"heading": heading, "introduction": introduction, "region": region.pk if region else None},
    )


def video(title: str, url: str, transcript: str) -> tuple[str, dict]:
    return (
        "video",
        {
            "title": title,
            "video": None,
            "captions": None,
            "external_url": url,
            "transcript": transcript,
        },
    )


def image(img, alt_text: str, caption: str) -> tuple[str, dict]:
    return ("image", {"image": img.pk, "alt_text": alt_text, "caption": caption})


def demo_image_ensure():
    """A simple drawing of a taxi at night, made here so the demo needs no downloaded files."""
    model = get_image_model()
    title = "Demo: taxi bij een woonhuis"
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PillowImage.new("RGB", (960, 540), "#1d2b4a")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 420, 960, 540), fill="#3a3a3a")
    draw.rectangle((560, 170, 860, 420), fill="#8c6b4f")
    draw.polygon([(540, 170), (710, 60), (880, 170)], fill="#5b3b2a")
    draw.rectangle((610, 230, 690, 300), fill="#f2d06b")
    draw.rectangle((740, 310, 800, 420), fill="#3b2a1e")
    draw.rounded_rectangle((110, 300, 470, 420), radius=30, fill="#f2b134")
    draw.rounded_rectangle((180, 240, 400, 310), radius=20, fill="#f2b134")
    draw.rectangle((200, 255, 285, 300), fill="#9cc3d5")
    draw.rectangle((295, 255, 380, 300), fill="#9cc3d5")
    draw.rectangle((250, 222, 330, 242), fill="#ffffff")
    draw.ellipse((150, 390, 230, 470), fill="#111111")
    draw.ellipse((350, 390, 430, 470), fill="#111111")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return model.objects.create(title=title, file=ImageFile(buffer, name="demo-taxi-woonhuis.png"))


def signal_cards(signals: dict[str, Signal], heading: str, *slugs: str) -> tuple[str, dict]:
    return ("signal_cards", {"heading": heading, "signals": [signals[slug].pk for slug in slugs]})


def basics_lessons(img, regions, signals) -> list[dict]:
    return [
        {
            "slug": "wat-is-mensenhandel",
            "title": "Wat is mensenhandel?",
            "introduction": "Mensenhandel gebeurt ook in jouw stad. Wat is het, en hoe vaak komt "
            "het voor?",
            "duration_minutes": 6,
            "body": [
                text(
                    "<p>Bij mensenhandel wordt iemand geronseld, vervoerd of gehuisvest met "
                    "dwang, om hem of haar uit te buiten. Dwang is breed: geweld en bedreiging, "
                    "maar ook misleiding, chantage of misbruik van een kwetsbare positie. Het "
                    "staat in artikel 273f van het Wetboek van Strafrecht.</p>"
                    "<p>Er zijn vier vormen: seksuele uitbuiting (ook via een loverboy), "
                    "arbeidsuitbuiting, criminele uitbuiting en gedwongen orgaanverwijdering. "
                    "Mensensmokkel is iets anders: dan helpt iemand een ander tegen betaling "
                    "over de grens.</p>"
                ),
                statement(
                    "Mensenhandel komt in Nederland weinig voor.",
                    "<p>Dat klopt niet. Elk jaar worden ongeveer 3.000 vrouwen slachtoffer van "
                    "seksuele uitbuiting. Zo'n 1.300 van hen zijn minderjarig. Maar ongeveer "
                    "11% van die groep komt in beeld bij meldingen.</p>",
                ),
                image(
                    img,
                    "Tekening van een gele taxi 's avonds voor een woonhuis met een verlicht raam.",
                    "Uitbuiting gebeurt vaak gewoon in een woonwijk, in een hotel of in een taxi.",
                ),
                callout(
                    "info",
                    "88% was in contact met een professional",
                    "<p>Van alle slachtoffers is maar één op de vijf bekend bij de hulpverlening. "
                    "Toch had 88% tijdens de uitbuiting contact met een hulpverlener of een "
                    "andere professional. De signalen werden niet herkend. Daar is deze "
                    "training voor.</p>",
                ),
            ],
        },
        {
            "slug": "hoe-werkt-een-loverboy",
            "title": "Hoe werkt een loverboy?",
            "introduction": "Een loverboy werkt in vier fases. Wie ze kent, ziet eerder wat er "
            "gebeurt.",
            "duration_minutes": 8,
            "body": [
                text(
                    "<p>Een loverboy maakt een meisje of jongen verliefd, maakt haar "
                    "afhankelijk en dwingt haar daarna tot seks met anderen. Dat gaat in "
                    "fases:</p><ol><li><b>Ronselen</b>: hij zoekt contact, vaak online of via "
                    "vrienden.</li><li><b>Inpalmen</b>: aandacht, cadeaus, verliefdheid.</li>"
                    "<li><b>Isoleren</b>: hij zet haar los van familie en vrienden en bouwt "
                    "schulden op.</li><li><b>Uitbuiten</b>: gedwongen seks, chantage met "
                    "beelden.</li></ol>"
                ),
                video(
                    "Zo werkt een loverboy (uitleg in vier minuten)",
                    "https://example.org/signaal/video/loverboymethode",
                    "<p>Sanne is vijftien. Via Instagram krijgt ze berichten van een jongen "
                    "die haar mooi vindt. Hij geeft haar een telefoon en neemt haar mee uit. "
                    "Na een paar weken zegt hij dat hij schulden heeft. Als ze van hem houdt, "
                    "helpt ze hem. Zo begint het.</p>",
                ),
                signal_cards(
                    signals,
                    "Signalen per fase",
                    "nieuwe-oudere-contacten",
                    "dure-spullen-en-cadeaus",
                    "verwaarloost-vrienden-en-familie",
                    "dubieuze-schulden",
                    "chantage-en-bedreiging",
                ),
                statement(
                    "Een meisje dat zegt dat ze verliefd is, is geen slachtoffer.",
                    "<p>Juist verliefdheid is het middel van een loverboy. Slachtoffers zien "
                    "zichzelf vaak niet als slachtoffer en beschermen hem. Kijk naar wat er "
                    "gebeurt, niet alleen naar wat ze vertelt.</p>",
                ),
            ],
        },
        {
            "slug": "signalen-en-risicofactoren",
            "title": "Signalen en risicofactoren",
            "introduction": "Sommige jongeren lopen meer risico. En er zijn signalen die je kunt "
            "zien.",
            "duration_minutes": 8,
            "body": [
                signal_cards(
                    signals,
                    "Wie loopt meer risico?",
                    "leeftijd-12-tot-24",
                    "licht-verstandelijke-beperking",
                    "eerder-slachtoffer-van-geweld",
                    "multiprobleemgezin",
                    "laag-zelfbeeld",
                    "lhbti",
                ),
                case(
                    "Kim in het wijkteam",
                    "<p>Kim (16) woont met haar moeder, die schulden heeft. Kim zat eerder in "
                    "de jeugdzorg. Sinds kort heeft ze een vriend van 23 met een dure auto. Ze "
                    "komt niet meer naar afspraken en haar oude vriendinnen zeggen dat ze "
                    "haar niet meer zien.</p>",
                    "Welke risicofactoren en signalen zie je?",
                ),
                reflection(
                    "Denk aan iemand met wie je werkt. Welke van deze risicofactoren herken je? "
                    "Wat zou je willen weten?",
                    "Niemand anders leest wat je hier schrijft.",
                ),
            ],
        },
        {
            "slug": "wat-doe-je-met-een-signaal",
            "title": "Wat doe je met een signaal?",
            "introduction": "Je hoeft het niet zeker te weten. De meldcode helpt je stap voor "
            "stap.",
            "duration_minutes": 6,
            "body": [
                text(
                    "<p>Elke organisatie heeft een meldcode huiselijk geweld en "
                    "kindermishandeling. Die heeft vijf stappen:</p><ol><li>Breng de signalen "
                    "in kaart.</li><li>Overleg met een collega en zo nodig met Veilig Thuis of "
                    "een deskundige.</li><li>Praat met de betrokkene.</li><li>Weeg het geweld "
                    "of de uitbuiting.</li><li>Beslis: hulp organiseren en/of melden bij "
                    "Veilig Thuis.</li></ol>"
                ),
                route(
                    "Wie bel je in jouw regio?",
                    "De meldroute verschilt per gemeente. Kies je regio.",
                ),
                callout(
                    "help",
                    "Direct gevaar?",
                    "<p>Bel 112. Wil je anoniem iets melden, bel dan Meld Misdaad Anoniem: "
                    "0800-7000.</p>",
                ),
            ],
        },
    ]


def school_lessons(img, regions, signals) -> list[dict]:
    utrecht = regions.get("utrecht")
    return [
        {
            "slug": "wat-zie-je-in-de-klas",
            "title": "Wat zie je in de klas?",
            "introduction": "Je ziet je leerlingen elke week. Daardoor zie jij als een van de "
            "eersten dat er iets verandert.",
            "duration_minutes": 6,
            "body": [
                text(
                    "<p>Veel slachtoffers zitten nog op school terwijl ze worden uitgebuit. "
                    "Let op een leerling die ineens uitdagende kleding draagt, dure spullen "
                    "heeft, vaker verzuimt of na school wordt opgehaald door oudere "
                    "jongens.</p>"
                ),
                signal_cards(
                    signals,
                    "Signalen op school",
                    "spijbelen-en-dalende-cijfers",
                    "plotselinge-gedragsverandering",
                    "dure-spullen-en-cadeaus",
                    "nieuwe-oudere-contacten",
                ),
                statement(
                    "Als een leerling spijbelt, is dat vooral een zaak voor de "
                    "leerplichtambtenaar.",
                    "<p>Verzuim kan het eerste zichtbare signaal van uitbuiting zijn. Vraag "
                    "door, kijk naar het hele plaatje en registreer wat je ziet. De "
                    "leerplichtambtenaar is een partner, niet de enige.</p>",
                ),
            ],
        },
        {
            "slug": "casus-lisa-verandert",
            "title": "Casus: Lisa verandert",
            "introduction": "Een casus uit de praktijk, met vragen om over na te denken.",
            "duration_minutes": 8,
            "content_warning": "Deze les beschrijft seksuele uitbuiting van een minderjarige.",
            "body": [
                case(
                    "Lisa, 14 jaar",
                    "<p>Lisa zit in de tweede klas. Ze was een stille leerling met goede "
                    "cijfers. Sinds de kerstvakantie komt ze vaak te laat, draagt ze nieuwe "
                    "merkkleding en heeft ze een dure telefoon. Na school staat er een auto "
                    "met een oudere jongen op haar te wachten. Haar beste vriendin zegt dat "
                    "Lisa geen tijd meer voor haar heeft.</p>",
                    "Welke signalen zie je, en in welke fase zit Lisa misschien?",
                ),
                statement(
                    "Ik spreek Lisa pas aan als ik zeker weet dat er iets aan de hand is.",
                    "<p>Wacht niet op zekerheid. De meldcode vraagt je om signalen in kaart te "
                    "brengen en te overleggen. Een gesprek waarin je laat merken dat je haar "
                    "ziet, kan het verschil maken. Een goede klik is vaak de voorwaarde voor "
                    "hulp.</p>",
                ),
                reflection(
                    "Hoe zou jij het gesprek met Lisa beginnen? Schrijf je eerste zin op.",
                ),
            ],
        },
        {
            "slug": "online-ronselen-en-sextortion",
            "title": "Online ronselen en sextortion",
            "introduction": "Veel slachtoffers worden via sociale media benaderd.",
            "duration_minutes": 6,
            "body": [
                text(
                    "<p>Een loverboy kan ook online werken. Hij maakt contact via sociale "
                    "media, vraagt om een foto en dreigt die daarna te verspreiden. Dan eist "
                    "hij geld, meer beelden of seks met anderen. Het project 'Fake Boys' liet "
                    "zien hoe makkelijk jongeren meegaan met een nep-fotoshoot.</p>"
                ),
                signal_cards(
                    signals,
                    "Online signalen",
                    "sextortion",
                    "chantage-en-bedreiging",
                    "weinig-contact-met-buitenwereld",
                ),
                callout(
                    "warning",
                    "Beelden gedeeld?",
                    "<p>Zeg tegen een leerling: het is niet jouw schuld. Bewaar de berichten, "
                    "betaal niet en schakel hulp in via de aandachtsfunctionaris of Veilig "
                    "Thuis.</p>",
                ),
            ],
        },
        {
            "slug": "de-meldcode-op-school",
            "title": "De meldcode op school",
            "introduction": "Wat doe je als je je zorgen maakt om een leerling?",
            "duration_minutes": 5,
            "body": [
                text(
                    "<p>Bespreek je zorgen met de aandachtsfunctionaris of zorgcoördinator van "
                    "je school. Samen volgen jullie de vijf stappen van de meldcode. Vraag "
                    "advies aan Veilig Thuis; dat kan ook anoniem.</p>"
                ),
                route(
                    "De meldroute in Utrecht",
                    "Een voorbeeld van een regionale route.",
                    utrecht,
                ),
                statement(
                    "Scholen en wijkteams moeten hun zorgen over een leerling met elkaar delen.",
                    "<p>Als een meisje pas in de gespecialiseerde jeugdzorg terechtkomt, is "
                    "het vaak al te laat. Vroeg signaleren lukt beter als school en wijkteam "
                    "samenwerken, binnen de regels van de meldcode.</p>",
                ),
            ],
        },
    ]


def taxi_lessons(img, regions, signals) -> list[dict]:
    rotterdam = regions.get("rotterdam-rijnmond")
    return [
        {
            "slug": "wat-zie-je-in-je-taxi",
            "title": "Wat zie je in je taxi?",
            "introduction": "Jij ziet wie instapt, waar ze heen gaan en hoe vaak.",
            "duration_minutes": 5,
            "body": [
                text(
                    "<p>Uitbuiters gebruiken taxi's. Ze brengen slachtoffers naar hotels en "
                    "huizen. Jij rijdt. Jij ziet veel. Kijk goed en onthoud wat je ziet.</p>"
                ),
                image(
                    img,
                    "Tekening van een gele taxi 's avonds voor een woonhuis met een verlicht raam.",
                    "Een korte rit naar een woonhuis, 's avonds laat.",
                ),
                signal_cards(
                    signals,
                    "Let hierop",
                    "kort-bezoek-aan-adres",
                    "reis-door-ander-geregeld",
                    "weinig-contact-met-buitenwereld",
                    "leeftijd-12-tot-24",
                ),
            ],
        },
        {
            "slug": "casus-een-rit-van-een-halfuur",
            "title": "Casus: een rit van een halfuur",
            "introduction": "Een rit die niet klopt. Wat doe je?",
            "duration_minutes": 5,
            "body": [
                case(
                    "Zaterdagavond, 23.00 uur",
                    "<p>Een man belt de centrale. Je moet een meisje ophalen bij een station. "
                    "Ze is misschien 15 jaar. Je brengt haar naar een huis. Je moet haar over "
                    "een halfuur weer ophalen. De man betaalt. Het meisje zegt niets en kijkt "
                    "steeds op haar telefoon.</p>",
                    "Wat valt je op?",
                ),
                statement(
                    "Als chauffeur gaat het mij niet aan wat mijn klant gaat doen.",
                    "<p>Jij hoeft het niet op te lossen. Maar je kunt wel iets doen: schrijf "
                    "tijd, adres en kenteken op en bel de politie of Meld Misdaad Anoniem. Bij "
                    "direct gevaar bel je 112.</p>",
                ),
                reflection("Wat zou jij doen na deze rit? En wat heb je daarvoor nodig?"),
            ],
        },
        {
            "slug": "hotels-adressen-en-ritten",
            "title": "Hotels, adressen en ritten die niet kloppen",
            "introduction": "Sommige ritten zijn vaker een teken van uitbuiting.",
            "duration_minutes": 6,
            "body": [
                text(
                    "<p>Let op: steeds andere hotels, korte bezoeken, een ander die betaalt en "
                    "het woord voert. Mensen zonder eigen paspoort. Mensen die er moe uitzien "
                    "en dag en nacht werken.</p>"
                ),
                signal_cards(
                    signals,
                    "Signalen van uitbuiting",
                    "wisselende-werkplekken",
                    "vals-paspoort",
                    "extreem-lange-werkdagen",
                    "angst-voor-uitzetting-of-mishandeling",
                ),
                video(
                    "Een chauffeur vertelt",
                    "https://example.org/signaal/video/chauffeur-vertelt",
                    '<p>"Ik bracht haar elke week naar een ander hotel. Altijd dezelfde man '
                    'die belde. Pas later begreep ik wat er gebeurde. Nu let ik beter op."</p>',
                ),
            ],
        },
        {
            "slug": "wie-bel-je-onderweg",
            "title": "Wie bel je?",
            "introduction": "Een signaal gezien? Zo meld je het.",
            "duration_minutes": 4,
            "body": [
                route(
                    "De meldroute in Rotterdam-Rijnmond",
                    "Bewaar deze nummers in je telefoon.",
                    rotterdam,
                ),
                callout(
                    "help",
                    "Direct gevaar? Bel 112.",
                    "<p>Wil je anoniem blijven? Bel Meld Misdaad Anoniem: 0800-7000.</p>",
                ),
                statement(
                    "Ik meld alleen iets als ik zeker weet dat het mensenhandel is.",
                    "<p>Je hoeft het niet zeker te weten. De politie en Veilig Thuis zoeken "
                    "het uit. Jouw melding kan een stukje van de puzzel zijn.</p>",
                ),
            ],
        },
    ]


COURSES = [
    {
        "slug": "basis-mensenhandel-en-loverboys",
        "title": "De basis: mensenhandel en de loverboymethode",
        "introduction": "Wat is mensenhandel, hoe werkt een loverboy en wat doe je als je "
        "signalen ziet? Voor iedereen die met jongeren of klanten werkt.",
        "sectors": [],
        "duration_minutes": 30,
        "is_public": True,
        "certificate_validity_months": 24,
        "content_warning": "",
        "goals": [
            "Je kunt uitleggen wat mensenhandel is en welke vormen er zijn.",
            "Je herkent de vier fases van de loverboymethode.",
            "Je kent de belangrijkste signalen en risicofactoren.",
            "Je weet wie je belt in jouw regio.",
        ],
        "lessons": basics_lessons,
    },
    {
        "slug": "signalen-op-school",
        "title": "Signalen op school",
        "introduction": "Voor leraren, mentoren en ander schoolpersoneel: zie wat er speelt "
        "als een leerling verandert.",
        "sectors": ["onderwijs"],
        "duration_minutes": 25,
        "is_public": False,
        "certificate_validity_months": 24,
        "content_warning": "In deze module gaat het over seksuele uitbuiting van minderjarigen.",
        "goals": [
            "Je herkent signalen van een loverboy bij leerlingen.",
            "Je weet hoe online ronselen en sextortion werken.",
            "Je weet wat de meldcode van je school van je vraagt.",
        ],
        "lessons": school_lessons,
    },
    {
        "slug": "signalen-onderweg",
        "title": "Signalen onderweg",
        "introduction": "Voor taxichauffeurs: korte lessen, in eenvoudige taal, tussen twee "
        "ritten door.",
        "sectors": ["taxi"],
        "duration_minutes": 20,
        "is_public": False,
        "certificate_validity_months": 12,
        "content_warning": "",
        "goals": [
            "Je herkent ritten die niet kloppen.",
            "Je weet wat je opschrijft en wie je belt.",
        ],
        "lessons": taxi_lessons,
    },
]


def courses_load(home, img, regions, signals) -> list[CoursePage]:
    index = page_upsert(
        home,
        CourseIndexPage,
        slug="modules",
        title="Modules",
        show_in_menus=True,
        introduction="Korte modules per beroepsgroep. Begin met de basis.",
    )
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    courses = []
    for data in COURSES:
        course = page_upsert(
            index,
            CoursePage,
            slug=data["slug"],
            title=data["title"],
            introduction=data["introduction"],
            duration_minutes=data["duration_minutes"],
            is_public=data["is_public"],
            certificate_validity_months=data["certificate_validity_months"],
            content_warning=data["content_warning"],
            learning_goals=[("goal", goal) for goal in data["goals"]],
        )
        course.sectors.set([sectors[slug] for slug in data["sectors"] if slug in sectors])
        course.save_revision().publish()
        for lesson in data["lessons"](img, regions, signals):
            page_upsert(
                course,
                LessonPage,
                slug=lesson["slug"],
                title=lesson["title"],
                introduction=lesson["introduction"],
                duration_minutes=lesson["duration_minutes"],
                content_warning=lesson.get("content_warning", ""),
                body=stream(lesson["slug"], lesson["body"]),
            )
        courses.append(course)
    return courses


def load() -> None:
    signals = signals_load()
    home = home_page_ensure()
    page_upsert(
        home,
        SignalLibraryPage,
        slug="signalen",
        title="Signalen",
        show_in_menus=True,
        introduction="Alle signalen en risicofactoren van mensenhandel en de loverboymethode. "
        "Filter op jouw werk, op de fase of op wie het signaal betreft.",
    )
    regions = {region.slug: region for region in Region.objects.all()}
    courses_load(home, demo_image_ensure(), regions, signals)
