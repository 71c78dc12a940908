from django import forms


class JournalFilterForm(forms.Form):
    since = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    action = forms.CharField(label="Action (préfixe)", required=False, max_length=80)
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
