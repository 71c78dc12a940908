"""The vault is encrypted at rest: no raw value in any database row."""

import pytest
from django.db import connection

from rhia.privacy.models import Correction, Vault
from rhia.privacy.services import corrections_dataset, reveal, shield

TEXT = (
    "Bonjour,\nJe suis Mme Durand, née le 12/03/1985, NIR 1 85 05 78 006 084 91, "
    "IBAN FR76 3000 6000 0112 3456 7890 189, tél. 06 12 34 56 78.\nJe suis en arrêt maladie.\nMme Durand"
)
RAW_VALUES = [
    "Durand",
    "12/03/1985",
    "1 85 05 78 006 084 91",
    "FR76 3000 6000 0112 3456 7890 189",
    "06 12 34 56 78",
]


def all_rows_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in (Vault._meta.db_table, Correction._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (table names from the models)
            chunks.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(chunks)


@pytest.mark.django_db
def test_shield_pseudonymizes_and_database_holds_no_raw_value():
    vault = Vault.for_object(("assistant.case", "42"))
    result = shield(TEXT, vault)
    assert result.data_class == "sensitive"
    assert result.sensitive_categories == ["sante"]
    for value in RAW_VALUES:
        assert value not in result.text
    assert result.text.count("[PERSONNE_1]") == 2
    stored = all_rows_text()
    assert "gAAAA" in stored  # a Fernet token
    for value in RAW_VALUES:
        assert value not in stored
    assert reveal(result.text, Vault.objects.get(pk=vault.pk)) == TEXT


@pytest.mark.django_db
def test_vault_per_object_and_consistent_across_texts():
    vault = Vault.for_object(("assistant.case", "7"))
    assert Vault.for_object(("assistant.case", "7")).pk == vault.pk
    first = shield("Je suis Mme Durand.", vault)
    second = shield("Mme Durand et M. Petit sont collègues.", Vault.for_object(("assistant.case", "7")))
    assert first.text == "Je suis Mme [PERSONNE_1]."
    assert second.text == "Mme [PERSONNE_1] et M. [PERSONNE_2] sont collègues."
    other = shield("M. Petit", Vault.for_object(("assistant.case", "8")))
    assert other.text == "M. [PERSONNE_1]"


@pytest.mark.django_db
def test_for_object_with_model_instance(make_user):
    user = make_user("agent_rh")
    vault = Vault.for_object(user)
    assert (vault.object_type, vault.object_id) == ("accounts.user", str(user.pk))


def test_ephemeral_vault_is_not_saved(db):
    vault = Vault.ephemeral()
    result = shield("Je suis Mme Durand.", vault)
    assert vault.pk is None and Vault.objects.count() == 0
    assert reveal(result.text, vault) == "Je suis Mme Durand."


@pytest.mark.django_db
def test_key_rotation_and_wrong_key(settings):
    settings.RHIA_VAULT_KEY = "ancienne-cle"
    vault = Vault.for_object(("assistant.case", "9"))
    shield("Je suis Mme Durand.", vault)
    settings.RHIA_VAULT_KEY = "nouvelle-cle,ancienne-cle"
    assert Vault.objects.get(pk=vault.pk).mapping() == {"[PERSONNE_1]": "Durand"}
    settings.RHIA_VAULT_KEY = "autre-cle"
    from rhia.privacy.crypto import VaultKeyError

    with pytest.raises(VaultKeyError) as info:
        Vault.objects.get(pk=vault.pk).mapping()
    assert "Durand" not in str(info.value)


@pytest.mark.django_db
def test_agent_corrections_are_applied_and_kept_encrypted(make_user):
    user = make_user("agent_rh")
    text = "Bonjour, ici Kerlouan du bureau DPE 3. Mme Durand a appelé."
    vault = Vault.for_object(("assistant.case", "11"))
    detected = shield(text, Vault.ephemeral()).entities
    durand = next(e for e in detected if text[e.start : e.end] == "Durand")  # civility outside
    start = text.index("Kerlouan")
    result = shield(
        text, vault, added=[(start, start + 8, "PERSON")], removed=[(durand.start, durand.end)], user=user
    )
    assert "Kerlouan" not in result.text and "Mme Durand" in result.text
    rows = list(Correction.objects.order_by("kind"))
    assert [(r.kind, r.label) for r in rows] == [("added", "PERSON"), ("removed", "PERSON")]
    assert rows[1].recognizer == "civility"
    assert rows[0].user == user
    # same corrections on the same text are not duplicated
    shield(text, vault, added=[(start, start + 8, "PERSON")], removed=[(durand.start, durand.end)], user=user)
    assert Correction.objects.count() == 2
    stored = all_rows_text()
    assert "Kerlouan" not in stored and "Durand" not in stored
    assert rows[0].context()["text"] == text
    dataset = corrections_dataset()
    assert len(dataset) == 1
    spans = {(s["start"], s["end"], s["label"]) for s in dataset[0]["spans"]}
    assert (start, start + 8, "PERSON") in spans and (durand.start, durand.end, "PERSON") not in spans


@pytest.mark.django_db
def test_invalid_correction_span_is_refused_in_french():
    with pytest.raises(ValueError, match="Sélection invalide"):
        shield("court", Vault.for_object(("assistant.case", "12")), added=[(2, 50, "PERSON")])


@pytest.mark.django_db
def test_no_raw_value_in_logs_or_errors(caplog, client, make_user):
    import logging

    caplog.set_level(logging.DEBUG)
    vault = Vault.for_object(("assistant.case", "13"))
    shield(TEXT, vault)
    client.force_login(make_user("agent_rh"))
    client.post(
        "/api/privacy/scan", data={"text": TEXT, "pseudonymize": True}, content_type="application/json"
    )
    with pytest.raises(ValueError) as info:
        shield(TEXT, vault, added=[(0, len(TEXT) + 5, "PERSON")])
    for value in RAW_VALUES:
        assert value not in caplog.text
        assert value not in str(info.value)
