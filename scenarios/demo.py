"""Two demo scenarios in Dutch: a teacher who sees a pupil change, a taxi driver on a short ride.

Both follow the five steps of the Meldcode (map the signals, consult, talk, weigh, decide)
and use flags: asking for advice early opens a better option later in the case.
"""

from dataclasses import dataclass, field

from courses.demo import lesson_activity_add
from courses.models import Signal
from website.demo import home_page_ensure, page_upsert
from website.models import StandardPage

from .models import Choice, ScenarioPage, Scene
from .selectors import scenario_problems


@dataclass
class C:
    """A choice: label, target scene key, feedback, score, flags set and required."""

    label: str
    target: str
    feedback: str = ""
    score: int = 0
    sets: str = ""
    requires: str = ""
    acts: bool = False


@dataclass
class S:
    """A scene; give an outcome and a debrief to make it an ending."""

    key: str
    title: str
    text: str
    choices: list[C] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    outcome: str = ""
    debrief: str = ""


TEACHER = [
    S(
        "start",
        "Na de kerstvakantie",
        "<p>Je bent mentor van 3 havo. Noor (15) was altijd een stille leerling met goede "
        "cijfers. Sinds de kerstvakantie komt ze vaak te laat. Ze draagt nieuwe merkkleding en "
        "heeft een telefoon die haar ouders volgens jou niet kunnen betalen. Na school wacht er "
        "een auto op haar, met een jongen die duidelijk ouder is.</p>",
        signals=[
            "plotselinge-gedragsverandering",
            "dure-spullen-en-cadeaus",
            "nieuwe-oudere-contacten",
        ],
        choices=[
            C(
                "Ik schrijf op wat ik zie, met de datum erbij, en kijk of collega's ook iets "
                "gemerkt hebben.",
                "in-kaart",
                "Goed begin: stap 1 van de meldcode is de signalen in kaart brengen. Feiten met "
                "een datum zijn later veel waard.",
                2,
                sets="signalen-vastgelegd",
                acts=True,
            ),
            C(
                "Ik spreek Noor meteen in de gang aan op die dure telefoon.",
                "gang",
                "Een gesprek is belangrijk, maar niet zo: tussen de lessen, met klasgenoten "
                "erbij, voelt een vraag over spullen als een beschuldiging.",
                -1,
            ),
            C(
                "Het is vast een puberfase. Ik wacht af.",
                "weken-later",
                "Afwachten is begrijpelijk, maar deze combinatie van signalen past bij de fase "
                "van inpalmen. Hoe eerder je handelt, hoe meer je kunt doen.",
                -3,
            ),
        ],
    ),
    S(
        "in-kaart",
        "Signalen in kaart",
        "<p>Je legt je aantekeningen naast die van je collega's. Noor heeft deze maand negen "
        "uur ongeoorloofd verzuimd en haar cijfers voor wiskunde en Engels zijn gekelderd. "
        "Haar beste vriendin vertelde de gymdocent dat Noor 'nooit meer tijd heeft'.</p>",
        signals=["spijbelen-en-dalende-cijfers", "verwaarloost-vrienden-en-familie"],
        choices=[
            C(
                "Ik bespreek mijn zorgen met de aandachtsfunctionaris van school.",
                "overleg",
                "Stap 2 van de meldcode: overleg met een collega die er verstand van heeft.",
                2,
                sets="collega-geraadpleegd",
                acts=True,
            ),
            C(
                "Ik bel Veilig Thuis voor advies, zonder Noors naam te noemen.",
                "advies-veilig-thuis",
                "Sterk: advies vragen mag altijd, ook anoniem en zonder zekerheid. Veilig Thuis "
                "heeft een expertiseteam mensenhandel.",
                3,
                sets="veilig-thuis-geraadpleegd",
                acts=True,
            ),
            C(
                "Ik mail haar ouders over het verzuim.",
                "mail-ouders",
                "Ouders informeren over verzuim hoort erbij, maar een mail over alleen het "
                "verzuim gaat voorbij aan wat je werkelijk zorgen baart.",
                -1,
            ),
        ],
    ),
    S(
        "gang",
        "Een vraag in de gang",
        "<p>'Mooie telefoon, Noor. Hoe kom je daaraan?' Ze kijkt je fel aan. 'Van mijn vriend. "
        "Gaat je niks aan.' Twee klasgenoten grinniken. Noor loopt weg.</p>",
        signals=["beschermt-werkgever"],
        choices=[
            C(
                "Ik laat het rusten en schrijf op wat ze zei en hoe ze reageerde.",
                "in-kaart",
                "Goed hersteld. Haar reactie is ook een signaal: ze beschermt die vriend.",
                1,
                sets="signalen-vastgelegd",
                acts=True,
            ),
            C(
                "Ik loop achter haar aan: 'Wie is die vriend dan?'",
                "dichtgeklapt",
                "Doorvragen onder druk maakt het contact kapot dat je later nodig hebt.",
                -2,
            ),
        ],
    ),
    S(
        "weken-later",
        "Drie weken later",
        "<p>Noor is deze week twee dagen afwezig geweest. Je ziet haar na school weer in de "
        "auto stappen. In de les trekt ze steeds haar mouw over een blauwe plek op haar pols. "
        "'Gestoten', zegt ze als je ernaar kijkt.</p>",
        signals=["verwondingen-verbergen", "spijbelen-en-dalende-cijfers"],
        choices=[
            C(
                "Nu schrijf ik alles op en ga ik naar de aandachtsfunctionaris.",
                "overleg",
                "Beter laat dan nooit. Je hebt wel drie weken verloren.",
                1,
                sets="collega-geraadpleegd",
                acts=True,
            ),
            C(
                "Ik geef het verzuim door aan de leerplichtambtenaar.",
                "alleen-verzuim",
                "Verzuim melden is verplicht, maar het verzuim is hier het topje van de "
                "ijsberg. De leerplichtambtenaar ziet de andere signalen niet.",
                -2,
            ),
        ],
    ),
    S(
        "overleg",
        "Overleg met de aandachtsfunctionaris",
        "<p>Ellen, de aandachtsfunctionaris, luistert en leest je aantekeningen. 'Dit kan "
        "passen bij een loverboy die haar aan het inpalmen is,' zegt ze. 'Maar we weten het "
        "niet zeker. Wat doen we?'</p>",
        choices=[
            C(
                "We bellen samen Veilig Thuis voor advies.",
                "advies-veilig-thuis",
                "Precies: bij twijfel vraag je advies. Dat is nog geen melding.",
                2,
                sets="veilig-thuis-geraadpleegd",
            ),
            C(
                "We besluiten dat ik eerst zelf met Noor praat.",
                "gesprek",
                "Een gesprek is stap 3. Advies vooraf had je kunnen helpen het goed voor te "
                "bereiden.",
                1,
            ),
        ],
    ),
    S(
        "advies-veilig-thuis",
        "Advies van Veilig Thuis",
        "<p>De adviseur van het expertiseteam mensenhandel hoort je aan. 'De signalen passen "
        "bij de fase van inpalmen. Ga in gesprek met Noor, open en zonder te beschuldigen. "
        "Spreek de jongen in de auto niet zelf aan. En bel ons terug na het gesprek; dan "
        "kijken we samen of een melding nodig is.'</p>",
        choices=[
            C(
                "Ik plan een rustig gesprek met Noor, na het laatste uur.",
                "gesprek",
                "Goed voorbereid: een rustige plek, genoeg tijd, en je weet wat je wel en niet "
                "kunt beloven.",
                2,
                sets="gesprek-voorbereid",
            ),
        ],
    ),
    S(
        "mail-ouders",
        "De mail aan thuis",
        "<p>Noors vader mailt kortaf terug: 'We hebben het thuis besproken.' De volgende dag "
        "ontloopt Noor je. Ze heeft gehoord van de mail.</p>",
        choices=[
            C(
                "Ik ga alsnog naar de aandachtsfunctionaris met alles wat ik zag.",
                "overleg",
                "Goed dat je het breder trekt. Overleg had vóór de mail moeten komen.",
                1,
                sets="collega-geraadpleegd",
            ),
            C(
                "Ik heb mijn deel gedaan; de ouders weten ervan.",
                "alleen-verzuim",
                "De ouders weten van het verzuim, niet van je zorgen. Niemand kijkt nu naar "
                "het hele plaatje.",
                -2,
            ),
        ],
    ),
    S(
        "dichtgeklapt",
        "Noor klapt dicht",
        "<p>Noor komt niet meer naar jouw lessen. Als je haar groet, kijkt ze weg.</p>",
        choices=[
            C(
                "Ik leg het toch voor aan de aandachtsfunctionaris.",
                "overleg",
                "Goed: ook als het contact mis is gegaan, kun je overleggen.",
                1,
                sets="collega-geraadpleegd",
            ),
            C(
                "Ze wil kennelijk geen hulp. Ik laat het.",
                "einde-kwijt",
                "Een slachtoffer vraagt zelden om hulp. Juist dat maakt uitbuiting onzichtbaar.",
                -3,
            ),
        ],
    ),
    S(
        "gesprek",
        "Het gesprek met Noor",
        "<p>Na het laatste uur zit je met Noor in een leeg lokaal. Na een tijdje vertelt ze "
        "over Dave (22). Hij koopt dingen voor haar en zegt dat ze het mooiste meisje is dat "
        "hij kent. Soms moet ze 'iets terugdoen' en met vrienden van hem meegaan. Ze zegt dat "
        "ze hem nog geld schuldig is. 'Je mag het echt aan niemand vertellen.'</p>",
        signals=["vertekend-beeld-van-liefde", "dubieuze-schulden"],
        choices=[
            C(
                "Ik beloof haar dat ik het geheimhoud.",
                "geheim",
                "Een belofte die je niet kunt houden, schaadt het vertrouwen later nog meer. Zeg "
                "eerlijk wat je met haar verhaal gaat doen.",
                -3,
            ),
            C(
                "Ik zeg eerlijk dat ik dit niet alleen kan dragen en dat ik hulp ga "
                "inschakelen. Ik vertel haar wat er gaat gebeuren.",
                "wegen",
                "Eerlijk en duidelijk: zo houd je contact en neem je haar serieus.",
                3,
                sets="eerlijk-tegen-noor",
                acts=True,
            ),
            C(
                "Ik vertel dat ik al advies heb gevraagd bij Veilig Thuis, en stel voor dat we "
                "nu samen bellen.",
                "samen-melden",
                "Omdat je vroeg advies vroeg, kun je Noor nu iets concreets bieden: samen "
                "bellen, zodat ze hoort dat zij niets fout heeft gedaan.",
                4,
                requires="veilig-thuis-geraadpleegd",
                acts=True,
            ),
        ],
    ),
    S(
        "wegen",
        "Afwegen",
        "<p>Met Ellen loop je het afwegingskader voor het onderwijs na. Is er een vermoeden "
        "van seksuele uitbuiting van een minderjarige? Ja. Kan school zelf voldoende hulp "
        "bieden? Nee. Is er acuut gevaar? Noor gaat vanavond misschien weer met Dave mee.</p>",
        choices=[
            C(
                "We melden bij Veilig Thuis en houden Noor op de hoogte.",
                "melding",
                "Stap 4 en 5: bij een vermoeden van seksuele uitbuiting van een minderjarige "
                "is een melding bij Veilig Thuis nodig.",
                3,
            ),
            C(
                "We wachten tot Noor zelf meer vertelt.",
                "einde-kwijt",
                "Wachten op zekerheid of op een hulpvraag van het slachtoffer is hier te laat.",
                -3,
            ),
        ],
    ),
    S(
        "melding",
        "De melding",
        "<p>Veilig Thuis neemt de melding aan. De medewerker vraagt wat school kan blijven "
        "doen terwijl zij met de zorgcoördinator en de politie verder gaan.</p>",
        choices=[
            C(
                "School blijft in contact met Noor; ik ben haar vaste aanspreekpunt.",
                "einde-goed",
                "Na een melding blijft jouw rol belangrijk: een vertrouwd gezicht op school "
                "helpt tegen terugval.",
                2,
            ),
            C(
                "Ik draag alles over. De rest is niet meer aan school.",
                "einde-gedeeltelijk",
                "De melding is gedaan, maar Noor verliest het contact dat ze met jou had.",
                -1,
            ),
        ],
    ),
    S(
        "samen-melden",
        "Samen bellen",
        "<p>Noor zit naast je als je Veilig Thuis belt. Ze hoort de adviseur zeggen dat zij "
        "niets fout heeft gedaan en dat er mensen zijn die haar kunnen helpen, ook met die "
        "'schuld'.</p>",
        choices=[
            C(
                "Ik spreek met Noor af dat ze elke dag bij mij terecht kan.",
                "einde-goed",
                "Samen melden en daarna dichtbij blijven: de beste kans dat Noor hulp aanneemt.",
                2,
            ),
        ],
    ),
    S(
        "geheim",
        "Een belofte",
        "<p>Twee weken later is Noor drie dagen afwezig. Haar vriendin zegt: 'Ze is bij "
        "Dave.' Je hebt beloofd niets te zeggen.</p>",
        signals=["weinig-contact-met-buitenwereld"],
        choices=[
            C(
                "Ik breek mijn belofte, ga naar de aandachtsfunctionaris en we melden bij "
                "Veilig Thuis.",
                "einde-gedeeltelijk",
                "Goed dat je alsnog meldt. Leg Noor later uit waarom je je belofte niet hield.",
                1,
            ),
            C(
                "Ik houd me aan mijn woord.",
                "einde-kwijt",
                "Geheimhouding beschermt hier de uitbuiter, niet Noor.",
                -3,
            ),
        ],
    ),
    S(
        "alleen-verzuim",
        "Alleen het verzuim",
        "<p>De leerplichtambtenaar stuurt een brief naar huis. Niemand vraagt waarom Noor "
        "wegblijft.</p>",
        choices=[
            C(
                "Ik ga alsnog met de aandachtsfunctionaris praten over wat ik zag.",
                "overleg",
                "Goed: verzuim is vaak het eerste zichtbare signaal, niet het hele verhaal.",
                1,
                sets="collega-geraadpleegd",
            ),
            C(
                "Het verzuimtraject loopt. Klaar.",
                "einde-kwijt",
                "Het verzuimtraject kijkt naar aanwezigheid, niet naar uitbuiting.",
                -3,
            ),
        ],
    ),
    S(
        "einde-goed",
        "Noor krijgt hulp",
        "<p>Veilig Thuis brengt Noor en haar ouders in contact met de zorgcoördinator "
        "mensenhandel. De politie start een onderzoek naar Dave. Noor blijft naar school "
        "komen, en weet bij wie ze terecht kan.</p>",
        outcome="good",
        debrief="<p>Je volgde de vijf stappen van de meldcode: signalen in kaart brengen, "
        "overleggen en advies vragen, het gesprek met Noor, afwegen en melden. Door vroeg "
        "advies te vragen kon je het gesprek goed voorbereiden en Noor zelf betrekken bij de "
        "melding. Slachtoffers die zelf meedoen, nemen hulp vaker aan.</p>"
        "<p>Let op: school blijft na een melding een belangrijke plek. Een vast aanspreekpunt "
        "helpt om terugval te voorkomen.</p>",
    ),
    S(
        "einde-gedeeltelijk",
        "Hulp, maar later dan nodig",
        "<p>Er komt een melding en Noor krijgt hulp. Maar ze is al verder in de greep van "
        "Dave: ze heeft het contact met haar vriendinnen verbroken en vertrouwt school niet "
        "meer.</p>",
        outcome="partial",
        debrief="<p>Je hebt uiteindelijk gemeld: dat is belangrijk. Maar een of meer stappen "
        "van de meldcode liepen mis: je overlegde laat, deed een belofte die je niet kon "
        "houden, of liet het contact los na de melding. In de fase van isoleren wordt hulp "
        "steeds moeilijker.</p><p>Vraag bij twijfel eerder advies aan Veilig Thuis. Daarvoor "
        "hoef je het niet zeker te weten.</p>",
    ),
    S(
        "einde-kwijt",
        "Noor verdwijnt uit beeld",
        "<p>Na de zomer staat Noor niet meer ingeschreven. Maanden later hoor je dat ze door "
        "Dave werd uitgebuit, in woningen en hotels in de regio.</p>",
        outcome="harmful",
        debrief="<p>De signalen waren er: gedragsverandering, dure spullen, een oudere vriend, "
        "verzuim, verborgen verwondingen. Omdat niemand ze samen bekeek en niemand advies "
        "vroeg, werd er niet gemeld. 88% van de slachtoffers heeft tijdens de uitbuiting "
        "contact met een professional. Jij was die professional.</p><p>Begin bij stap 1 van "
        "de meldcode: schrijf op wat je ziet, en overleg. Veilig Thuis is dag en nacht "
        "bereikbaar voor advies.</p>",
    ),
]

