"""Word patterns of the bias checker (data module).

Every pattern applies to *folded* text (lower case, no accents, ’ as '), see ``checker.fold_map``.
They were written from the vocabulary of French anti-discrimination law (code général de la fonction
publique art. L131-1, code pénal art. 225-1) and of HR writing, not from the evaluation sentences.
"""

from __future__ import annotations

# Protected criteria of French law: key -> (French label, pattern of a mention).
CRITERIA: dict[str, tuple[str, str]] = {
    "age": (
        "l'âge",
        r"\bages?\b(?! (?:legal|d'ouverture|de depart|minimum|limite))|\btrop (?:age|agee|vieux|vieille|vielle|jeune)\b"
        r"|\bseniors?\b|\bde plus de \d{2} ans\b|\bpasse \d{2} ans\b|\b[aà] \d{2} ans\b|\bjeune et dynamique\b"
        r"|\b(?:il|elle|l'agent|l'agente|qui) a (?:plus de |moins de |bientot )?\d{2} ans\b|\bagee? de (?:plus de )?\d{2} ans\b"
        r"|\bprofil jeune\b|\bequipe jeune\b|\bpart a la retraite dans\b|\bage avance\b",
    ),
    "pregnancy": (
        "la grossesse",
        r"\bgrossesse\b|\benceinte\b|\battend un enfant\b|\bpregnant\b|\ba ete enceinte\b",
    ),
    "disability": (
        "le handicap",
        r"\bhandicap(?:e|ee|es|ees)?\b|\brqth\b|\ben fauteuil\b|\binvalidite\b",
    ),
    "health": (
        "l'état de santé",
        r"\b(?:etat|problemes?|raisons?) de sante\b|\bmaladie chronique\b|\bsa maladie\b|\bses arrets\b"
        r"|\barrets? maladie\b|\bdepression\b|\bburn.?out\b|\bcancer\b|\bmalade\b",
    ),
    "origin": (
        "l'origine ou la nationalité",
        r"(?<!d')\borigines?\b|\bd'origine (?:etrangere|maghrebine|africaine|asiatique|\w+ienne|\w+ien|\w+aise|\w+ais)\b|\bnationalite\b|\betrangere?s?\b|\bson accent\b|\bnom pareil\b|\bcouleur de peau\b"
        r"|\bethni",
    ),
    "religion": (
        "la religion",
        r"\breligi|\bramadan\b|\bporte le voile\b|\bvoilee\b|\bkippa\b|\bcroyant|\bmusulman|\bjuif|\bjuive"
        r"|\bcatholique|\bpratiquant",
    ),
    "union": (
        "les activités syndicales",
        r"\bsyndica(?:l|le|les|ux|t|ts)\b|\bsyndiquee?s?\b|\bdelegue(?:e)? syndical|\bmandat syndical|\bgreviste",
    ),
    "family": (
        "la situation de famille",
        r"\bsituation de famille\b|\b(?:\d+|deux|trois|quatre|cinq) (?:enfants|gamins|gosses)\b|\benfants en bas age\b"
        r"|\bmere celibataire\b|\bpere celibataire\b|\bdivorc|\bmere de famille\b|\bmariee?\b|\bcelibataire\b",
    ),
    "orientation": (
        "l'orientation sexuelle ou l'identité de genre",
        r"\borientation sexuelle\b|\bhomosexuel|\bgay\b|\blesbienne\b|\bidentite de genre\b|\btransgenre\b",
    ),
    "residence": (
        "le lieu de résidence",
        r"\blieu de residence\b|\bhabite\b|\bresidant\b|\bquartier difficile\b|\bdomicilie",
    ),
    "sex": (
        "le sexe",
        r"\bun homme\b|\bune femme\b|\betant une femme\b|\ben tant que femme\b|\bson sexe\b",
    ),
    "opinions": (
        "les opinions",
        r"\bopinions?(?: politiques?)?\b|\btribune\b|\bmilitant|\bconvictions? politiques?\b",
    ),
    "appearance": (
        "l'apparence physique",
        r"\bapparence\b|\bsurpoids\b|\bobese\b|\bson physique\b|\bphysique (?:ingrat|disgracieux)|\btatou",
    ),
}

# Words that tie the criterion to the person concerned (a rule about a status is not a ground).
PERSONAL = (
    r"\b(?:son|sa|ses|leur|leurs|votre|vos|il|elle|lui|ils|elles|etant|comme|avec)\b|\bqu'(?:il|elle)\b"
    r"|\bl'agente?\b|\btrop (?:age|agee|vieux|vieille|vielle|jeune)\b"
    r"|\bcandidat(?:e|es|s)\b|\bon cherche\b|\bpour ce poste\b|\bnous preferons\b|\bprivilegiez\b"
)

