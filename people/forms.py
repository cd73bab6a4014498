"""The admin's forms for people, parties and places: aliases typed as a list, not JSON.

An editor types one alias per line (commas separate aliases too: "Cllr X, JX"); what is
stored is the clean list the linker reads: each alias stripped of surrounding space and
of the characters XML forbids (`newsroom.text.xml_safe`), empty ones dropped, repeats
(ignoring case) kept once, in the order typed.
"""

import re
from decimal import Decimal

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from newsroom.text import xml_safe

from .models import INDEPENDENT, Constituency, Party, Person, format_partial_date

# An alias is a name a story uses; anything longer is a paste gone wrong.
MAX_ALIAS_LENGTH = 200
MAX_ALIASES = 100
_SEPARATORS = re.compile(r"[\n\r,]+")


class AliasListField(forms.Field):
    """A list of names, edited in a textarea one per line; commas also separate them."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 40})
    default_error_messages = {
        "too_long": (
            "An alias can be at most %(limit)d characters; this one has %(length)d: "
            "“%(start)s…”. Put one alias per line or separate them with commas."
        ),
        "too_many": "At most %(limit)d aliases; %(count)d were given.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "One per line (or separated by commas).")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # A stored list shows one alias per line; text sent back by a failed form stays as typed.
        if isinstance(value, list | tuple):
            return "\n".join(str(alias) for alias in value)
        return value

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        if isinstance(value, list | tuple):
            parts = [str(part) for part in value]
        else:
            parts = _SEPARATORS.split(str(value))
        aliases, seen = [], set()
        for part in parts:
            alias = " ".join(xml_safe(part).split())
            if alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                aliases.append(alias)
        return aliases

    def validate(self, value: list[str]):
        super().validate(value)
        for alias in value:
            if len(alias) > MAX_ALIAS_LENGTH:
                raise forms.ValidationError(
                    self.error_messages["too_long"],
                    code="too_long",
                    params={"limit": MAX_ALIAS_LENGTH, "length": len(alias), "start": alias[:30]},
                )
        if len(value) > MAX_ALIASES:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"limit": MAX_ALIASES, "count": len(value)},
            )

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial) != self.to_python(data)


class PersonForm(forms.ModelForm):
    aliases = AliasListField(help_text="Other names stories use, one per line: “Cllr Cooper”.")

    class Meta:
        model = Person
        fields = ["name", "slug", "surname", "aliases"]


class PartyForm(forms.ModelForm):
    aliases = AliasListField(help_text="Other names for the party, one per line: “Tories”.")
    common_word_aliases = AliasListField(
        help_text=(
            "Aliases that are also ordinary words (Green, Reform, Respect), one per line: "
            "these only match when used as a name, never “in this respect”."
        )
    )

    class Meta:
        model = Party
        fields = ["name", "slug", "short_name", "colour", "aliases", "common_word_aliases"]


class ConstituencyForm(forms.ModelForm):
    aliases = AliasListField(help_text="Other names for the place, one per line.")

    class Meta:
        model = Constituency
        fields = ["name", "slug", "kind", "parent", "aliases"]


# The political facts' inlines: checks across rows, and autocompletes that cost no query.

# Published shares are rounded, so a field of candidates may add up to a little over 100.
MAX_SHARE_TOTAL = Decimal("100.5")


class RowLabelledSelect(AutocompleteSelect):
    """An autocomplete that names its chosen option from the row, not from a query.

    Django's widget looks the chosen object up each time it renders: a query per row of an
    inline. The row's form already holds it (`labels`, set by `RowLabelsForm` from the
    object fetched with the rows); an unknown value, such as one just posted, is looked
    up as usual. `placeholder` is what an empty choice reads, e.g. "Independent".
    """

    def __init__(self, *args, placeholder: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholder = placeholder
        self.labels: dict[str, str] = {}

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {
            **super().build_attrs(base_attrs, extra_attrs),
            "data-placeholder": self.placeholder,
        }

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if any(v not in self.labels for v in chosen):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", self.placeholder, False, 0))
        for v in chosen:
            options.append(self.create_option(name, v, self.labels[v], True, len(options)))
        return [(None, options, 0)]


class RowLabelsForm(forms.ModelForm):
    """A row whose autocompletes are labelled from its own related objects.

    The inline fetches those with the rows (`select_related`), so this costs no query.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, RowLabelledSelect) and getattr(self.instance, f"{name}_id", None):
                related = getattr(self.instance, name)
                widget.labels = {str(related.pk): str(related)}


def spells_overlap(first: dict, second: dict) -> bool:
    """Whether two spells share a day. Each runs from its start up to (not on) its end.

    An undated start or end is open: as early or as late as can be. So a spell marked
    over with no end date overlaps whatever began after it started; tick "overlap
    allowed" when the sources simply do not say.
    """
    starts_before_second_ends = (
        first["start"] is None or second["end"] is None or first["start"] < second["end"]
    )
    second_starts_before_first_ends = (
        second["start"] is None or first["end"] is None or second["start"] < first["end"]
    )
    return starts_before_second_ends and second_starts_before_first_ends


def describe_spell(spell: dict) -> str:
    """'“Labour Party, Councillor (2010 – now)”': the row as an editor would recognise it.

    An unknown start or end shows as '?'; an open spell runs to 'now'.
    """
    name = spell["party"].name if spell.get("party") else INDEPENDENT
    role = f", {spell['role']}" if spell.get("role") else ""
    begun = format_partial_date(spell["start"], spell["start_precision"]) or "?"
    over = format_partial_date(spell["end"], spell["end_precision"]) or (
        "?" if spell["ended"] else "now"
    )
    return f"“{name}{role} ({begun} – {over})”"


class AffiliationFormSet(BaseInlineFormSet):
    def clean(self):
        """A person's spells do not overlap unless one is marked "overlap allowed".

        Only pairs with a spell being added or changed are checked, so spells recorded
        before this rule (undated roles, say) do not block an unrelated edit.
        """
        super().clean()
        rows = kept_rows(self)
        clashes = []
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                a, b = first.cleaned_data, second.cleaned_data
                if not (first.has_changed() or second.has_changed()):
                    continue
                if a["may_overlap"] or b["may_overlap"] or not spells_overlap(a, b):
                    continue
                clashes.append(
                    ValidationError(
                        "%(first)s and %(second)s overlap. Correct the dates, or tick "
                        "“overlap allowed” on one of them if both really were held at once.",
                        code="overlap",
                        params={"first": describe_spell(a), "second": describe_spell(b)},
                    )
                )
        if clashes:
            raise ValidationError(clashes)


class CandidacyFormSet(BaseInlineFormSet):
    def clean(self):
        """Shares add up to at most 100% (give or take rounding), and no more winners
        than seats."""
        super().clean()
        rows = [form.cleaned_data for form in kept_rows(self)]
        errors = []
        total = sum(row["share"] for row in rows if row.get("share") is not None)
        if total > MAX_SHARE_TOTAL:
            errors.append(
                ValidationError(
                    "The vote shares add up to %(total)s%%, more than 100%%.",
                    code="shares",
                    params={"total": total},
                )
            )
        elected = sum(1 for row in rows if row.get("elected"))
        seats = self.instance.seats
        if elected > seats:
            errors.append(
                ValidationError(
                    "%(elected)d candidates are marked elected, but this election fills "
                    "%(seats)d seat(s).",
                    code="elected",
                    params={"elected": elected, "seats": seats},
                )
            )
        if errors:
            raise ValidationError(errors)


def kept_rows(formset) -> list:
    """The rows that will be saved: valid, filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not formset._should_delete_form(form)
    ]
