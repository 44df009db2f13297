"""Demo quizzes: one per demo module, every question type, on the demo signals (by slug).

Loading twice changes nothing: banks, questions, options and quizzes are found by their
title (options by position), and the demo learner's sample attempts are made only once.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission

from accounts.models import User
from courses.demo import lesson_activity_add
from courses.models import Signal

from .models import Answer, Attempt, Option, Question, QuestionBank, Quiz, QuizDraw, QuizQuestion
from .services import Taker, answer_mark, answer_submit, attempt_start

SINGLE = Question.Kind.SINGLE
MULTIPLE = Question.Kind.MULTIPLE
TRUE_FALSE = Question.Kind.TRUE_FALSE
ESSAY = Question.Kind.ESSAY
SPOTTING = Question.Kind.SPOTTING

TRUE_IS_RIGHT = [("Waar", True), ("Niet waar", False)]
FALSE_IS_RIGHT = [("Waar", False), ("Niet waar", True)]


@dataclass(frozen=True)
class DemoQuestion:
    kind: str
    text: str
    explanation: str
    options: list = field(
        default_factory=list
    )  # (text, is_correct) or (text, is_correct, feedback)
    signals: list[str] = field(default_factory=list)


BASICS = [
    DemoQuestion(
        SINGLE,
        "Wat is de kern van mensenhandel?",
        "<p>Bij mensenhandel wordt iemand geworven, vervoerd of gehuisvest met een vorm van "
        "dwang, met <b>uitbuiting</b> als doel. Mensensmokkel (iemand tegen betaling over de "
        "grens helpen) is iets anders. Mensenhandel staat in artikel 273f van het Wetboek van "
        "Strafrecht.</p>",
        [
            ("Uitbuiting van een ander", True),
            ("Iemand tegen betaling over de grens helpen", False, "Dat is mensensmokkel."),
            ("Zwart werken zonder vergunning", False),
            ("Prostitutie op zich", False, "Sekswerk op zich is geen mensenhandel; dwang wel."),
        ],
        ["chantage-en-bedreiging"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Mensensmokkel is een vorm van mensenhandel.",
        "<p>Niet waar. Bij smokkel betaalt iemand om de grens over te komen. Bij mensenhandel "
        "draait het om dwang en uitbuiting, ook als er geen grens wordt overgestoken.</p>",
        FALSE_IS_RIGHT,
    ),
    DemoQuestion(
        SINGLE,
        "Hoeveel vrouwen worden in Nederland per jaar ongeveer slachtoffer van seksuele "
        "uitbuiting?",
        "<p>Het gaat om ongeveer 3.000 vrouwen per jaar. Zo'n 1.300 van hen zijn minderjarig, "
        "vaak geronseld door een loverboy. Maar een klein deel komt ooit in beeld.</p>",
        [("Ongeveer 300", False), ("Ongeveer 3.000", True), ("Ongeveer 30.000", False)],
        ["leeftijd-12-tot-24"],
    ),
    DemoQuestion(
        SINGLE,
        "In welke volgorde verloopt de loverboymethode meestal?",
        "<p>Eerst het <b>ronselen</b> (contact leggen, vaak online of via vrienden), dan het "
        "<b>inpalmen</b> (aandacht, cadeaus, verliefd maken), dan het <b>isoleren</b> (familie "
        "en vrienden afsnijden, schulden, afhankelijkheid) en ten slotte het <b>uitbuiten</b>."
        "</p>",
        [
            ("Ronselen, inpalmen, isoleren, uitbuiten", True),
            ("Inpalmen, uitbuiten, ronselen, isoleren", False),
            ("Isoleren, ronselen, uitbuiten, inpalmen", False),
            ("Uitbuiten, isoleren, inpalmen, ronselen", False),
        ],
        ["vertekend-beeld-van-liefde"],
    ),
    DemoQuestion(
        MULTIPLE,
        "Welke van deze kenmerken zijn risicofactoren voor slachtofferschap? Kies alle juiste.",
        "<p>Een licht verstandelijke beperking, een leeftijd tussen 12 en 24 jaar en een laag "
        "zelfbeeld maken iemand kwetsbaarder. Een sportclub of een goede band met ouders zijn "
        "juist beschermend.</p>",
        [
            ("Een licht verstandelijke beperking", True),
            ("Een leeftijd tussen 12 en 24 jaar", True),
            ("Een laag zelfbeeld", True),
            ("Lid zijn van een sportclub", False),
            ("Een goede band met de ouders", False),
        ],
        ["licht-verstandelijke-beperking", "leeftijd-12-tot-24", "laag-zelfbeeld"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "De meeste slachtoffers van mensenhandel hebben tijdens de uitbuiting contact met een "
        "zorgprofessional.",
        "<p>Waar. Zo'n 88% van de slachtoffers spreekt tijdens de uitbuiting een "
        "zorgprofessional, terwijl maar ongeveer één op de vijf slachtoffers bij de zorg bekend "
        "is. De signalen worden vaak niet herkend.</p>",
        TRUE_IS_RIGHT,
        ["weinig-contact-met-buitenwereld"],
    ),
    DemoQuestion(
        SPOTTING,
        "Lees de casus van Lisa. Vink elke zin aan die een signaal is.",
        "<p>De vriend van 23 past niet bij haar leeftijd, de dure spullen kan ze niet zelf "
        "betalen en ze laat haar oude vriendinnen los. Samen vormen ze een patroon dat past "
        "bij het inpalmen en isoleren door een loverboy.</p>",
        [
            ("Lisa (15) heeft sinds een paar maanden een vriend van 23.", True),
            ("Ze zit in de derde klas van het vmbo.", False),
            (
                "Ze heeft ineens een nieuwe telefoon en dure sneakers, terwijl haar moeder "
                "weinig geld heeft.",
                True,
            ),
            ("Ze houdt van dansen en zit op hiphoples.", False),
            ("Tegen haar oude vriendinnen zegt ze dat ze 'geen tijd meer' heeft.", True),
            ("Op zaterdag helpt ze bij haar oma in de winkel.", False),
        ],
        ["nieuwe-oudere-contacten", "dure-spullen-en-cadeaus", "verwaarloost-vrienden-en-familie"],
    ),
    DemoQuestion(
        SINGLE,
        "Hoe legt een loverboy vaak het eerste contact?",
        "<p>Veel slachtoffers worden geronseld via sociale media of via vrienden en kennissen. "
        "Daardoor merken ouders en school het eerste contact vaak niet op.</p>",
        [
            ("Via sociale media of via vrienden", True),
            ("Via een advertentie in de krant", False),
            ("Alleen op straat", False),
            ("Via de ouders van het meisje", False),
        ],
        ["nieuwe-oudere-contacten"],
    ),
    DemoQuestion(
        MULTIPLE,
        "Wat hoort bij de fase 'isoleren'? Kies alle juiste.",
        "<p>In de fase isoleren wordt het slachtoffer losgemaakt van familie en vrienden en "
        "afhankelijk gemaakt, vaak met schulden. Cadeaus geven hoort bij het inpalmen; het "
        "eerste contact bij het ronselen.</p>",
        [
            ("Het contact met familie en vrienden afsnijden", True),
            ("Schulden laten ontstaan", True),
            ("Het slachtoffer afhankelijk maken", True),
            ("Cadeaus geven om haar verliefd te maken", False, "Dat is inpalmen."),
            ("Het eerste contact via Instagram", False, "Dat is ronselen."),
        ],
        ["verwaarloost-vrienden-en-familie", "dubieuze-schulden", "tekenen-van-afhankelijkheid"],
    ),
    DemoQuestion(
        SINGLE,
        "Een jongen dreigt een naaktfoto van een meisje te verspreiden als ze niet betaalt. "
        "Hoe heet dit?",
        "<p>Dit is <b>sextortion</b>: afpersing met seksuele beelden. Daarna volgen vaak eisen "
        "om geld, meer beelden of 'diensten'.</p>",
        [("Sextortion", True), ("Grooming", False), ("Sexting", False), ("Phishing", False)],
        ["sextortion"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Slachtoffers van een loverboy vertellen meestal zelf duidelijk wat er aan de hand is.",
        "<p>Niet waar. Door de invloed van de loverboy geven slachtoffers vaak vage of geen "
        "informatie, ook aan familie en hulpverleners. Veel slachtoffers zien zichzelf niet "
        "als slachtoffer.</p>",
        FALSE_IS_RIGHT,
        ["vertekend-beeld-van-liefde", "beschermt-werkgever"],
    ),
    DemoQuestion(
        ESSAY,
        "Een collega zegt: 'Loverboys, dat speelt bij ons niet.' Leg in een paar zinnen uit "
        "waarom je daar anders over denkt.",
        "<p>Een goed antwoord noemt dat het een 'onzichtbaar' delict is: slachtoffers praten "
        "er zelden over, maar ongeveer 11% van de minderjarige slachtoffers komt in meldingen "
        "terecht en de meeste slachtoffers zijn wel in contact met professionals. Dat het "
        "niet gezien wordt, betekent niet dat het er niet is.</p>",
    ),
    DemoQuestion(
        SINGLE,
        "Welke organisatie is het landelijke coördinatiecentrum tegen mensenhandel?",
        "<p>CoMensha registreert slachtoffers en brengt de omvang van mensenhandel in beeld. "
        "Meldingen komen binnen via Veilig Thuis of andere meldpunten.</p>",
        [
            ("CoMensha", True),
            ("Veilig Thuis", False),
            ("Het AVIM-team van de politie", False),
            ("Het Zorg- en Veiligheidshuis", False),
        ],
    ),
]

SCHOOL = [
    DemoQuestion(
        SPOTTING,
        "Lees de casus van Amira. Vink elke zin aan die een signaal is.",
        "<p>Het spijbelen, de veel oudere man die haar ophaalt en de vage uitleg over de blauwe "
        "plek zijn signalen. Wisselende cijfers en veel op de telefoon zitten zijn bij "
        "tieners gewoon.</p>",
        [
            ("Amira (14) spijbelt de laatste weken steeds vaker op maandag.", True),
            ("Haar cijfers voor wiskunde zijn altijd al wisselend geweest.", False),
            ("Na school wordt ze opgehaald door een man die veel ouder lijkt.", True),
            ("In de pauze zit ze vaak op haar telefoon.", False),
            (
                "Ze heeft een blauwe plek op haar arm en zegt alleen dat ze 'gevallen' is.",
                True,
            ),
            ("Ze wil na haar examen de kappersopleiding doen.", False),
        ],
        ["spijbelen-en-dalende-cijfers", "nieuwe-oudere-contacten", "verwondingen-verbergen"],
    ),
    DemoQuestion(
        SINGLE,
        "Een leerling komt ineens in uitdagende kleding en dure merkkleding naar school. "
        "Wat doe je eerst?",
        "<p>Volgens de Meldcode breng je eerst de signalen in kaart en overleg je met een "
        "collega, zoals de aandachtsfunctionaris. Je kunt ook altijd Veilig Thuis om advies "
        "vragen. Haar in de klas aanspreken zet haar voor schut.</p>",
        [
            ("Noteren wat je ziet en overleggen met de aandachtsfunctionaris", True),
            ("Haar er in de klas op aanspreken", False),
            ("Meteen de politie bellen", False),
            ("Niets, kleding is privé", False),
        ],
        ["plotselinge-gedragsverandering", "dure-spullen-en-cadeaus"],
    ),
    DemoQuestion(
        MULTIPLE,
        "Welke signalen kun je als leraar in de klas zien? Kies alle juiste.",
        "<p>Spijbelen en dalende cijfers, plotselinge gedragsverandering en nieuwe oudere "
        "contacten zijn signalen die je op school kunt zien. Een keer ziek zijn of een bijbaan "
        "zijn op zich geen signaal.</p>",
        [
            ("Spijbelen en dalende cijfers", True),
            ("Plotselinge gedragsverandering", True),
            ("Veel nieuwe, oudere contacten", True),
            ("Een leerling die een week ziek is", False),
            ("Een leerling met een bijbaan bij de supermarkt", False),
        ],
        [
            "spijbelen-en-dalende-cijfers",
            "plotselinge-gedragsverandering",
            "nieuwe-oudere-contacten",
        ],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Je moet eerst zelf bewijs verzamelen voordat je Veilig Thuis om advies mag vragen.",
        "<p>Niet waar. Advies vragen bij Veilig Thuis kan altijd, ook bij een vaag vermoeden. "
        "Bewijs verzamelen is niet jouw taak.</p>",
        FALSE_IS_RIGHT,
    ),
    DemoQuestion(
        SINGLE,
        "Wat is de eerste stap van de Meldcode huiselijk geweld en kindermishandeling?",
        "<p>De vijf stappen: signalen in kaart brengen, collegiaal overleggen (en zo nodig "
        "Veilig Thuis raadplegen), een gesprek met de betrokkene, wegen, en beslissen over "
        "melden en hulp.</p>",
        [
            ("Signalen in kaart brengen", True),
            ("Melden bij Veilig Thuis", False),
            ("Een gesprek met de ouders", False),
            ("Het geweld of de uitbuiting wegen", False),
        ],
    ),
    DemoQuestion(
        SINGLE,
        "Een leerling vertelt dat haar vriend haar telefoon controleert en bepaalt met wie ze "
        "omgaat. Ze vindt dat lief. Wat zie je?",
        "<p>Controle die als zorg of liefde wordt gezien, is een vertekend beeld van liefde. "
        "Het past bij het isoleren: de loverboy bepaalt steeds meer van haar leven.</p>",
        [
            ("Een vertekend beeld van liefde: controle wordt gezien als zorg", True),
            ("Gewone verliefdheid", False),
            ("Alleen een probleem als zij het zelf zo noemt", False),
        ],
        ["vertekend-beeld-van-liefde", "weinig-contact-met-buitenwereld"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Een licht verstandelijke beperking (LVB) is bij een leerling vaak niet aan de "
        "buitenkant te zien.",
        "<p>Waar. Een LVB valt vaak niet op, terwijl deze jongeren de bedoelingen van anderen "
        "minder goed overzien. Dat maakt hen kwetsbaarder.</p>",
        TRUE_IS_RIGHT,
        ["licht-verstandelijke-beperking"],
    ),
    DemoQuestion(
        MULTIPLE,
        "Wie kun je raadplegen als je je zorgen maakt om een leerling? Kies alle juiste.",
        "<p>Binnen school de aandachtsfunctionaris of zorgcoördinator, daarbuiten Veilig Thuis "
        "voor advies en de wijkagent. De vermoedelijke dader of klasgenoten niet: dat kan de "
        "leerling in gevaar brengen.</p>",
        [
            ("Veilig Thuis, voor advies", True),
            ("De aandachtsfunctionaris of zorgcoördinator van school", True),
            ("De wijkagent", True),
            ("De vriend van de leerling", False),
            ("Klasgenoten, via de groepsapp", False),
        ],
    ),
    DemoQuestion(
        ESSAY,
        "Je maakt je zorgen om een leerling. Beschrijf hoe je het gesprek met haar begint: "
        "wat zeg je, en wat vermijd je?",
        "<p>Een goed antwoord: een rustig moment onder vier ogen, vertellen wat je hebt gezien "
        "zonder te oordelen, open vragen stellen, geen geheimhouding beloven, en uitleggen wat "
        "je met haar verhaal gaat doen. Een goede klik is een voorwaarde voor hulp.</p>",
    ),
    DemoQuestion(
        SINGLE,
        "Een leerling heeft de naam van haar vriend in haar nek laten tatoeëren en zegt dat ze "
        "'van hem is'. Wat kan dit zijn?",
        "<p>Tatoeages met de naam of het teken van een uitbuiter zijn een bekend teken van "
        "afhankelijkheid: ze markeren dat iemand 'bezit' is.</p>",
        [
            ("Een teken van afhankelijkheid van een uitbuiter", True),
            ("Een modetrend zonder betekenis", False),
            ("Een teken van een goede relatie", False),
        ],
        ["tekenen-van-afhankelijkheid"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Ook jongens kunnen slachtoffer worden van een loverboy.",
        "<p>Waar. Ook jongens worden geronseld en uitgebuit. LHBTI+-jongeren lopen extra risico, "
        "bijvoorbeeld als ze thuis geen steun vinden.</p>",
        TRUE_IS_RIGHT,
        ["lhbti", "leeftijd-12-tot-24"],
    ),
    DemoQuestion(
        SINGLE,
        "Een leerling zegt dat ze haar vriend geld moet terugbetalen 'voor alle cadeaus'. "
        "Welk signaal zie je?",
        "<p>Dubieuze schulden bij de 'vriend' of anderen zijn een middel om iemand afhankelijk "
        "te maken en later te dwingen.</p>",
        [
            ("Dubieuze schulden", True),
            ("Opvallend laag loon", False),
            ("Een vals paspoort", False),
            ("Extreem lange werkdagen", False),
        ],
        ["dubieuze-schulden", "dure-spullen-en-cadeaus"],
    ),
]

ROAD = [
    DemoQuestion(
        SPOTTING,
        "Lees wat de taxichauffeur meemaakt. Vink elke zin aan die een signaal is.",
        "<p>Een jong meisje met een veel oudere man, een meisje dat steeds naar hem kijkt "
        "voordat ze praat, en een kort bezoek aan een adres waarna ze weer wordt opgehaald: "
        "samen een sterk signaal van seksuele uitbuiting.</p>",
        [
            (
                "Om half elf 's avonds stapt een meisje van een jaar of vijftien in, samen met "
                "een man van rond de dertig.",
                True,
            ),
            ("De rit is via de app van de centrale geboekt.", False),
            ("Onderweg kijkt het meisje steeds naar de man voordat ze iets zegt.", True),
            ("Het regent en het is druk op de snelweg.", False),
            (
                "Bij het adres stapt alleen het meisje uit; de man vraagt je om haar over een "
                "half uur weer op te halen.",
                True,
            ),
        ],
        ["nieuwe-oudere-contacten", "tekenen-van-afhankelijkheid", "kort-bezoek-aan-adres"],
    ),
    DemoQuestion(
        SINGLE,
        "Je rijdt dezelfde jonge vrouw steeds naar andere hotels, telkens voor kort. "
        "Wat kan dit zijn?",
        "<p>Werken op steeds wisselende plekken is een signaal van seksuele uitbuiting. Het "
        "bewijst niets, maar is een reden om goed op te letten en advies te vragen.</p>",
        [
            ("Een signaal: werken op wisselende plekken", True),
            ("Gewoon zakelijk verkeer", False),
            ("Alleen verdacht als ze er zelf iets over zegt", False),
        ],
        ["wisselende-werkplekken", "kort-bezoek-aan-adres"],
    ),
    DemoQuestion(
        MULTIPLE,
        "Wat kan tijdens een rit wijzen op uitbuiting? Kies alle juiste.",
        "<p>Als een ander de rit regelt, betaalt en de bestemming bepaalt, als een jonge "
        "passagier geen eigen identiteitsbewijs heeft, of als iemand bang lijkt voor haar "
        "begeleider, zijn dat signalen.</p>",
        [
            ("Een ander regelt en betaalt de rit en bepaalt de bestemming", True),
            ("Een jonge passagier heeft geen eigen identiteitsbewijs bij zich", True),
            ("Een passagier lijkt bang en kijkt steeds naar haar begeleider", True),
            ("Een passagier vraagt of de verwarming lager kan", False),
            ("Een passagier betaalt met de pinpas", False),
        ],
        ["reis-door-ander-geregeld", "vals-paspoort", "angst-voor-uitzetting-of-mishandeling"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Als chauffeur mag je de politie bellen bij een vermoeden van mensenhandel, ook als je "
        "het niet zeker weet.",
        "<p>Waar. De politie kun je altijd bellen. Zekerheid is niet nodig; het AVIM-team "
        "onderzoekt of er iets aan de hand is.</p>",
        TRUE_IS_RIGHT,
    ),
    DemoQuestion(
        SINGLE,
        "Je passagier is in direct gevaar. Welk nummer bel je?",
        "<p>Bij direct gevaar bel je 112. Veilig Thuis (0800-2000) is er voor advies en "
        "melden, Meld Misdaad Anoniem (0800-7000) om anoniem te melden.</p>",
        [
            ("112", True),
            ("0800-2000 (Veilig Thuis)", False),
            ("0800-7000 (Meld Misdaad Anoniem)", False),
            ("Het nummer van de centrale", False),
        ],
    ),
    DemoQuestion(
        SINGLE,
        "Je wilt anoniem doorgeven wat je hebt gezien. Waar kan dat?",
        "<p>Bij Meld Misdaad Anoniem (0800-7000) kun je melden zonder je naam te geven.</p>",
        [
            ("Bij Meld Misdaad Anoniem", True),
            ("Alleen op het politiebureau, met je naam", False),
            ("Bij de klantenservice van de taxicentrale", False),
        ],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Een arbeidsmigrant die niet weet naar welk adres hij gebracht wordt, kan een signaal "
        "van uitbuiting zijn.",
        "<p>Waar. Slachtoffers van arbeidsuitbuiting regelen hun reis of visum vaak niet zelf "
        "en weten niet waar ze gaan werken of wonen.</p>",
        TRUE_IS_RIGHT,
        ["reis-door-ander-geregeld", "vluchteling-ongedocumenteerd-arbeidsmigrant"],
    ),
    DemoQuestion(
        MULTIPLE,
        "Je brengt 's ochtends vroeg een groep mannen naar een bedrijventerrein en haalt ze "
        "'s avonds laat weer op. Wat kan wijzen op arbeidsuitbuiting? Kies alle juiste.",
        "<p>Extreem lange werkdagen, een baas die de paspoorten bewaart en schulden voor de reis "
        "zijn signalen van arbeidsuitbuiting. Werkkleding en een andere taal zeggen niets.</p>",
        [
            ("Ze werken elke dag meer dan twaalf uur", True),
            ("Ze zeggen dat hun baas hun paspoorten bewaart", True),
            ("Ze moeten eerst een schuld voor de reis afbetalen", True),
            ("Ze dragen werkkleding", False),
            ("Ze praten onderling een andere taal", False),
        ],
        ["extreem-lange-werkdagen", "vals-paspoort", "dubieuze-schulden"],
    ),
    DemoQuestion(
        ESSAY,
        "Na een rit heb je een onderbuikgevoel. Wat noteer je, en met wie overleg je?",
        "<p>Een goed antwoord: tijd, adres, kenteken, een beschrijving van de personen en wat je "
        "precies zag of hoorde, zonder eigen invulling. Daarna overleggen met de centrale of "
        "een leidinggevende, en advies vragen bij de politie of Veilig Thuis.</p>",
    ),
    DemoQuestion(
        SINGLE,
        "Wat kun je beter níet doen als je tijdens de rit een vermoeden hebt?",
        "<p>De begeleider confronteren kan het slachtoffer in gevaar brengen. Blijf rustig, let "
        "goed op, noteer na de rit wat je zag en vraag advies.</p>",
        [
            ("De begeleider meteen op je vermoeden aanspreken", True),
            ("Rustig blijven en goed opletten", False),
            ("Na de rit tijd, adres en kenmerken noteren", False),
            ("Na de rit advies vragen bij de politie of Veilig Thuis", False),
        ],
        ["chantage-en-bedreiging"],
    ),
    DemoQuestion(
        TRUE_FALSE,
        "Een klant die een meisje bij een huis afzet en haar na een half uur weer laat "
        "ophalen, doet altijd iets strafbaars.",
        "<p>Niet waar. Het is een signaal, geen bewijs. Juist daarom noteer je wat je ziet en "
        "vraag je advies, in plaats van zelf conclusies te trekken.</p>",
        FALSE_IS_RIGHT,
        ["kort-bezoek-aan-adres"],
    ),
    DemoQuestion(
        SINGLE,
        "Welk politieteam onderzoekt mensenhandel?",
        "<p>Het AVIM-team (Vreemdelingen, Identificatie en Mensenhandel) onderzoekt "
        "mensenhandel en vervolgt samen met het Openbaar Ministerie.</p>",
        [
            ("Het AVIM-team", True),
            ("De Mobiele Eenheid", False),
            ("De verkeerspolitie", False),
        ],
    ),
]


@dataclass(frozen=True)
class DemoQuiz:
    title: str
    bank: str
    bank_description: str
    introduction: str
    questions: list[DemoQuestion]
    settings: dict


QUIZZES = [
    DemoQuiz(
        "Toets: mensenhandel en de loverboymethode",
        "Basis: mensenhandel en loverboys",
        "Wat mensenhandel is, hoe een loverboy werkt en wie er een rol spelen.",
        "Test wat je weet over mensenhandel en de loverboymethode. Je krijgt na elke vraag "
        "uitleg. Ook zonder account kun je deze toets maken.",
        BASICS,
        {
            "is_public": True,
            "random_order": True,
            "feedback_mode": Quiz.FeedbackMode.AFTER_EACH,
            "pass_mark": 70,
            "max_attempts": 0,
            "counting_attempt": Quiz.CountingAttempt.BEST,
            "pass_text": "<p>Goed gedaan! Je kent de basis. Ga verder met de module voor jouw "
            "sector.</p>",
            "fail_text": "<p>Nog niet gehaald. Lees de uitleg bij de vragen die je miste en "
            "probeer het opnieuw.</p>",
        },
    ),
    DemoQuiz(
        "Toets: signalen op school",
        "Signalen op school",
        "Signalen die leraren en schoolpersoneel kunnen zien, en de Meldcode.",
        "Herken jij de signalen bij je leerlingen? Je ziet de uitleg aan het eind. Je hebt "
        "20 minuten en drie pogingen; je beste poging telt.",
        SCHOOL,
        {
            "is_public": False,
            "random_order": False,
            "feedback_mode": Quiz.FeedbackMode.AT_END,
            "pass_mark": 75,
            "max_attempts": 3,
            "counting_attempt": Quiz.CountingAttempt.BEST,
            "time_limit_minutes": 20,
            "pass_text": "<p>Gehaald! Bespreek je antwoord op de open vraag met je "
            "aandachtsfunctionaris.</p>",
            "fail_text": "<p>Nog niet gehaald. Kijk welke signalen je miste en probeer het "
            "opnieuw.</p>",
        },
    ),
    DemoQuiz(
        "Toets: signalen onderweg",
        "Signalen onderweg",
        "Wat taxichauffeurs en andere vervoerders onderweg kunnen zien, en wie ze bellen.",
        "Voor chauffeurs: wat zie je onderweg, en wat doe je ermee? Je krijgt na elke vraag "
        "uitleg, plus twee willekeurige vragen over daders uit de basistoets. Je laatste "
        "poging telt.",
        ROAD,
        {
            "is_public": False,
            "random_order": False,
            "feedback_mode": Quiz.FeedbackMode.AFTER_EACH,
            "show_correct_answers": True,
            "pass_mark": 70,
            "max_attempts": 2,
            "counting_attempt": Quiz.CountingAttempt.LAST,
            "pass_text": "<p>Gehaald! Je weet wat je onderweg kunt zien en wie je belt.</p>",
            "fail_text": "<p>Nog niet gehaald. Lees de uitleg nog eens door.</p>",
        },
    ),
]

TRAINER_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("quiz", "question", "questionbank")
    for action in ("add", "change", "delete", "view")
] + ["publish_quiz", "view_all_results", "mark_answers"]


def _question_upsert(bank: QuestionBank, item: DemoQuestion, signals: dict) -> Question:
    question, _created = Question.objects.update_or_create(
        bank=bank, text=item.text, defaults={"kind": item.kind, "explanation": item.explanation}
    )
    for order, (text, is_correct, *feedback) in enumerate(item.options):
        Option.objects.update_or_create(
            question=question,
            sort_order=order,
            defaults={
                "text": text,
                "is_correct": is_correct,
                "feedback": feedback[0] if feedback else "",
            },
        )
    question.options.filter(sort_order__gte=len(item.options)).delete()
    question.signals.set([signals[slug] for slug in item.signals if slug in signals])
    question.save()
    return question


def _quiz_upsert(spec: DemoQuiz, signals: dict) -> Quiz:
    bank, _created = QuestionBank.objects.update_or_create(
        title=spec.bank, defaults={"description": spec.bank_description}
    )
    questions = [_question_upsert(bank, item, signals) for item in spec.questions]
    quiz, _created = Quiz.objects.update_or_create(
        title=spec.title,
        defaults={"introduction": spec.introduction, "live": True, **spec.settings},
    )
    for order, question in enumerate(questions):
        QuizQuestion.objects.update_or_create(
            quiz=quiz, question=question, defaults={"sort_order": order}
        )
    quiz.fixed_questions.exclude(question__in=questions).delete()
    if quiz.latest_revision is None:
        quiz.save_revision().publish()
    return quiz


def _trainers_may_author_and_mark() -> None:
    group = Group.objects.filter(name="Trainers").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="quizzes", codename__in=TRAINER_PERMISSIONS
            )
        )


def _sample_attempt(quiz: Quiz, user: User, *, wrong: int, marker: User | None = None) -> None:
    """One finished attempt for the demo learner, with `wrong` answers wrong, made once.

    With a marker, the essay answer is marked too, so that the attempt gets its score.
    """
    if Attempt.objects.filter(quiz=quiz, user=user).exists():
        return
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    questions = Question.objects.prefetch_related("options").in_bulk(attempt.question_ids)
    for index, question_id in enumerate(attempt.question_ids):
        question = questions[question_id]
        options = list(question.options.all())
        if question.kind == ESSAY:
            answer_submit(
                attempt=attempt,
                question_id=question_id,
                option_ids=[],
                text="Ik zou eerst rustig vertellen wat me opviel en vragen hoe het met haar "
                "gaat. Ik beloof niet dat ik alles geheimhoud.",
            )
            continue
        right = [o.pk for o in options if o.is_correct]
        wrong_choice = [o.pk for o in options if not o.is_correct][:1]
        answer_submit(
            attempt=attempt,
            question_id=question_id,
            option_ids=wrong_choice if index < wrong else right,
        )
    if marker is not None:
        for answer in attempt.answers.filter(question__kind=ESSAY):
            answer_mark(
                answer=answer,
                mark=Answer.Mark.PARTLY,
                marker=marker,
                comment="Goed dat je het onzichtbare karakter noemt. Noem ook de cijfers.",
            )


# The last lesson of each demo module, in the order of QUIZZES.
QUIZ_LESSONS = ["wat-doe-je-met-een-signaal", "de-meldcode-op-school", "wie-bel-je-onderweg"]


def load() -> None:
    signals = {signal.slug: signal for signal in Signal.objects.all()}
    quizzes = [_quiz_upsert(spec, signals) for spec in QUIZZES]
    # The road quiz also draws two random questions about perpetrators from the basics bank.
    basics_bank = QuestionBank.objects.get(title=QUIZZES[0].bank)
    QuizDraw.objects.update_or_create(
        quiz=quizzes[2],
        sort_order=0,
        defaults={"count": 2, "bank": basics_bank, "signal_category": "perpetrator"},
    )
    # Each module ends with its quiz, which must be passed to complete the last lesson.
    for quiz, lesson_slug in zip(quizzes, QUIZ_LESSONS, strict=True):
        lesson_activity_add(
            lesson_slug=lesson_slug,
            block_type="quiz",
            value={"quiz": quiz.pk, "heading": "", "must_pass": True},
        )
    _trainers_may_author_and_mark()
    learner = User.objects.filter(email="leerling@signaal.test", is_active=True).first()
    if learner is not None:
        trainer = User.objects.filter(email="trainer@signaal.test").first()
        _sample_attempt(quizzes[0], learner, wrong=4, marker=trainer)
        _sample_attempt(quizzes[1], learner, wrong=2)
