"""Reference data of the use-case register: the DGAFP framework (2024), the ministry exclusion of CV
and cover-letter reading, the AI Act prohibition of emotion recognition at work, the rules' forbidden
uses, and the operational use case of rhia. Idempotent: existing records keep the administrator's edits."""

from __future__ import annotations

import datetime as dt

from rhia.policy.models import OPERATIONAL_USE_CASE, AIActQualification, Category, DPIAStatus, Status, UseCase

DGAFP = "DGAFP — Cadre d'usage de l'IA en GRH (2024)"
MINISTRY = "Ministères de l'éducation — cadre d'usage de l'IA en RH (2025)"
AI_ACT = "Règlement (UE) 2024/1689 (AI Act), article 5"
LOCAL = "Règle de l'établissement (charte d'utilisation)"
ART4 = "Charte d'utilisation de l'IA en RH, article 4 — Usages interdits"

S, E, FORB = Category.DESIRABLE, Category.POSSIBLE, Category.FORBIDDEN
MIN, LIM, HIGH, PROH = (
    AIActQualification.MINIMAL,
    AIActQualification.LIMITED,
    AIActQualification.HIGH_RISK,
    AIActQualification.PROHIBITED,
)

MAY_DEFAULT = "Utiliser l'outil pour préparer un brouillon à partir de sources identifiées, puis le relire et le compléter."
MUST_NOT_DEFAULT = (
    "Saisir des données de santé, d'opinion ou d'appartenance syndicale ; transmettre un document sans l'avoir relu ; "
    "utiliser l'outil pour évaluer ou classer des personnes."
)
MUST_CHECK_DEFAULT = (
    "Les sources citées, leur date de validité et l'exactitude de chaque affirmation avant toute diffusion."
)
FORBIDDEN_MUST_NOT = (
    "Utiliser l'IA pour cet usage, sous quelque forme que ce soit, y compris en reformulant la demande."
)
FORBIDDEN_MAY = (
    "Signaler un besoin à votre correspondant éthique si vous pensez qu'un usage voisin serait légitime."
)

