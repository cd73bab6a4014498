"""The admin's forms for people, parties and places: aliases typed as a list, not JSON.

An editor types one alias per line (commas separate aliases too: "Cllr X, JX"); what is
stored is the clean list the linker reads: each alias stripped of surrounding space and
of the characters XML forbids (`newsroom.text.xml_safe`), empty ones dropped, repeats
(ignoring case) kept once, in the order typed.
"""

import re

from django import forms

from newsroom.text import xml_safe

from .models import Constituency, Party, Person

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