# An adverse decision, a preference or a negative assessment.
ADVERSE = (
    r"\brefus|\brejet|\bpas retenu|\bne (?:peut|pourra|sera|seront) pas (?:etre )?retenue?s?\b|\bne (?:le |la |les )?retenons pas\b|\bne seront pas retenu|\becart"
    r"|\bne (?:lui|le|la|les) (?:renouvel|confi|propos|retien|inscri)|\bne pas (?:lui|le|la|les)\b"
    r"|\bpas de mission\b|\bavis (?:defavorable|reserve)|\bdefavorable\b|\bpas apte\b"
    r"|\b(?:peu|pas) adaptee?\b|\bne correspond pas\b|\binutile\b|\bpas utile\b|\bprivilegi|\bpreferons\b"
    r"|\bprefere(?:rions|rait)?\b|\bvaut mieux\b|\bmieux vaut\b|\bconviendrait mieux\b|\bplutot (?:un|une)\b"
    r"|\beviter de\b|\bne plaide pas\b|\breportee?\b|\breduite?\b|\bmoins (?:efficace|disponible|productif)"
    r"|\bpas (?:assez )?dispo(?:nible)?\b|\bne tiendra pas\b|\baura du mal\b|\bpas credible\b"
    r"|\bon (?:ne )?(?:la|le) prend pas\b|\bon garde l'autre\b|\bgarde l'autre\b|\bne donnons pas suite\b"
    r"|\bne pas donner suite\b|\bpas (?:opportun|souhaitable)\b|\bplus tard que les autres\b|\bpotentiel\b.*\bfaible\b"
    r"|\bappreciation reservee\b|\bne renouvelle pas\b|\bon renouvelle pas\b|\bne va pas lui\b"
    r"|\bnous ne (?:le|la) proposerons pas\b|\bne (?:le|la) proposerons pas\b|\brompre\b|\blicenci"
    r"|\bpas de (?:poste|mission|formation)\b|\bon ne peut pas lui\b|\bne pourra pas\b|\bplus safe\b"
    r"|\bjuge faible\b|\btient compte de (?:ses|son|sa)\b|\bpour constituer une equipe jeune\b"
    r"|\bprivilegiez un profil\b|\bce n'est pas la peine\b|\brepouss|\bne (?:\w+ ){0,2}pas (?:la |le |l'|lui |les )?"
    r"(?:titularis|nomm|promouv|recrut|reten|gard|renouvel|confi|propos|envoy|inscri|affect|mut|prend|accept)"
    r"|\bne (?:la |le |l'|lui |les )?(?:titularis|nomm|promouv|recrut|reti|gard|renouvel|confi|propos|envoi|inscri"
    r"|affect|mut|pren|accept)\w* pas\b"
)

# Constructions that protect or state a right: "aucune distinction…", "ne peut pas être refusé".
PROTECTIVE = (
    r"\baucune? (?:distinction|mesure|mention|discrimination)\b|\bsans (?:tenir compte|distinction|condition)\b"
    r"|\bquel(?:le)?s? que soi(?:t|ent)\b|\binterdit|\bdiscrimination\b|\bne (?:peut|peuvent|doit|doivent|saurait)"
    r" (?:pas |en aucun cas |plus )?(?:etre |faire |lui etre )?(?:refus|rompu|reduir|prise|pris|retir|licenci)"
    r"|\bil n'est pas possible de refuser\b|\bn'ont pas d'incidence\b|\bne peuvent pas reduire\b"
    r"|\begalite\b|\bprise en consideration de\b"
)

# A rule stated for anyone in a situation ("si vous êtes…", "le fonctionnaire est…") is not a decision.
RULE_STATEMENT = (
    r"\b(?:si|lorsque|lorsqu'|quand|des que) ?(?:vous|l'agent|le fonctionnaire|la fonctionnaire|l'agente|un agent"
    r"|une agente|votre|le stagiaire)\b|\bvos droits\b|\bavant un certain age\b|\bselon (?:son|votre) aptitude\b"
    r"|\b(?:le fonctionnaire|l'agent contractuel|le stagiaire|les fonctionnaires) (?:est|peut|doit|sont|peuvent)\b"
    r"|\bvous (?:devez|pouvez|etes place|beneficiez|avez droit)\b|\b(?:le fonctionnaire|l'agent|la personne) qui\b"
    r"|\b(?:motive|notifie) (?:son|sa)\b|^\s*(?:si|s'il|s'ils|lorsque|lorsqu')\b|\bl'agent (?:peut|doit)\b"
    r"|\b(?:le fonctionnaire|l'agent)\b[^.;]{0,40}\bqui\b"
)
# ...unless someone ("nous", "on") is deciding.
DECIDER = r"\b(?:nous|on)\b"

# Groups of people a stereotype generalises about.
GROUPS = (
    r"\b(?:les|toutes les|tous les|beaucoup de|comme toutes les|comme beaucoup de|la plupart des|des)"
    r" (?:(?:agents?|agentes|personnes|salaries|collegues|candidats|candidates|gens) )?(?:femmes|hommes|meres|peres"
    r"|jeunes|seniors|ages|agees|anciens|vieux|millennials|etrangers|etrangeres|handicapes|handicapees"
    r"|de cette origine|filles|garcons|musulmans|juifs|immigres)\b|\bcette generation\b|\bun homme, ca\b|\bils sont tous\b"
    r"|\bmetier de (?:femmes|hommes)\b|\bpasse \d+ ans, on\b|\bequipe jeune et dynamique\b"
)

