"""Builds the POST data of a Django admin change form from its GET, to submit real edits in tests."""

from __future__ import annotations

import datetime

from django.utils import timezone


def change_form(client, obj, url: str | None = None) -> tuple[str, dict]:
    """The admin change page of ``obj`` and the POST data that would save it unchanged."""
    url = url or f"/administration/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    data: dict = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "password":
            continue
        if isinstance(value, datetime.datetime):  # the admin's split date/time widget
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        prefix = fs.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(fs.initial_forms)),
                f"{prefix}-INITIAL_FORMS": str(len(fs.initial_forms)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for inline_form in fs.initial_forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is None or value is False:
                    continue
                data[f"{inline_form.prefix}-{name}"] = "on" if value is True else getattr(value, "pk", value)
    return url, data
