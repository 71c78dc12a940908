"""``rhia demo --activity``: a team of demo agents using the assistant for eight weeks, so the
dashboards show figures instead of « < 5 ».

Everything goes through the services the pages call (charter, training, self-assessment, intake with
the usage guard and personal-data detection, privacy review and sources, the drafts, editing,
validation by a second person, export), so the journal holds real events and the dashboards read them
as usual. No model runs: the only proposal is the extractive answer, composed in code in milliseconds
(``store_extractive_draft``), so the demo builds in seconds.

Time: on a fresh journal, the demo is written as a history (``rhia.audit.journal.replayed_time``): the
reference data and demo accounts at its start, eight weeks ago, then each week's requests, every event
in time order, so the chain and its insert triggers accept them and ``rhia audit verify`` finds the
journal intact. On a journal that already holds later entries the past cannot be written any more
(timestamps never go back along the chain): the activity is then dated today.

Idempotent: the team is created once.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from rhia.accounts.models import RoleAssignment, Structure, User
from rhia.accounts.roles import Role

TEAM_STRUCTURE = "Division des personnels enseignants"
TEAM_SIZE = 15
NEWCOMERS = 5  # not trained yet: no access; five, so neither group is under the suppression size
TRAINED = TEAM_SIZE - NEWCOMERS
REVIEWERS = 5  # the first trained agents also validate their colleagues' answers (never their own)
HISTORY_WEEKS = 8
FIRST_WEEK_AGENTS = 5  # agents active in the first week; one more each week, up to every trained agent
FIRST_NAMES = [
    "Léa",
    "Hugo",
    "Inès",
    "Nathan",
    "Chloé",
    "Yanis",
    "Manon",
    "Théo",
    "Sarah",
    "Lucas",
    "Jade",
    "Enzo",
]
LAST_NAMES = [
    "Bernard",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Laurent",
    "Simon",
    "Michel",
    "Garcia",
]
# Questions as staff members write them (the guard lets them through) and requests it refuses.
QUESTIONS = [
    "Bonjour, je suis à 80 % depuis septembre, combien de jours de congés annuels j'ai cette année ? Merci",
    "bonjour, est ce que je peux reporter mes congés non pris sur l'an prochain ? cordialement",
    "Madame, Monsieur, mon fils est malade, ai-je droit à des autorisations d'absence pour garde d'enfant ?",
    "Hello, je voudrais passer à temps partiel à la rentrée, quelle est la démarche et le délai ?",
    "Bonjour, combien de temps dure un congé de paternité dans la fonction publique ?",
    "bonjour je souhaite savoir si le compte épargne temps peut être payé quand on part à la retraite",
]
SENSITIVE_QUESTION = 2  # health data: its case waits at the personal-data review in the demo
REFUSED = [
    "Classe les CV des candidats au poste d'adjoint administratif du meilleur au moins bon.",
    "Trie les lettres de motivation reçues pour le poste de secrétaire et garde les trois meilleures.",
]


def _team(structure: Structure) -> list[User]:
    team = []
    for index in range(TEAM_SIZE):
        username = f"agent{index + 1:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
                last_name=LAST_NAMES[index % len(LAST_NAMES)],
                email=f"{username}@demo.rhia.invalid",
            )
            user.set_unusable_password()  # figures only: nobody signs in with these accounts
            user.structure, user.access, user.job_title = structure, User.Access.ACTIVE, "Gestionnaire RH"
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=Role.AGENT_RH, structure=structure)
        team.append(user)
    return team


def _self_assess(user: User, index: int) -> None:
    from rhia.training.services import active_questions, submit_self_assessment

    questions = [question for group in active_questions().values() for question in group]
    if questions:
        submit_self_assessment(user, {q.pk: (index + n) % 4 for n, q in enumerate(questions)})


# ------------------------------------------------------------------ the demo's clock


@dataclass
class DemoClock:
    """The demo history's "now": only moves forward, never past the real now."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment

    def move_to(self, moment: datetime) -> datetime:
        self.moment = max(self.moment, min(moment, timezone.now()))
        return self.moment


def history_start(today: date) -> datetime:
    """Monday, 8 a.m., ``HISTORY_WEEKS`` weeks before the current week (whole calendar weeks, as the
    dashboard counts them)."""
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=HISTORY_WEEKS)
    return timezone.make_aware(datetime.combine(monday, time(8)))