# Predicates that attribute a trait to the group (as opposed to a right or a statistic).
TRAITS = (
    r"\bnaturellement\b|\bplus (?:doue|rationnel|souvent|emoti|lent|faible|fort|sensible|patient|organis"
    r"|soigneu|agressi|fiable|competent|serieu|motiv|absent|fragile|dou[cx]|conciliant|lunatique)"
    r"|\bmoins (?:productif|autonome|fiable|serieu|motiv|efficace|capable|competent|investi|disponible|rapide)"
    r"|\btrop (?:emoti|sensible|lent)|\bne sont pas (?:faite?s|capables|fiables)\b"
    r"|\bne savent pas\b|\bne veulent (?:plus|pas)\b|\bmanquent de\b|\bn'ont (?:pas|aucune?)\b|\bn'a (?:pas|aucune?)\b"
    r"|\bsont (?:souvent|toujours|tous|toutes) (?!\d)|\bresistent\b|\bcoutent plus\b|\bfera passer\b"
    r"|\bne pleure pas\b|\bc'est culturel\b|\bn'apprend plus\b|\bdu mal avec\b|\bn'y restent pas\b"
    r"|\bjeune et dynamique\b|\bcomme ca\b|\bmeilleures? decisions?\b|\bne \w+(?:ent|nt) (?:rien|jamais)\b"
)

# A statement of a right or a statistic about the group is not a stereotype.
NOT_A_TRAIT = (
    r"\b(?:peuvent|peut|pouvaient|beneficient|ont droit|representent|sont eligibles)\b|\d+ ?%"
    r"|\bdans les memes conditions\b"
)

# Gendered role nouns for a person who is not known: pattern -> neutral wording suggested.
ROLE_FORMS: dict[str, str] = {
    r"\b(?:le|au|du|un|ce|votre|son|notre) directeur\b": "la direction",
    r"\b(?:la|une|cette|votre|sa|notre) directrice\b": "la direction",
    r"\b(?:la|une|cette) secretaire\b(?! (?:generale?|administrative?|d'administration))": "le secrétariat",
    r"\bl'infirmiere\b": "le service de santé (ou « l'infirmier ou l'infirmière »)",
    r"\bl'assistante\b": "le service social ou de prévention (ou « l'assistant ou l'assistante »)",
    r"\b(?:la|une) femme de menage\b": "l'agent d'entretien (ou « le personnel d'entretien »)",
    r"\bl'inspecteur\b": "l'inspection (ou « l'inspecteur ou l'inspectrice »)",
    r"\b(?:le|au|du) proviseur\b": "le chef d'établissement",
    r"\b(?:la|une) nounou\b": "l'assistant maternel ou l'assistante maternelle",
}

# Epicene role nouns followed by a gendered pronoun ("votre supérieur : il…").
ROLE_WITH_PRONOUN = (
    r"\b(?:chef de service|superieure?|responsable|gestionnaire(?: rh)?|medecin(?: agree)?|proviseur|correspondant)"
    r"\b[^.;!?]{0,60}?(?:,|:|;)\s*(?:il|elle|lui|lui seul|elle seule)\b|\b(?:proviseur|chef de service|superieur)"
    r"\b[^.;!?]{0,30}c'est (?:lui|elle) qui\b"
)

# Civility and pronoun markers (text being checked, and the staff question as context).
FEMININE_TEXT = (
    r"(?:^|\n)\s*(?:chere )?madame\s*,\s*(?:\n|$)|(?:^|[.!?]\s+|\n)elle (?!est (?:possible|necessaire))"
)
MASCULINE_TEXT = (
    r"(?:^|\n)\s*(?:cher )?monsieur\s*,\s*(?:\n|$)|(?:^|[.!?]\s+|\n)il (?!(?:faut|est (?:possible|necessaire|"
    r"conseille|recommande|rappele|precise|prevu|interdit|obligatoire|utile|important|souhaitable|de |d')|existe|"
    r"convient|s'agit|y a|reste|semble|importe|appartient|vous)\b)"
)
FEMININE_CONTEXT = (
    r"\b(?:mme|madame|mlle|elle|une collegue|maman|mere|enceinte|nee|mariee|divorcee|pacsee|salariee|titularisee"
    r"|mutee|agente|adjointe|attachee|professeure|enseignante|institutrice|directrice|inspectrice|redactrice"
    r"|educatrice|puericultrice|infirmiere|aide-soignante|technicienne|assistante|conseillere|ouvriere"
    r"|contractuelle|cheffe|secretaire administrative)\b"
)
MASCULINE_CONTEXT = (
    r"\bm\. |\b(?:monsieur|mr|il|s'il|un collegue|lui|papa|pere|ne le|marie|divorce|pacse|titularise|mute"
    r"|professeur certifie|instituteur|directeur|inspecteur|redacteur|educateur|infirmier|aide-soignant"
    r"|technicien|conseiller|contractuel|attache)\b"
)
IMPERSONAL_IL = r"\bil (?:faut|est (?:possible|necessaire)|existe|convient|s'agit|y a|reste|semble)\b"