TAXI = [
    S(
        "start",
        "Een rit op zaterdagavond",
        "<p>Het is 23.00 uur. Een man belt de centrale: je moet een meisje ophalen bij het "
        "station en naar een adres in een woonwijk brengen. Over een halfuur moet je haar daar "
        "weer ophalen. De man betaalt de rit via de app. Het meisje dat instapt is jong, "
        "misschien vijftien.</p>",
        signals=["leeftijd-12-tot-24", "reis-door-ander-geregeld", "kort-bezoek-aan-adres"],
        choices=[
            C(
                "Ik rijd, maar let goed op en onthoud de details.",
                "onderweg",
                "Goed: opletten is stap 1. Tijd, adres en wie de rit regelde zijn belangrijk.",
                1,
                sets="alert",
                acts=True,
            ),
            C(
                "Ik vraag de centrale wie deze rit heeft geboekt.",
                "centrale",
                "Sterk: je overlegt meteen met je bedrijf. Daar zien ze patronen die jij niet "
                "ziet.",
                2,
                sets="centrale-gevraagd",
                acts=True,
            ),
            C(
                "Een rit is een rit. Ik rijd gewoon.",
                "onderweg-niets",
                "Een minderjarige die 's avonds door een ander naar een adres wordt gestuurd "
                "voor een halfuur: dat is geen gewone rit.",
                -1,
            ),
        ],
    ),
    S(
        "centrale",
        "Vraag aan de centrale",
        "<p>De planner kijkt in het systeem. 'Hetzelfde nummer heeft deze maand drie keer "
        "een rit naar dat adres geboekt. Telkens een ander meisje, telkens een halfuur.' Het "
        "bedrijf heeft afgesproken dat zulke ritten worden gemeld.</p>",
        signals=["wisselende-werkplekken"],
        choices=[
            C(
                "Ik vraag de planner om samen de politie te bellen voor advies.",
                "advies-politie",
                "Goed: de politie weet of het adres bekend is en hoe je veilig handelt.",
                3,
                sets="politie-ingelicht",
            ),
            C(
                "Ik rijd de rit en let goed op.",
                "onderweg",
                "Redelijk, maar met wat de planner weet had je al advies kunnen vragen.",
                1,
                sets="alert",
            ),
        ],
    ),
    S(
        "advies-politie",
        "Advies van de politie",
        "<p>De agent van team AVIM zegt: 'Rijd de rit zoals gepland. Let op, schrijf op wat "
        "je ziet, maar grijp niet zelf in. Bij direct gevaar bel je 112. Wij houden het adres "
        "in de gaten.'</p>",
        choices=[
            C(
                "Ik rijd de rit en houd contact met de centrale.",
                "onderweg",
                "Zo blijf je veilig en help je het onderzoek.",
                1,
                sets="alert",
            ),
        ],
    ),
    S(
        "onderweg-niets",
        "Onderweg",
        "<p>Je zet de radio aan. Achterin zit het meisje op haar telefoon. Die gaat steeds. "
        "'Ja, ik ben er bijna,' zegt ze zacht.</p>",
        choices=[
            C(
                "Toch klopt er iets niet. Ik kijk in de spiegel en luister beter.",
                "onderweg",
                "Goed dat je je gevoel serieus neemt.",
                1,
                sets="alert",
            ),
            C(
                "Ik zet haar af en rijd door naar mijn volgende rit.",
                "bij-het-huis",
                "Je mist zo de kans om te zien wat er bij het huis gebeurt.",
                -1,
            ),
        ],
    ),
    S(
        "onderweg",
        "Onderweg",
        "<p>In de spiegel zie je dat het meisje moe is. Op haar pols staat een naam getatoeëerd. "
        "Haar telefoon gaat steeds. 'Ja, ik ben er bijna,' zegt ze. Ze vraagt of je echt over "
        "een halfuur terug bent.</p>",
        signals=["tekenen-van-afhankelijkheid", "weinig-contact-met-buitenwereld"],
        choices=[
            C(
                "Ik maak een praatje: 'Lange dag gehad?'",
                "praatje",
                "Een rustig, gewoon gesprek maakt contact zonder haar bang te maken.",
                2,
                sets="contact-gemaakt",
                acts=True,
            ),
            C(
                "Ik vraag direct: 'Word je gedwongen?'",
                "te-direct",
                "Een te directe vraag maakt haar bang: ze wordt gecontroleerd en weet dat.",
                -1,
            ),
            C(
                "Ik zeg niets en rijd door.",
                "bij-het-huis",
                "Je blijft opletten; dat is veilig. Een kort praatje had haar kunnen laten "
                "merken dat jij er bent.",
                0,
            ),
        ],
    ),
    S(
        "praatje",
        "Een kort gesprek",
        "<p>'Ik moet werken voor mijn vriend,' zegt ze. 'Hij heeft veel voor me gedaan.' Dan "
        "zwijgt ze en kijkt naar buiten.</p>",
        signals=["vertekend-beeld-van-liefde", "beschermt-werkgever"],
        choices=[
            C(
                "Ik geef haar het kaartje van het bedrijf: 'Je mag altijd bellen.'",
                "bij-het-huis",
                "Klein gebaar, groot verschil: ze weet nu dat er iemand is.",
                1,
                sets="kaartje-gegeven",
                acts=True,
            ),
            C(
                "Ik zeg dat ik de politie ga bellen.",
                "te-direct",
                "Daarmee breng je haar misschien in gevaar: ze kan het doorvertellen. Bel de "
                "politie wel, maar zeg het niet zo tegen haar.",
                -1,
            ),
        ],
    ),
    S(
        "te-direct",
        "Ze klapt dicht",
        "<p>'Laat me hier maar uit,' zegt ze, een straat voor het adres. Ze stapt uit en "
        "stuurt meteen een bericht. Bij het huis staat een zwarte auto met twee mannen.</p>",
        choices=[
            C(
                "Ik noteer tijd, adres en het kenteken van de zwarte auto.",
                "noteren",
                "Goed hersteld: feiten zijn wat de politie nodig heeft.",
                1,
                sets="genoteerd",
            ),
            C(
                "Ik rijd weg. Ze wil kennelijk geen hulp.",
                "volgende-week",
                "Slachtoffers vragen zelden om hulp. Dat betekent niet dat ze die niet nodig "
                "hebben.",
                -2,
            ),
        ],
    ),
    S(
        "bij-het-huis",
        "Bij het huis",
        "<p>Een man doet open en trekt het meisje aan haar arm naar binnen. Voor het huis "
        "staat een zwarte auto met twee mannen erin. De gordijnen zijn dicht. Je hebt een "
        "halfuur.</p>",
        signals=["kort-bezoek-aan-adres"],
        choices=[
            C(
                "Ik noteer tijd, adres, kentekens en wat ik zag.",
                "noteren",
                "Precies: concrete feiten maken een melding bruikbaar.",
                2,
                sets="genoteerd",
                acts=True,
            ),
            C(
                "Ik bel 112: volgens mij gebeurt hier nu iets.",
                "alarm-112",
                "Bij een vermoeden van direct gevaar voor een minderjarige is 112 bellen terecht.",
                2,
                sets="politie-ingelicht",
                acts=True,
            ),
            C(
                "Ik doe snel een andere rit en kom over een halfuur terug.",
                "terugrit",
                "Je laat de kans liggen om vast te leggen wat je zag.",
                -1,
            ),
        ],
    ),
    S(
        "noteren",
        "Alles opgeschreven",
        "<p>Tijd, adres, twee kentekens, een beschrijving van de man. Wat doe je ermee?</p>",
        choices=[
            C(
                "Ik bel de politie (0900-8844) en vertel wat ik zag.",
                "melding-politie",
                "Goed: de politie kan jouw informatie koppelen aan wat zij al weten.",
                2,
                sets="politie-ingelicht",
            ),
            C(
                "Ik meld het anoniem bij Meld Misdaad Anoniem.",
                "melding-anoniem",
                "Anoniem melden is beter dan niets, maar de politie kan jou dan niets terugvragen.",
                1,
            ),
            C(
                "Ik bewaar het briefje. Misschien is het niets.",
                "terugrit",
                "Een briefje in je dashboardkastje helpt niemand.",
                -2,
            ),
        ],
    ),
    S(
        "alarm-112",
        "Je belt 112",
        "<p>De meldkamer vraagt wat je ziet en of je veilig staat. Er komt een eenheid. "
        "'Blijf op afstand en grijp niet zelf in,' zegt de centralist.</p>",
        choices=[
            C(
                "Ik wacht op afstand en geef de agenten mijn gegevens en wat ik zag.",
                "einde-goed",
                "Goed: je handelde snel en veilig, en de politie kan je later terugvragen.",
                2,
            ),
        ],
    ),
    S(
        "melding-politie",
        "De politie belt terug",
        "<p>Een agent belt terug. Het adres is bekend. 'Haal haar op zoals afgesproken en "
        "doe gewoon. Laat ons weten hoe laat je rijdt.'</p>",
        choices=[
            C(
                "Ik haal haar op zoals gepland en geef de politie de tijd door.",
                "einde-goed",
                "Zo help je het onderzoek zonder haar of jezelf in gevaar te brengen.",
                2,
            ),
            C(
                "Bij de terugrit let ik op hoe het met haar gaat en laat ik merken dat ze mij "
                "kan bellen.",
                "einde-goed",
                "Omdat je eerder contact maakte, kun je haar nu laten merken dat ze er niet "
                "alleen voor staat.",
                3,
                requires="contact-gemaakt",
            ),
        ],
    ),
    S(
        "melding-anoniem",
        "Anoniem gemeld",
        "<p>Je melding staat bij Meld Misdaad Anoniem. Je weet niet of er iets mee gebeurt.</p>",
        choices=[
            C(
                "Ik laat het hierbij.",
                "einde-gedeeltelijk",
                "Je hebt iets gedaan, maar de politie kan jou niets vragen over wat je zag.",
                0,
            ),
            C(
                "Ik vraag de planner om de boekingen van dit nummer ook aan de politie door te "
                "geven.",
                "einde-goed",
                "Omdat je de centrale al had ingelicht, kan het bedrijf de politie het hele "
                "patroon laten zien: meerdere ritten, meerdere meisjes.",
                3,
                requires="centrale-gevraagd",
            ),
        ],
    ),
    S(
        "terugrit",
        "Een halfuur later",
        "<p>Het meisje komt naar buiten. Ze heeft gehuild en trekt haar mouw over haar pols. "
        "De man roept: 'Breng haar naar het station.'</p>",
        signals=["verwondingen-verbergen"],
        choices=[
            C(
                "Ik breng haar weg en bel daarna de politie met alles wat ik weet.",
                "melding-politie",
                "Goed dat je alsnog meldt, met zoveel mogelijk details.",
                1,
                sets="politie-ingelicht",
                acts=True,
            ),
            C(
                "Ik breng haar weg. Het is niet mijn zaak.",
                "volgende-week",
                "Het is wel jouw zaak: jij bent misschien de enige die dit ziet.",
                -2,
            ),
        ],
    ),
    S(
        "volgende-week",
        "Een week later",
        "<p>Hetzelfde nummer boekt weer een rit naar hetzelfde adres. Dit keer een ander "
        "meisje, nog jonger.</p>",
        signals=["wisselende-werkplekken"],
        choices=[
            C(
                "Nu bel ik de politie en vertel ik over beide ritten.",
                "einde-gedeeltelijk",
                "Goed dat je meldt. Een week eerder had het eerste meisje geholpen kunnen worden.",
                1,
            ),
            C(
                "Ik neem de rit aan. Werk is werk.",
                "einde-schade",
                "Zo word je, zonder het te willen, een schakel in de uitbuiting.",
                -3,
            ),
        ],
    ),
    S(
        "einde-goed",
        "De politie grijpt in",
        "<p>Met jouw informatie en die van anderen doet de politie een inval. Drie "
        "minderjarige meisjes worden uit het huis gehaald en krijgen opvang via de "
        "zorgcoördinator. Je bedrijf neemt ritten van dat nummer niet meer aan.</p>",
        outcome="good",
        debrief="<p>Je zag de signalen: een minderjarige, een rit die door een ander werd "
        "geregeld en betaald, een kort bezoek aan een woning. Je legde feiten vast, overlegde "
        "met je bedrijf of de politie en meldde met details. Dat zijn de stappen van de "
        "meldcode, vertaald naar de taxi: zien, overleggen, contact maken, afwegen en "
        "melden.</p><p>Jij hoeft het niet op te lossen. Wel kun je zorgen dat de mensen die "
        "het kunnen oplossen, weten wat jij zag.</p>",
    ),
    S(
        "einde-gedeeltelijk",
        "Een melding, maar weinig houvast",
        "<p>Je melding komt binnen, maar met weinig details of pas na een week. De politie "
        "houdt het adres in de gaten; het meisje van die zaterdag is niet gevonden.</p>",
        outcome="partial",
        debrief="<p>Goed dat je hebt gemeld. Maar een anonieme of late melding geeft de "
        "politie weinig om mee verder te gaan. Schrijf tijd, adres en kentekens op zodra je "
        "iets ziet, en meld met je naam als dat veilig kan: dan kan de politie je terugbellen. "
        "Overleg ook met de centrale: die ziet patronen over meerdere ritten.</p>",
    ),
    S(
        "einde-schade",
        "Je bent een schakel geworden",
        "<p>Weken later blijkt dat in het huis minderjarige meisjes werden uitgebuit. Ze "
        "werden er met taxi's naartoe gebracht. Ook met jouw taxi.</p>",
        outcome="harmful",
        debrief="<p>Uitbuiters gebruiken taxi's omdat chauffeurs niet vragen stellen. Een "
        "minderjarige die 's avonds voor een halfuur naar een adres wordt gebracht, door een "
        "ander besteld en betaald: dat zijn samen sterke signalen. Je hoeft niets zeker te "
        "weten om de politie of Meld Misdaad Anoniem te bellen. Bij direct gevaar bel je "
        "112.</p>",
    ),
]