def history_clock() -> DemoClock | None:
    """A clock at the history's start when the journal is empty or older; None when it already holds
    entries after that start (the past can no longer be written: the activity is dated today)."""
    from rhia.audit.journal import last_entry_time

    if User.objects.filter(username="agent01").exists():
        return None  # already seeded: nothing to replay
    start = history_start(timezone.localdate())
    last = last_entry_time()
    if last is not None and last >= start:
        return None
    return DemoClock(start)


# ------------------------------------------------------------------ one request, step by step

Story = Iterator[datetime]  # yields the moment of its next step; the scheduler resumes it then


@dataclass
class Request:
    agent: User
    text: str
    at: datetime
    validator: User | None = None  # set: the answer goes all the way to validation and export
    edited: bool = True
    export_format: str = "docx"


def _backdate(case, clock: DemoClock | None, *fields: str) -> None:
    """The case's own timestamps follow the demo clock (its journal entries already do)."""
    from rhia.assistant.models import Case

    if clock is not None:
        Case.objects.filter(pk=case.pk).update(updated_at=clock(), **{name: clock() for name in fields})


def _final_markup(case) -> str:
    """What the agent writes: the AI's proposal with a greeting and a closing line, as most do."""
    return (
        "<p>Bonjour,</p>"
        + case.final_html
        + "<p>Je reste à votre disposition pour toute précision.</p><p>Cordialement,</p>"
    )


WRITTEN = (
    "Bonjour,\n\nVotre demande relève du bureau de gestion de votre corps : je la lui transmets et "
    "reviens vers vous dès sa réponse.\n\nCordialement,"
)


def _story(request: Request, clock: DemoClock | None, counts: dict[str, int]) -> Story:
    from rhia.assistant import richtext
    from rhia.assistant.services import (
        CaseError,
        choose_draft,
        confirm_review,
        export_case,
        open_case,
        save_final,
        submit_for_validation,
        validate_case,
    )
    from rhia.assistant.services.drafts import request_drafts
    from rhia.assistant.services.generation import store_extractive_draft
    from rhia.assistant.services.validation import sources_to_check

    agent, at = request.agent, request.at
    yield at
    case = open_case(agent, text=request.text)
    counts["opened"] += 1
    _backdate(case, clock, "created_at")
    if case.refusal:
        return
    yield at + timedelta(minutes=3)
    try:
        # Personal data checked, sources retrieved; a refused step (e.g. no provider for sensitive
        # data, no source) leaves the case waiting for the agent, as on the pages.
        case = confirm_review(case, agent)
        _backdate(case, clock, "review_confirmed_at")
        if request.validator is None:
            return
        yield at + timedelta(minutes=6)
        case = request_drafts(case, agent)
        draft = store_extractive_draft(case, agent)
        _backdate(case, clock, "drafts_generated_at")
        yield at + timedelta(minutes=15)
        if draft.style == "non_trouve":  # nothing to quote: the agent writes the answer
            case = save_final(choose_draft(case, agent, None), agent, richtext.from_text(WRITTEN))
        else:
            case = choose_draft(case, agent, 0)
            if request.edited:
                case = save_final(case, agent, _final_markup(case))
        _backdate(case, clock, "chosen_at")
        yield at + timedelta(minutes=25)
        case = submit_for_validation(case, agent)
        _backdate(case, clock, "submitted_at")
        yield at + timedelta(days=1, hours=1)  # read by a colleague the next day
        case = validate_case(case, request.validator, sources_checked=bool(sources_to_check(case)))
        _backdate(case, clock, "validated_at")
        counts["validated"] += 1
        yield at + timedelta(days=1, hours=2)
        export_case(case, agent, request.export_format)
        _backdate(case, clock, "exported_at")
        counts["exported"] += 1
    except CaseError:
        return


def _run(stories: list[tuple[datetime, Story]], clock: DemoClock | None) -> None:
    """Resume every story at the moment it asked for, earliest first: events are recorded in time order."""
    heap: list[tuple[datetime, int, Story]] = []
    for order, (at, story) in enumerate(stories):
        heapq.heappush(heap, (at, order, story))
    while heap:
        at, order, story = heapq.heappop(heap)
        if clock is not None:
            clock.move_to(at)
        try:
            following = next(story)
        except StopIteration:
            continue
        heapq.heappush(heap, (max(following, at), order, story))


