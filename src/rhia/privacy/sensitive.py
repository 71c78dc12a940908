"""Sensitive categories (GDPR art. 9 and HR-sensitive data): a classification of the text.

Each category lists French trigger expressions matched on lowercase, accent-free text at
word boundaries. Hits are reported with the words found; policy uses them (sensitive text
may only go to on-premises providers), they are not redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rhia.privacy.entities import SensitiveHit
from rhia.privacy.lexicon import fold

CATEGORY_LABELS = {
    "sante": "Santé",
    "handicap": "Handicap",
    "grossesse": "Grossesse",
    "syndicat": "Appartenance syndicale",
    "religion": "Religion ou convictions",
    "opinion_politique": "Opinions politiques",
    "orientation_sexuelle": "Vie ou orientation sexuelle",
    "origine_ethnique": "Origine raciale ou ethnique",
    "condamnation": "Condamnations et infractions pénales",
}

# Patterns are written for folded text (lowercase, no accents).
TRIGGERS: dict[str, list[str]] = {
    "sante": [
        r"malad(?:ie|ies|e|es)",
        r"arrets? (?:de travail|maladie)",
        r"arrete?e? (?:pour|depuis)",
        r"en arret",
        r"conges? (?:de |pour )?(?:longue )?maladie",
        r"conges? de longue duree",
        r"clm",
        r"cld",
        r"cmo",
        r"depressi(?:on|f|ve)s?",
        r"burn[\- ]?out",
        r"epuisement professionnel",
        r"cancers?",
        r"tumeurs?",
        r"chimiotherapies?",
        r"radiotherapies?",
        r"leucemies?",
        r"diabet(?:e|ique)s?",
        r"sclerose",
        r"epilepsie",
        r"medic(?:al|ale|aux|ales)",
        r"medecins?(?: traitant| du travail| de prevention| agree)?",
        r"medicaments?",
        r"hospitalis(?:e|ee|ation|ations)",
        r"hopital",
        r"clinique",
        r"chirurgi(?:e|cal|cale)",
        r"operation chirurgicale",
        r"accident (?:de service|du travail|de trajet)",
        r"maladie professionnelle",
        r"citis",
        r"imputabilite",
        r"(?:mi-)?temps (?:partiel )?therapeutique",
        r"comite medical",
        r"conseil medical",
        r"commission de reforme",
        r"invalidite",
        r"inaptitude(?: physique)?",
        r"psychiatr(?:e|ie|ique)s?",
        r"psycholog(?:ue|ique)s?",
        r"anxi(?:ete|eux|euse)",
        r"troubles? (?:anxieux|psychiques?|musculo|bipolaires?)",
        r"souffrance au travail",
        r"entorses?",
        r"fractures?",
        r"blessures?",
        r"convalescence",
        r"reeducation",
        r"kinesitherapie",
        r"therapie",
        r"traitement medical",
        r"soins",
        r"addictions?",
        r"alcoolisme",
        r"vih",
        r"sida",
        r"covid",
        r"handicap(?:e|ee)? (?:moteur|psychique)",
        r"pathologies?",
        r"symptomes?",
        r"ordonnance medicale",
        r"certificat medical",
        r"(?:raisons?|problemes?|soucis) de sante",
        r"accidente(?:e)?",
        r"bless(?:e|ee|es|ees)",
        r"douleurs?",
        r"malaise",
        r"operee?",
        r"sante (?:fragile|mentale)",
        r"etat de sante",
        r"mon etat",
        r"migraines?",
        r"fausse couche",
        r"interruption (?:volontaire )?de grossesse",
        r"ivg",
        r"grossesse pathologique",
        r"enceinte",
        r"grossesse",
        r"maternite",
        r"covid-19",
    ],
    "handicap": [
        r"handicap(?:e|ee|es|ees)?",
        r"rqth",
        r"travailleur(?:s|euse)? handicape(?:e|s)?",
        r"\baah\b",
        r"mdph",
        r"invalidite",
        r"situation de handicap",
        r"amenagement de poste",
        r"boeth",
    ],
    "grossesse": [
        r"grossesse",
        r"enceinte",
        r"conges? (?:de |pre-?natal de |post-?natal de )?maternite",
        r"accouchement",
        r"terme prevu",
        r"allaitement",
        r"fausse couche",
        r"interruption (?:volontaire )?de grossesse",
        r"ivg",
        r"\bpma\b",
        r"procreation medicalement assistee",
        r"fecondation in vitro",
        r"\bfiv\b",
    ],
    "syndicat": [
        r"syndica(?:l|le|ux|les|t|ts|lisme|liste|listes)",
        r"syndiqu(?:e|ee|es|ees)",
        r"delegue(?:e)? du personnel",
        r"snes(?:-fsu)?",
        r"fsu",
        r"cgt",
        r"cfdt",
        r"unsa",
        r"sgen",
        r"snuipp",
        r"fo",
        r"force ouvriere",
        r"sud(?: education)?",
        r"cfe-cgc",
        r"snalc",
        r"snetaa",
        r"decharge (?:d'activite de service|syndicale)",
        r"\bdas\b",
        r"heure mensuelle d'information",
    ],
    "religion": [
        r"religi(?:on|ons|eux|euse|euses)",
        r"confession(?:nel|nelle)?",
        r"culte",
        r"kippour",
        r"yom kippour",
        r"roch hachana",
        r"a[iï]d(?: el[- ](?:fitr|kebir|adha))?",
        r"ramadan",
        r"careme",
        r"mosquee",
        r"synagogue",
        r"eglise",
        r"temple",
        r"priere",
        r"musulman(?:e|s|es)?",
        r"jui(?:f|ve|fs|ves)",
        r"chretien(?:ne|s|nes)?",
        r"catholique",
        r"protestant(?:e|s|es)?",
        r"bouddhiste",
        r"hindou(?:e|s)?",
        r"sikh",
        r"athee",
        r"voile islamique",
        r"port du voile",
        r"foulard",
        r"kippa",
        r"turban",
        r"fete religieuse",
        r"pentecote",
        r"shabbat",
        r"sabbat",
        r"pessah",
        r"hanouka",
        r"diwali",
        r"orthodoxe",
        r"croyant(?:e|s|es)?",
        r"pratiquant(?:e|s|es)?",
        r"messe",
        r"bar[- ]mitzvah",
        r"communion",
        r"pelerinage",
        r"fete (?:juive|musulmane|chretienne|orthodoxe|bouddhiste)",
        r"signes? religieux",
    ],
    "opinion_politique": [
        r"opinions? politiques?",
        r"parti politique",
        r"militant(?:e|s|es)? (?:politique|au parti|de)",
        r"engagement politique",
        r"adherent(?:e)? (?:du|au|a la) (?:parti|mouvement)",
        r"rassemblement national",
        r"front national",
        r"france insoumise",
        r"\blfi\b",
        r"les republicains",
        r"parti socialiste",
        r"parti communiste",
        r"europe ecologie",
        r"eelv",
        r"reconquete",
        r"mandat (?:electif|politique)",
        r"candidat(?:e)? aux elections (?:municipales|legislatives|regionales|departementales|europeennes|presidentielles|senatoriales)",
        r"elu(?:e)? municipal(?:e)?",
        r"conseill(?:er|ere) municipal(?:e)?",
        r"convictions politiques",
        r"extreme (?:droite|gauche)",
        r"anarchiste",
        r"communiste",
        r"gaulliste",
    ],
    "orientation_sexuelle": [
        r"orientation sexuelle",
        r"homosexu(?:el|elle|els|elles|alite)",
        r"bisexu(?:el|elle|alite)",
        r"lesbienne",
        r"\bgay\b",
        r"\bgays\b",
        r"lgbt\w*",
        r"transgenre",
        r"transidentite",
        r"homophob(?:e|es|ie)",
        r"lesbophob\w*",
        r"biphob\w*",
        r"transphob\w*",
        r"identite de genre",
        r"vie sexuelle",
        r"coming[ -]out",
        r"mon compagnon et moi",
    ],
    "origine_ethnique": [
        r"origine (?:ethnique|raciale)",
        r"ethni(?:e|que|ques)",
        r"\brace\b",
        r"racis(?:me|mes|te|tes)",
        r"couleur de peau",
        r"discrimination raciale",
        r"propos racistes",
        r"maghrebin(?:e|s)?",
        r"origine (?:africaine|maghrebine|asiatique|arabe|juive|rom)",
        r"\brom(?:s)?\b",
        r"gens du voyage",
        r"antisemit(?:e|es|isme)",
    ],
    "condamnation": [
        r"casier judiciaire",
        r"sanctions? penales?",
        r"jugement penal",
        r"bulletin n° ?[23]",
        r"bulletin no ?[23]",
        r"condamn(?:e|ee|es|ation|ations)",
        r"peine (?:de prison|d'emprisonnement|avec sursis)",
        r"emprisonnement",
        r"incarcer(?:e|ee|ation)",
        r"prison",
        r"(?:en|placee?) detention",
        r"detention provisoire",
        r"garde a vue",
        r"mis(?:e)? en examen",
        r"contr[oô]le judiciaire",
        r"infractions? penales?",
        r"poursuites penales",
        r"delit",
        r"crime",
        r"avec sursis",
        r"tribunal correctionnel",
        r"cour d'assises",
        r"plainte penale",
        r"fichier (?:fijais|des auteurs)",
        r"fijais",
        r"interdiction d'exercer",
    ],
}

# Categories implied by another one (pregnancy is health data).
IMPLIES = {"grossesse": ("sante",)}

# Expressions that look like triggers but are not about a person (hard negatives).
NEUTRALISERS = [
    r"(?:tous|l'ensemble des) (?:les )?syndicats",
    r"aesh",
    r"accompagnants? d'eleves en situation de handicap",
    r"taux de syndicalisation",
    r"(?:les|des|aux) organisations syndicales",
]

_COMPILED = {
    category: re.compile(r"(?<![\w])(?:" + "|".join(patterns) + r")(?![\w])")
    for category, patterns in TRIGGERS.items()
}
_NEUTRAL = re.compile(r"(?<![\w])(?:" + "|".join(NEUTRALISERS) + r")(?![\w])")
# Acronyms that are also ordinary words: they count only when written in upper case.
UPPER_ONLY = frozenset({"fo", "sud", "sud education", "das", "rom", "roms", "fiv", "pma", "aah", "lfi"})


def find_sensitive(text: str, exclude: Iterable[tuple[int, int]] = ()) -> list[SensitiveHit]:
    """Sensitive categories of ``text``; words inside ``exclude`` spans (detected values: M. Gay,
    Mme Chrétien, rue de l'Église) do not count."""
    folded = fold(text)
    neutral = [(m.start(), m.end()) for m in _NEUTRAL.finditer(folded)] + list(exclude)
    hits: dict[str, list[str]] = {}
    for category, regex in _COMPILED.items():
        for m in regex.finditer(folded):
            if any(s <= m.start() < e for s, e in neutral):
                continue
            word = text[m.start() : m.end()]
            if m.group() in UPPER_ONLY and not word[:2].isupper():
                continue
            hits.setdefault(category, [])
            if word.lower() not in (w.lower() for w in hits[category]):
                hits[category].append(word)
    for category, implied in IMPLIES.items():
        if category in hits:
            for other in implied:
                hits.setdefault(other, [])
    order = list(CATEGORY_LABELS)
    return [SensitiveHit(category, hits[category]) for category in sorted(hits, key=order.index)]