# slug, name, category, description, AI Act qualification, justification, data classes, status
DGAFP_CASES: list[tuple[str, str, str, str, str, str, list[str], str]] = [
    (
        "analyse-enquetes-internes",
        "Analyse des résultats d'enquêtes internes",
        S,
        "Synthèse des réponses (y compris libres) aux baromètres sociaux et enquêtes internes, sur des données anonymisées et agrégées.",
        MIN,
        "Traitement de réponses anonymes agrégées, sans décision sur des personnes.",
        ["public", "internal"],
        Status.PILOT,
    ),
    (
        "recommandations-formation",
        "Recommandations de formation contextualisées",
        S,
        "Proposer des actions de formation adaptées au poste et aux projets de l'agent, à sa demande.",
        LIM,
        "Recommandation non contraignante, à l'initiative de l'agent ; pas de décision automatisée.",
        ["internal"],
        Status.PROPOSED,
    ),
    (
        "apprentissage-personnalise",
        "Apprentissage personnalisé",
        S,
        "Parcours et supports de formation adaptés au rythme de chaque apprenant (quiz, reformulations, exercices).",
        LIM,
        "Transparence due à l'apprenant ; aucune évaluation certificative automatisée.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "redaction-fiches-de-poste",
        "Aide à la rédaction des fiches de poste",
        S,
        "Proposer une première rédaction de fiche de poste à partir du référentiel des métiers, relue par le service.",
        MIN,
        "Aide rédactionnelle sans effet sur des personnes identifiées.",
        ["public", "internal"],
        Status.PILOT,
    ),
    (
        "competences-emergentes",
        "Identification des compétences émergentes",
        S,
        "Repérer les compétences nouvelles à partir des référentiels, offres d'emploi et études prospectives (données collectives).",
        MIN,
        "Analyse collective, aucune donnée individuelle.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    # possible under conditions (17)
    (
        "reponse-questions-rh-agents",
        "Assistant de réponse aux questions RH des agents",
        E,
        "Agent conversationnel en libre-service répondant directement aux agents, sans relecture par un "
        "gestionnaire. Distinct du cas opérationnel « Répondre à une question d'un agent à partir des textes », "
        "où la réponse est préparée, relue et validée par le service RH.",
        LIM,
        "Obligation de transparence (art. 50) : l'agent sait qu'il échange avec une IA.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "aide-redaction-courriers",
        "Aide à la rédaction de courriers et notes RH",
        E,
        "Proposer des brouillons de courriers, notes et réponses, relus et validés par un agent.",
        MIN,
        "Aide rédactionnelle ; la décision et la signature restent humaines.",
        ["public", "internal", "personal"],
        Status.PILOT,
    ),
    (
        "synthese-textes",
        "Synthèse de textes réglementaires et de documents",
        E,
        "Résumer des textes, circulaires et guides pour les services RH.",
        MIN,
        "Aucun effet sur des personnes.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "traduction",
        "Traduction de documents RH",
        E,
        "Traduire des documents d'information ou des formulaires.",
        MIN,
        "Aucun effet sur des personnes.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "redaction-offres-emploi",
        "Rédaction et diffusion des offres d'emploi",
        E,
        "Rédiger les annonces à partir des fiches de poste et les adapter aux supports de diffusion.",
        MIN,
        "Aide rédactionnelle, sans tri des candidatures.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "completude-dossiers",
        "Contrôle de complétude des dossiers administratifs",
        E,
        "Vérifier qu'un dossier comporte les pièces demandées, sans se prononcer sur le fond.",
        LIM,
        "Contrôle formel ; toute décision reste prise par un agent.",
        ["personal"],
        Status.PROPOSED,
    ),
    (
        "planification-temps",
        "Aide à la planification des temps et des absences",
        E,
        "Proposer des plannings respectant les règles de gestion du temps de travail.",
        HIGH,
        "Organisation du travail : annexe III point 4 b) si l'outil attribue des tâches ; validation humaine obligatoire.",
        ["personal"],
        Status.PROPOSED,
    ),
    (
        "gpeec",
        "Gestion prévisionnelle des emplois, des effectifs et des compétences",
        E,
        "Projections d'effectifs et de départs à partir de données agrégées.",
        MIN,
        "Données collectives.",
        ["internal"],
        Status.PROPOSED,
    ),
    (
        "cartographie-competences",
        "Cartographie des compétences collectives",
        E,
        "Représenter les compétences disponibles par service à partir de déclarations volontaires.",
        LIM,
        "Pas de notation individuelle ; information des agents.",
        ["internal", "personal"],
        Status.PROPOSED,
    ),
    (
        "suggestions-mobilite",
        "Suggestions de mobilité à l'initiative de l'agent",
        E,
        "Proposer à l'agent qui le demande des postes correspondant à son profil.",
        HIGH,
        "Annexe III point 4 : usage en matière d'emploi ; l'agent reste seul à décider de candidater.",
        ["personal"],
        Status.PROPOSED,
    ),
    (
        "accueil-nouveaux-arrivants",
        "Accompagnement des nouveaux arrivants",
        E,
        "Répondre aux questions pratiques des nouveaux arrivants et leur présenter les démarches.",
        LIM,
        "Transparence envers l'agent.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "masse-salariale",
        "Analyse et projection de la masse salariale",
        E,
        "Projections budgétaires sur données agrégées.",
        MIN,
        "Données collectives.",
        ["internal"],
        Status.PROPOSED,
    ),
    (
        "anomalies-paie",
        "Détection d'anomalies de paie",
        E,
        "Signaler aux gestionnaires des incohérences de paie à vérifier.",
        LIM,
        "Signalement à un gestionnaire, jamais de correction ni de sanction automatique.",
        ["personal"],
        Status.PROPOSED,
    ),
    (
        "preparation-entretiens",
        "Aide à la préparation des entretiens professionnels",
        E,
        "Fournir une trame et des rappels réglementaires ; jamais d'appréciation de l'agent.",
        HIGH,
        "Annexe III point 4 b) dès que l'outil contribuerait à évaluer : limité à la trame.",
        ["public", "internal"],
        Status.PROPOSED,
    ),
    (
        "rapport-social-unique",
        "Production des indicateurs du rapport social unique",
        E,
        "Calculer et commenter les indicateurs agrégés du rapport social unique.",
        MIN,
        "Données agrégées.",
        ["internal"],
        Status.PROPOSED,
    ),
    (
        "multidiffusion-annonces",
        "Aide au sourcing et à la multidiffusion des annonces",
        E,
        "Adapter et diffuser les annonces sur plusieurs supports, sans lecture ni tri des candidatures.",
        LIM,
        "Pas de traitement des candidatures.",
        ["public"],
        Status.PROPOSED,
    ),
    (
        "comptes-rendus-reunions",
        "Comptes rendus de réunions de service",
        E,
        "Proposer un compte rendu à partir de notes, relu par les participants (hors instances de dialogue social sans accord).",
        LIM,
        "Information des participants ; pas d'analyse des interventions individuelles.",
        ["internal"],
        Status.PROPOSED,
    ),
    # forbidden (4)
    (
        "detection-sante-mentale",
        "Détection précoce de troubles de santé mentale",
        FORB,
        "Repérer ou prédire des troubles de santé, notamment mentale, chez des agents.",
        PROH,
        "Inférence de données de santé (RGPD art. 9) et d'états émotionnels au travail (AI Act art. 5).",
        [],
        Status.WITHDRAWN,
    ),
    (
        "analyse-relations-collegues",
        "Analyse des relations entre collègues",
        FORB,
        "Analyser les interactions, communications ou affinités entre agents.",
        PROH,
        "Surveillance des personnes et de leurs communications, disproportionnée (RGPD art. 5 et 88).",
        [],
        Status.WITHDRAWN,
    ),
    (
        "entretiens-video-automatises",
        "Entretiens vidéo de candidats analysés automatiquement",
        FORB,
        "Analyse automatisée d'entretiens vidéo (contenu, voix, expressions) pour évaluer des candidats.",
        PROH,
        "Reconnaissance des émotions (AI Act art. 5) et décision automatisée en recrutement (RGPD art. 22).",
        [],
        Status.WITHDRAWN,
    ),
    (
        "systemes-reconnaissance-recompense",
        "Systèmes de reconnaissance et de récompense",
        FORB,
        "Désigner automatiquement les agents à récompenser ou fixer leurs primes.",
        HIGH,
        "Annexe III point 4 b) ; décision individuelle sur la rémunération qui doit rester humaine (RGPD art. 22).",
        [],
        Status.WITHDRAWN,
    ),
]

OTHER_FORBIDDEN = [
    (
        "lecture-cv-lettres-motivation",
        "Lecture des CV et des lettres de motivation",
        MINISTRY,
        "Faire lire, résumer, trier ou classer des CV ou des lettres de motivation par l'IA (exclusion ministérielle).",
        HIGH,
        "Annexe III point 4 a) (recrutement, tri des candidatures) ; exclu par le cadre ministériel.",
        "lecture-cv",
    ),
    (
        "reconnaissance-emotions-travail",
        "Reconnaissance des émotions sur le lieu de travail",
        AI_ACT,
        "Inférer les émotions, l'humeur ou le stress des agents ou des candidats (texte, voix, image).",
        PROH,
        "Pratique interdite par l'article 5, paragraphe 1, point f) de l'AI Act.",
        "emotions",
    ),
    (
        "notation-classement-individus",
        "Évaluation, notation ou classement de personnes",
        LOCAL,
        "Évaluer, noter, comparer ou classer des agents ou des candidats nommément désignés.",
        HIGH,
        "Annexe III point 4 b) (évaluation des performances) ; décision individuelle réservée à un humain (RGPD art. 22).",
        "notation",
    ),
    (
        "decision-individuelle-automatisee",
        "Décision individuelle automatisée",
        LOCAL,
        "Laisser l'outil décider d'une mutation, d'une promotion, d'une affectation ou d'une attribution sans décision humaine.",
        HIGH,
        "RGPD art. 22 : aucune décision fondée exclusivement sur un traitement automatisé ; annexe III point 4 b).",
        "decision",
    ),
    (
        "profilage-categories-sensibles",
        "Profilage selon une catégorie sensible",
        LOCAL,
        "Identifier, trier ou exclure des personnes selon leur santé, origine, religion, opinions, appartenance syndicale ou orientation sexuelle.",
        PROH,
        "RGPD art. 9 ; AI Act art. 5, paragraphe 1, point g) (catégorisation biométrique).",
        "profilage",
    ),
]

ART1 = "Charte d'utilisation de l'IA en RH, article 1 — L'humain décide"
# Forbidden uses the framework implies (issue #14): slug, name, description, qualification,
# justification, legal basis, charter article.
IMPLIED_FORBIDDEN = [
    (
        "surveillance-activite-agents",
        "Surveillance de l'activité des agents",
        "Relever ou analyser nominativement les heures de connexion, l'activité à l'écran, les messages, la "
        "navigation ou la localisation des agents pour contrôler leur travail.",
        HIGH,
        "Annexe III point 4 b) de l'AI Act (surveillance du comportement des travailleurs) ; surveillance "
        "disproportionnée et permanente, contraire au principe de minimisation.",
        "Aucune base légale : RGPD art. 5-1-c (minimisation) et art. 88 ; AI Act art. 26-7 (information "
        "préalable des représentants du personnel) et art. 5 pour l'inférence d'émotions.",
        ART4,
    ),
    (
        "decision-ia-signature-humaine",
        "Décision prise par l'IA et signée sans examen",
        "L'outil tranche une demande ou une situation individuelle (titularisation, renouvellement, mutation, "
        "temps partiel, sanction) et un agent se borne à signer : une décision automatisée de fait.",
        HIGH,
        "Une signature sans examen réel ne rend pas la décision humaine ; annexe III point 4 b) de l'AI Act.",
        "RGPD art. 22 (pas de décision fondée exclusivement sur un traitement automatisé) ; AI Act art. 26-2 "
        "(contrôle humain confié à des personnes compétentes qui en ont l'autorité) et art. 14.",
        f"{ART1}, point 2",
    ),
]

OPERATIONAL = {
    "name": "Répondre à une question d'un agent à partir des textes",
    "category": E,
    "status": Status.GENERALISED,
    "description": (
        "Le gestionnaire RH saisit la question d'un agent (courriel, courrier, message) ; l'outil retrouve les textes "
        "applicables à la date du dossier (fiches service-public, code général de la fonction publique, guides internes) "
        "et propose plusieurs brouillons de réponse citant leurs sources. Le gestionnaire choisit, modifie et valide la "
        "réponse, qui porte la mention de l'usage de l'IA."
    ),
    "directive_may": (
        "Coller ou joindre la question de l'agent ; relire et corriger les données personnelles repérées avant l'envoi au "
        "modèle ; choisir un brouillon, le modifier librement, en demander d'autres ; exporter la réponse validée."
    ),
    "directive_must_not": (
        "Joindre un CV, une lettre de motivation ou un document médical ; demander une appréciation sur l'agent ou une "
        "décision (mutation, promotion, sanction) ; envoyer une réponse sans l'avoir relue ; retirer la mention de l'usage de l'IA."
    ),
    "directive_must_check": (
        "Que chaque source citée existe, est en vigueur à la date du dossier et dit bien ce que la réponse affirme ; que la "
        "situation de l'agent (statut, corps, quotité, dates) est correctement prise en compte ; que le ton est adapté."
    ),
    "requires_second_validation": False,
    "data_classes": ["public", "internal", "personal"],
    "legal_basis": "Mission d'intérêt public (RGPD art. 6-1-e) : information des agents sur leurs droits et obligations.",
    "ai_act_qualification": LIM,
    "ai_act_justification": (
        "Aide rédactionnelle sous contrôle humain, sans décision sur l'agent : risque limité, obligations de transparence "
        "(art. 50) couvertes par la mention apposée sur chaque réponse."
    ),
    "dpia_status": DPIAStatus.DONE,
    "charter_article": "Charte d'utilisation de l'IA en RH, articles 1, 2 et 5",
    "source": "rhia — cas d'usage opérationnel",
}


def _forbidden(slug, name, description, qualification, justification, order, **extra) -> bool:
    """A use case the framework excludes: withdrawn, no data class, the forbidden directives."""
    _, new = UseCase.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "category": FORB,
            "status": Status.WITHDRAWN,
            "description": description,
            "ai_act_qualification": qualification,
            "ai_act_justification": justification,
            "data_classes": [],
            "directive_may": FORBIDDEN_MAY,
            "directive_must_not": FORBIDDEN_MUST_NOT,
            "charter_article": ART4,
            "order": order,
            **extra,
        },
    )
    return new


