"""Reference data: the competence framework for AI in HR, the self-assessment questions, the catalogue.

Idempotent and respectful of local edits: existing competences, questions and trainings are never
overwritten; questions are added only to a competence that has none; the basic module is designated
only when none is.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rhia.training.models import Competence, CompetenceLevel, Question, Session, Training

# code, name, description, {level: descriptor}, questions
FRAMEWORK: list[tuple[str, str, str, dict[int, str], list[str]]] = [
    (
        "comprendre-ia",
        "Comprendre l'IA générative et ses limites",
        "Savoir ce que fait un modèle de langage, ce qu'il ne fait pas, et pourquoi il peut se tromper.",
        {
            1: "Sait qu'un outil d'IA générative produit du texte plausible, pas nécessairement exact.",
            2: "Explique avec ses mots la différence entre une recherche documentaire et une génération de texte.",
            3: "Identifie les situations où l'IA est peu fiable (calculs, cas rares, textes récents) et adapte son usage.",
            4: "Accompagne ses collègues et explique les limites des modèles (hallucinations, biais, date des données).",
        },
        [
            "Je sais expliquer pourquoi une réponse d'IA peut être fausse tout en paraissant convaincante.",
            "Je connais la différence entre retrouver un texte officiel et générer une proposition de rédaction.",
            "Je sais dans quels cas l'IA est peu fiable (calculs, situations rares, réglementation récente).",
        ],
    ),
    (
        "donnees-personnelles",
        "Protéger les données personnelles",
        "Appliquer le RGPD au quotidien : minimisation, pseudonymisation, catégories particulières de données.",
        {
            1: "Sait qu'on ne saisit pas de données personnelles dans un outil non autorisé.",
            2: "Repère les données personnelles d'un message (nom, NIR, adresse, santé) avant tout traitement.",
            3: "Vérifie et complète la pseudonymisation proposée par l'outil ; connaît les données sensibles (art. 9 RGPD).",
            4: "Conseille son service sur la minimisation et fait le lien avec le DPO.",
        },
        [
            "Je repère les données personnelles d'un message d'agent (nom, numéro de sécurité sociale, adresse…).",
            "Je sais quelles données sont sensibles au sens du RGPD (santé, opinions, appartenance syndicale…).",
            "Je vérifie la pseudonymisation proposée par l'outil avant d'envoyer une demande.",
        ],
    ),
    (
        "formuler-demandes",
        "Formuler ses demandes",
        "Rédiger une demande claire et contextualisée, sans donnée inutile, et la reformuler au besoin.",
        {
            1: "Pose une question simple à l'outil.",
            2: "Précise le contexte utile (statut de l'agent, situation) sans donnée identifiante.",
            3: "Reformule et découpe une demande complexe pour obtenir une proposition exploitable.",
            4: "Partage ses bonnes pratiques de formulation (atelier « prompter ensemble »).",
        },
        [
            "Je précise le contexte utile (statut, versant, situation) sans ajouter de donnée identifiante.",
            "Je sais reformuler ou découper une demande quand la première proposition ne convient pas.",
            "Je sais demander un ton ou un format adapté au destinataire de la réponse.",
        ],
    ),
    (
        "verifier-sources",
        "Vérifier les sources et les réponses",
        "Contrôler chaque affirmation à partir des textes cités, en vigueur à la date du dossier.",
        {
            1: "Sait qu'une réponse doit être relue avant d'être envoyée.",
            2: "Ouvre les sources citées et vérifie qu'elles disent bien ce que la réponse affirme.",
            3: "Vérifie que les textes sont en vigueur à la date du dossier et corrige la proposition en conséquence.",
            4: "Signale les erreurs récurrentes et contribue à l'amélioration des sources internes.",
        },
        [
            "J'ouvre les sources citées pour vérifier qu'elles disent bien ce qu'affirme la réponse.",
            "Je vérifie que les textes cités sont en vigueur à la date de la situation de l'agent.",
            "Je modifie la proposition quand elle ne correspond pas exactement au cas traité.",
        ],
    ),
    (
        "ethique-biais",
        "Éthique et biais",
        "Reconnaître les risques de discrimination et garder la décision humaine.",
        {
            1: "Sait que l'IA peut reproduire des biais et qu'une décision individuelle reste humaine.",
            2: "Repère une formulation ou une proposition potentiellement discriminante.",
            3: "Sait quand et comment signaler un mésusage ou un résultat problématique.",
            4: "Participe au réseau des référents éthiques ou à la commission.",
        },
        [
            "Je sais qu'aucune décision concernant un agent ne doit reposer uniquement sur un traitement automatisé.",
            "Je repère une proposition qui pourrait être discriminante ou inadaptée à la situation.",
            "Je sais comment signaler un mésusage ou un problème avec une réponse de l'IA.",
        ],
    ),
    (
        "regles-cadre",
        "Règles du cadre d'usage",
        "Connaître la charte, les usages autorisés, sous conditions et interdits, et la mention de l'usage de l'IA.",
        {
            1: "Sait qu'une charte encadre l'usage de l'IA dans son service.",
            2: "Distingue usages souhaitables, envisageables sous conditions et interdits (cadre DGAFP).",
            3: "Applique la mention de l'usage de l'IA et le circuit de validation de son service.",
            4: "Explique le cadre (charte, AI Act, RGPD) aux nouveaux arrivants.",
        },
        [
            "Je connais les usages de l'IA interdits en RH (par exemple la détection de troubles de santé mentale).",
            "Je sais qu'un document préparé avec l'IA doit porter une mention de cet usage.",
            "Je connais le circuit de validation des réponses dans mon service.",
        ],
    ),
]

ALL = [code for code, *_ in FRAMEWORK]

# code, title, source, format, url, minutes, description, audience, competences, basic
CATALOGUE: list[tuple[str, str, str, str, str, int, str, str, list[str], bool]] = [
    (
        "socle-ia-rh",
        "Module socle : utiliser l'IA en RH dans le cadre",
        "interne",
        "distanciel",
        "",
        120,
        "Ce que fait et ne fait pas l'IA générative, la charte et les usages interdits, la pseudonymisation, "
        "la vérification des sources et la mention de l'usage de l'IA. Obligatoire avant d'utiliser l'assistant.",
        "Tous les agents RH utilisateurs de l'assistant",
        ALL,
        True,
    ),
    (
        "mentor-comprendre-ia",
        "Comprendre l'intelligence artificielle",
        "mentor",
        "en_ligne",
        "https://mentor.gouv.fr/",
        90,
        "Parcours d'autoformation de la plateforme interministérielle Mentor : notions clés de l'IA, "
        "IA générative, enjeux pour le service public.",
        "Tous les agents",
        ["comprendre-ia", "ethique-biais"],
        False,
    ),
    (
        "mentor-rgpd",
        "Protection des données personnelles : les fondamentaux",
        "mentor",
        "en_ligne",
        "https://mentor.gouv.fr/",
        60,
        "Autoformation Mentor sur le RGPD : principes, droits des personnes, données sensibles, rôle du DPO.",
        "Tous les agents",
        ["donnees-personnelles"],
        False,
    ),
    (
        "campus-ia-generative",
        "IA générative dans l'administration : usages et bonnes pratiques",
        "campus",
        "distanciel",
        "https://campus.numerique.gouv.fr/",
        90,
        "Webinaire du Campus du numérique public : cas d'usage, limites, formulation des demandes.",
        "Agents et encadrants",
        ["comprendre-ia", "formuler-demandes"],
        False,
    ),
    (
        "pix-parcours-ia",
        "Parcours Pix « Intelligence artificielle »",
        "pix",
        "en_ligne",
        "https://pix.fr/",
        45,
        "Parcours d'évaluation et d'apprentissage Pix sur l'IA : fonctionnement, fiabilité des réponses, "
        "esprit critique.",
        "Tous les agents",
        ["comprendre-ia", "verifier-sources"],
        False,
    ),
    (
        "atelier-prompter-ensemble",
        "Atelier « Prompter ensemble »",
        "interne",
        "presentiel",
        "",
        120,
        "Atelier pratique entre gestionnaires : formuler, reformuler et comparer des demandes sur des cas RH "
        "réels pseudonymisés.",
        "Gestionnaires RH",
        ["formuler-demandes", "verifier-sources"],
        False,
    ),
    (
        "atelier-verifier-sources",
        "Atelier « Vérifier une réponse avant de l'envoyer »",
        "interne",
        "presentiel",
        "",
        90,
        "Relire une proposition à partir des fiches service-public et des articles du code général de la "
        "fonction publique, repérer les textes qui ne sont plus en vigueur.",
        "Gestionnaires RH et valideurs",
        ["verifier-sources", "regles-cadre"],
        False,
    ),
    (
        "atelier-ethique-biais",
        "Éthique et biais : cas pratiques RH",
        "interne",
        "distanciel",
        "",
        90,
        "Études de cas avec un référent éthique : décisions individuelles, discriminations, signalement.",
        "Gestionnaires RH, encadrants, référents",
        ["ethique-biais", "regles-cadre"],
        False,
    ),
    (
        "information-nouveaux-arrivants",
        "Session d'information des nouveaux arrivants : l'IA dans notre service",
        "information",
        "presentiel",
        "",
        60,
        "Présentation de la charte, de l'assistant, des usages interdits et des interlocuteurs (référent "
        "éthique, DPO, service formation).",
        "Nouveaux arrivants",
        ["regles-cadre", "donnees-personnelles"],
        False,
    ),
]

# training code -> (days from now, hour, seats, location)
SESSIONS = {
    "socle-ia-rh": [
        (7, 9, 15, "Classe virtuelle (lien envoyé aux inscrits)"),
        (21, 14, 15, "Classe virtuelle"),
    ],
    "atelier-prompter-ensemble": [(14, 10, 12, "Salle de formation, rectorat")],
    "information-nouveaux-arrivants": [(10, 11, 30, "Amphithéâtre, rectorat")],
}


@transaction.atomic
def run(stdout) -> None:
    competences: dict[str, Competence] = {}
    new_competences = new_questions = new_trainings = new_sessions = 0
    for order, (code, name, description, levels, questions) in enumerate(FRAMEWORK, start=1):
        competence, created = Competence.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )
        new_competences += created
        competences[code] = competence
        for level, text in levels.items():
            CompetenceLevel.objects.get_or_create(
                competence=competence, level=level, defaults={"description": text}
            )
        if not competence.questions.exists():
            Question.objects.bulk_create(
                Question(competence=competence, text=text, order=index)
                for index, text in enumerate(questions, 1)
            )
            new_questions += len(questions)
    has_basic = Training.objects.filter(is_basic=True).exists()
    now = timezone.localtime()
    for code, title, source, fmt, url, minutes, description, audience, covered, basic in CATALOGUE:
        training, created = Training.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "source": source,
                "format": fmt,
                "url": url,
                "duration_minutes": minutes,
                "description": description,
                "audience": audience,
                "is_basic": basic and not has_basic,
            },
        )
        if created:
            new_trainings += 1
            training.competences.set([competences[c] for c in covered])
            for days, hour, seats, location in SESSIONS.get(code, []):
                start = (now + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
                Session.objects.create(
                    training=training,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=minutes),
                    seats=seats,
                    location=location,
                )
                new_sessions += 1
    stdout.write(
        f"Formation : {new_competences} compétence(s), {new_questions} question(s), "
        f"{new_trainings} formation(s) et {new_sessions} session(s) ajoutées."
    )
