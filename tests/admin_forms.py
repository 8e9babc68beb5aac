"""Posting admin change forms in tests as a browser would, and reading their errors."""

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse


def admin_url(model, view: str, *args) -> str:
    """The address of one of `model`'s admin views: "changelist", "add", "change" (with the pk)..."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management_forms(prefixes: Iterable[str], **totals) -> dict:
    """The management forms of every inline of an add page, with `totals` rows posted."""
    data = {}
    for prefix in prefixes:
        data |= {
            f"{prefix}-TOTAL_FORMS": str(totals.get(prefix, 0)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def change_form_data(response) -> dict:
    """The change form as the browser would post it back unchanged, without its empty extra rows."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        count = str(formset.initial_form_count())
        data |= {f"{prefix}-TOTAL_FORMS": count, f"{prefix}-INITIAL_FORMS": count}
        forms.extend(formset.initial_forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(item) for item in value]
            elif isinstance(value, dt.date):
                data[form.add_prefix(name)] = f"{value:%d/%m/%Y}"
            elif value is None:
                data[form.add_prefix(name)] = ""
            elif isinstance(value, int | str):
                data[form.add_prefix(name)] = str(value)
            # Stored files are not posted back: the file input keeps them.
    return data


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def inline_errors(response) -> dict:
    """The errors of each inline that has any, by prefix: (row errors, errors of the whole inline)."""
    errors = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        rows = [row for row in formset.errors if row]
        if rows or formset.non_form_errors():
            errors[formset.prefix] = (rows, list(formset.non_form_errors()))
    return errors