def run(stdout=None) -> None:
    created = 0
    for order, (
        slug,
        name,
        category,
        description,
        qualification,
        justification,
        classes,
        status,
    ) in enumerate(DGAFP_CASES):
        forbidden = category == FORB
        _, new = UseCase.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "category": category,
                "status": status,
                "description": description,
                "ai_act_qualification": qualification,
                "ai_act_justification": justification,
                "data_classes": classes,
                "directive_may": FORBIDDEN_MAY if forbidden else MAY_DEFAULT,
                "directive_must_not": FORBIDDEN_MUST_NOT if forbidden else MUST_NOT_DEFAULT,
                "directive_must_check": "" if forbidden else MUST_CHECK_DEFAULT,
                "requires_second_validation": qualification == HIGH and not forbidden,
                "dpia_status": DPIAStatus.NOT_REQUIRED if qualification == MIN else DPIAStatus.TODO,
                "charter_article": ART4 if forbidden else "",
                "source": DGAFP,
                "order": order,
                "review_date": dt.date(2027, 6, 30),
            },
        )
        created += new
    for order, (slug, name, source, description, qualification, justification, _key) in enumerate(
        OTHER_FORBIDDEN, start=100
    ):
        created += _forbidden(slug, name, description, qualification, justification, order, source=source)
    for order, (slug, name, description, qualification, justification, basis, article) in enumerate(
        IMPLIED_FORBIDDEN, start=200
    ):
        created += _forbidden(
            slug, name, description, qualification, justification, order,
            source=LOCAL, legal_basis=basis, charter_article=article,
        )  # fmt: skip
    _, new = UseCase.objects.get_or_create(
        slug=OPERATIONAL_USE_CASE, defaults={**OPERATIONAL, "order": 0, "review_date": dt.date(2027, 6, 30)}
    )
    created += new
    if stdout is not None:
        stdout.write(f"Registre des cas d'usage : {created} cas créés, {UseCase.objects.count()} au total.")