SCENARIOS = [
    {
        "sector_page": "leraren",
        "lesson": "de-meldcode-op-school",
        "slug": "casus-noor-verandert",
        "title": "Casus: Noor verandert",
        "introduction": "<p>Je bent mentor op een middelbare school. Een leerling uit je "
        "mentorklas verandert. Wat zie je, met wie overleg je, en wat doe je? Je keuzes "
        "volgen de stappen van de meldcode.</p>",
        "content_warning": "Deze casus gaat over seksuele uitbuiting van een minderjarige.",
        "scenes": TEACHER,
    },
    {
        "sector_page": "taxichauffeurs",
        "lesson": "casus-een-rit-van-een-halfuur",
        "slug": "casus-een-halfuur",
        "title": "Casus: een rit van een halfuur",
        "introduction": "<p>Je rijdt op zaterdagavond. Een rit lijkt gewoon, tot je ziet wie "
        "er instapt en waar ze naartoe moet. Wat doe je, en wie bel je?</p>",
        "content_warning": "Deze casus gaat over seksuele uitbuiting van een minderjarige.",
        "scenes": TAXI,
    },
]


def scenes_build(page: ScenarioPage | None, specs: list[S], signals: dict) -> list[Scene]:
    """Scene objects for a scenario, reusing the rows of an earlier load.

    Keeping primary keys means loading the demo again updates the scenes and choices that
    recorded steps point to, instead of replacing them.
    """
    existing = (
        {scene.key: scene for scene in Scene.objects.filter(page=page).prefetch_related("choices")}
        if page is not None
        else {}
    )
    scenes = []
    for order, spec in enumerate(specs):
        old = existing.get(spec.key)
        old_choices = list(old.choices.all()) if old else []
        scene = Scene(
            pk=old.pk if old else None,
            key=spec.key,
            title=spec.title,
            text=spec.text,
            outcome=spec.outcome,
            debrief=spec.debrief,
            sort_order=order,
        )
        scene.choices = [
            Choice(
                pk=old_choices[number].pk if number < len(old_choices) else None,
                sort_order=number,
                label=choice.label,
                target=choice.target,
                feedback=choice.feedback,
                score=choice.score,
                sets_flags=choice.sets,
                requires_flags=choice.requires,
                acts_on_signals=choice.acts,
            )
            for number, choice in enumerate(spec.choices)
        ]
        scene.signals = [signals[slug] for slug in spec.signals if slug in signals]
        scenes.append(scene)
    return scenes


def load() -> list[ScenarioPage]:
    home = home_page_ensure()
    signals = {signal.slug: signal for signal in Signal.objects.all()}
    pages = []
    for data in SCENARIOS:
        parent = StandardPage.objects.child_of(home).filter(slug=data["sector_page"]).first()
        parent = parent or home
        existing = ScenarioPage.objects.child_of(parent).filter(slug=data["slug"]).first()
        page = page_upsert(
            parent,
            ScenarioPage,
            slug=data["slug"],
            title=data["title"],
            introduction=data["introduction"],
            content_warning=data["content_warning"],
            start_scene="start",
            scenes=scenes_build(existing, data["scenes"], signals),
        )
        problems = scenario_problems(ScenarioPage.objects.get(pk=page.pk))
        if problems:
            raise RuntimeError(f"Demo scenario '{page.title}': {problems[0].message}")
        pages.append(page)
        lesson_activity_add(
            lesson_slug=data["lesson"],
            block_type="scenario",
            value={"scenario": page.pk, "requirement": "finished"},
        )
    return pages
