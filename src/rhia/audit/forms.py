from django import forms

from rhia.audit.describe import EVENT_LABELS, SENTENCES, families


def action_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(family, [(value, label)]): a whole family (prefix) first, then each known event, so the DPO
    never types a code."""
    by_family: dict[str, list[tuple[str, str]]] = {}
    for code in sorted(SENTENCES):
        by_family.setdefault(code.split(".", 1)[0], []).append((code, EVENT_LABELS.get(code, code)))
    return [
        (label, [(prefix, f"{label} : tous"), *by_family.get(prefix.rstrip("."), [])])
        for prefix, label in families()
    ]


class JournalFilterForm(forms.Form):
    since = forms.DateField(
        label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    action = forms.CharField(label="Événement", required=False, max_length=80)
    actor_id = forms.IntegerField(label="Utilisateur (n°)", required=False, min_value=1)
    object_type = forms.CharField(label="Type d'objet", required=False, max_length=80)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("La date de début doit précéder la date de fin.")
        return data

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "since": data.get("since"),
            "until": data.get("until"),
            "action": data.get("action") or "",
            "actor_id": data.get("actor_id"),
            "object_type": data.get("object_type") or "",
        }