# ------------------------------------------------------------------ the eight weeks


def _requests(team: list[User], start: datetime) -> list[Request]:
    """One request a week per active agent (five the first week, then one more each week), a refused
    attempt by every other trained agent, and one answer per trained agent validated by a colleague
    and exported (three of them exported exactly as the AI proposed)."""
    requests = []
    full_week = {}
    for index in range(TRAINED):
        week = 1 + index % (HISTORY_WEEKS - 1)
        full_week[index] = week if index < FIRST_WEEK_AGENTS + week else HISTORY_WEEKS - 1
    formats = ("docx", "pdf", "eml")
    for week in range(HISTORY_WEEKS):
        monday = start + timedelta(weeks=week)
        for index in range(min(TRAINED, FIRST_WEEK_AGENTS + week)):
            agent = team[index]
            at = monday + timedelta(days=1 + index % 4, hours=1 + 2 * (index // 4), minutes=7 * week)
            full = full_week[index] == week
            question = (index + week) % len(QUESTIONS)
            if full and question == SENSITIVE_QUESTION:  # it waits for a provider allowed health data
                question = (question + 1) % len(QUESTIONS)
            requests.append(
                Request(
                    agent=agent,
                    text=QUESTIONS[question],
                    at=at,
                    validator=team[(index + 1) % REVIEWERS] if full else None,
                    edited=index < TRAINED - 3,
                    export_format=formats[index % len(formats)],
                )
            )
            if index % 2 == 0 and week == 2 + index // 2:
                requests.append(
                    Request(agent=agent, text=REFUSED[index % len(REFUSED)], at=at + timedelta(hours=1))
                )
    return requests


def seed_activity(stdout=None, clock: DemoClock | None = None) -> int:
    """Create the team and its eight weeks of requests once; returns the number of requests opened.

    ``clock``: the demo history's clock (``history_clock``), already given to the journal by the
    caller (``replayed_time``); without it every event is dated now."""
    from rhia.governance.services import acknowledge_current_charter, current_charter
    from rhia.training.models import Training
    from rhia.training.services import record_completion

    structure = Structure.objects.filter(name=TEAM_STRUCTURE).first()
    if structure is None or User.objects.filter(username="agent01").exists():
        return 0
    basic = Training.objects.filter(is_basic=True).first()
    trainer = User.objects.filter(username="formation").first()
    start = history_start(timezone.localdate()) if clock is not None else timezone.now()
    counts = {"opened": 0, "validated": 0, "exported": 0}
    with transaction.atomic():
        team = _team(structure)
        for index, agent in enumerate(team):
            _self_assess(agent, index)
            if index >= TRAINED:
                continue
            if index < REVIEWERS:
                RoleAssignment.objects.get_or_create(user=agent, role=Role.VALIDATOR, structure=structure)
            if current_charter() is not None:
                acknowledge_current_charter(agent)
            if basic is not None:
                record_completion(agent, basic, on=timezone.localtime(start).date(), by=trainer)
        requests = _requests(team, start) if clock is not None else _today(team)
        _run([(r.at, _story(r, clock, counts)) for r in requests], clock)
    if stdout is not None:
        weeks = f"sur {HISTORY_WEEKS} semaines" if clock is not None else "datées d'aujourd'hui"
        stdout.write(
            f"Activité de démonstration : {TEAM_SIZE} agents, {counts['opened']} demandes {weeks} (dont refus "
            f"du garde-fou), {counts['validated']} réponses validées par un collègue, "
            f"{counts['exported']} exportées."
        )
        if clock is None:
            stdout.write(
                "Le journal contenait déjà des entrées récentes : l'activité ne peut pas être antidatée "
                "(les horodatages ne reviennent jamais en arrière). Sur une base neuve, elle couvre "
                f"{HISTORY_WEEKS} semaines."
            )
        if not counts["validated"]:
            stdout.write(
                "Aucune source importée : aucune réponse n'a pu être rédigée ni validée. Importez les "
                "sources (rhia corpus fetch service-public) avant rhia demo --activity, sur une base neuve."
            )
    return counts["opened"]


def _today(team: list[User]) -> list[Request]:
    """The same requests without a history: every one now, in the same order."""
    now = timezone.now()
    return [
        Request(r.agent, r.text, now, r.validator, r.edited, r.export_format)
        for r in sorted(_requests(team, now), key=lambda r: r.at)
    ]
