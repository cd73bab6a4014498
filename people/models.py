"""The people, parties and places that political stories are about."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from .querysets import EntityQuerySet

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb, e.g. #E4003B.")


class Entity(models.Model):
    """What every linkable thing has: a name, a URL slug and other names it goes by."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names that mean this, as a list, e.g. ["Tories", "Tory"].',
    )

    LINKING_FIELDS: tuple[str, ...] = ()
    objects = EntityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def names(self) -> list[str]:
        """The name first, then every alias: all the ways a story can refer to it."""
        return [self.name, *(alias for alias in self.aliases if alias)]


class Party(Entity):
    short_name = models.CharField(max_length=50, blank=True)
    colour = models.CharField(
        max_length=7, default="#6B6B6B", validators=[hex_colour], help_text="Brand colour."
    )
    common_word_aliases = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Aliases that are also ordinary words (Green, Reform, Respect): these only "
            "match when used as a name, never 'in this respect'."
        ),
    )

    LINKING_FIELDS = ("common_word_aliases",)

    class Meta(Entity.Meta):
        verbose_name_plural = "parties"

    def get_absolute_url(self):
        return reverse("people:party", args=[self.slug])


class Constituency(Entity):
    class Kind(models.TextChoices):
        WESTMINSTER = "westminster", "Westminster constituency"
        WARD = "ward", "Council ward"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        MAYORALTY = "mayoralty", "Mayoralty"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The wider area, e.g. a ward's borough.",
    )

    class Meta(Entity.Meta):
        verbose_name_plural = "constituencies"

    def get_absolute_url(self):
        return reverse("people:constituency", args=[self.slug])


class Person(Entity):
    surname = models.CharField(
        max_length=100,
        blank=True,
        help_text=(
            "How stories refer to them on second mention ('Mr Hassan Ali'). "
            "Blank means the last word of the name."
        ),
    )

    LINKING_FIELDS = ("surname",)

    class Meta(Entity.Meta):
        verbose_name_plural = "people"

    def get_absolute_url(self):
        return reverse("people:person", args=[self.slug])

    @property
    def short_name(self) -> str:
        return self.surname or self.name.split()[-1]


class PartyMembership(models.Model):
    """A spell in a party, with the document that told us."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. 'Council candidate'.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    source = models.CharField(
        max_length=255, blank=True, help_text="The document this fact comes from."
    )

    class Meta:
        ordering = ["person", "start"]

    def __str__(self):
        return f"{self.person} – {self.party}"
