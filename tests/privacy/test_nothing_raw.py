"""After a full case with personal data in the body, attachments, edits and comments, no raw value is
in any text column of the database, nor in the logs (issue 15, point 4). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import re
from email.message import EmailMessage

import pytest
from django.apps import apps
from django.db import models

from tests.assistant.conftest import DRAFT_TEXTS, import_case_corpus, put_drafts, seed_register

IBAN = "FR76 3000 6000 0112 3456 7890 189"
NIR = "1 84 12 76 451 089 46"
RAW = {
    "surname": "Benslimane",
    "first name and surname": "Karim Benslimane",
    "e-mail": "karim.benslimane@free.fr",
    "phone": "0661223344",
    "typed phone": "0752418830",
    "iban": IBAN.replace(" ", ""),
    "nir": NIR.replace(" ", ""),
    "street": "rue des Tanneurs",
    "birth date": "14/07/1983",
    "typed name": "Trégaro",
    "masked school": "Kerichen",
    "colleague in the comment": "Ouarda",
}


def _question_eml() -> bytes:
    message = EmailMessage()
    message["From"] = f"Karim Benslimane <{RAW['e-mail']}>"
    message["To"] = "gestion-paie@ac-rennes.fr"
    message["Subject"] = "changement de RIB"
    message.set_content(
        "Bonjour,\n\nje suis professeur au lycée de Kerichen. Merci de verser mon traitement sur le compte "
        f"{IBAN}. Mon numéro de sécurité sociale : {NIR}, je suis né le 14/07/1983 et j'habite "
        "12 rue des Tanneurs, 29200 Brest. Combien de jours de congés annuels ai-je ?\n"
        "Tél : 06 61 22 33 44\n\nCordialement,\nKarim Benslimane"
    )
    message.add_attachment(
        f"Titulaire : Karim BENSLIMANE\nIBAN : {IBAN}".encode(),
        maintype="text",
        subtype="plain",
        filename=f"RIB_Karim_Benslimane_{IBAN.replace(' ', '')}.txt",
    )
    message.add_attachment(
        b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename="outil_Benslimane.exe"
    )
    return message.as_bytes()


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value).lower()


def _text_columns():
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if fields and model._meta.managed:
            yield model, fields


def _leaks(extra_texts: list[str]) -> list[str]:
    leaks = []
    wanted = {name: _compact(value) for name, value in RAW.items()}
    for model, fields in _text_columns():
        for row in model.objects.values_list(*fields):
            for field, value in zip(fields, row, strict=True):
                text = _compact(str(value)) if value is not None else ""
                leaks += [
                    f"{model._meta.db_table}.{field}: {name}" for name, raw in wanted.items() if raw in text
                ]
    for line in extra_texts:
        leaks += [f"log: {name}" for name, raw in wanted.items() if raw in _compact(line)]
    return leaks


@pytest.fixture
def people(make_user, grant_assistant_access):
    agent = grant_assistant_access(
        make_user("agent_rh", username="agent", first_name="Alice", last_name="Martin")
    )
    validator = grant_assistant_access(
        make_user("valideur", username="valideur", first_name="Victor", last_name="Leroy")
    )
    return agent, validator


def test_full_case_leaves_no_raw_value(people, tmp_path, client):
    from rhia.assistant.services import (
        Upload,
        choose_draft,
        confirm_review,
        export_case,
        get_case,
        open_case,
        return_case,
        review_material,
        save_final,
        submit_for_validation,
        validate_case,
    )
    from rhia.assistant.services.shielding import reveal_text, shown

    agent, validator = people
    seed_register()
    import_case_corpus(tmp_path)
    collect = Collect()
    loggers = [logging.getLogger(), logging.getLogger("django.server"), logging.getLogger("django.request")]
    for logger in loggers:
        logger.addHandler(collect)
    try:
        case = open_case(agent, upload=Upload("demande.eml", _question_eml()))
        case.use_case.requires_second_validation = True
        case.use_case.save()
        raw, _entities = review_material(case)
        start = raw.index("Kerichen")
        case = confirm_review(case, agent, added=[(start, start + len("Kerichen"), "OTHER")])
        case = put_drafts(case, agent, DRAFT_TEXTS, citations=[["F99001"], ["F99001"]])
        case = choose_draft(case, agent, 0)
        case = save_final(
            case,
            agent,
            "<p>Bonjour Monsieur Benslimane,</p><p>Votre collègue Mme Solenn Trégaro vous rappellera au "
            "07 52 41 88 30 au sujet du lycée de Kerichen.</p>",
        )
        case = submit_for_validation(case, agent)
        case = return_case(
            get_case(validator, case.pk),
            validator,
            comment="Vérifiez l'IBAN de M. Benslimane avec Ouarda Kaci.",
        )
        case = submit_for_validation(case, agent)
        case = validate_case(
            get_case(validator, case.pk),
            validator,
            comment="Vu avec Ouarda Kaci, 06 61 22 33 44.",
            sources_checked=True,
        )
        results = [export_case(case, agent, fmt) for fmt in ("docx", "pdf", "eml")]
        client.force_login(agent)
        client.get("/recherche/", {"q": "Karim Benslimane"})
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /recherche/?q=Karim+Benslimane HTTP/1.1", 200, 10
        )
    finally:
        for logger in loggers:
            logger.removeHandler(collect)
    case.refresh_from_db()
    # the authorised viewer still sees everything, re-identified
    assert "Benslimane" in " ".join(shown(case)["attachment_names"])
    assert "Ouarda" in shown(case)["validation_comment"]
    assert "Trégaro" in reveal_text(case, case.final_text)
    assert all("Benslimane" not in r.filename for r in results)
    assert any("/recherche/?[filtré]" in line for line in collect.lines)
    assert _leaks(collect.lines) == []


def test_access_log_lines_lose_their_query_string():
    handlers = logging.getLogger("django.server").handlers
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /recherche/?q=Karim+Benslimane HTTP/1.1", 200, 10),
        None,
    )
    assert handlers, "runserver's request lines must go through a configured handler"
    for handler in handlers:
        assert handler.filter(record)
    message = record.getMessage()
    assert "Benslimane" not in message and "GET /recherche/?[filtré] HTTP/1.1" in message
