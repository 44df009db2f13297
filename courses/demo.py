"""Demo content for the courses app: the signal library, three modules and their lessons.

Signal slugs are stable: quiz and scenario demos refer to signals by slug.
"""

from website.models import Sector

from .models import Signal

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


def load() -> None:
    signals_load()
