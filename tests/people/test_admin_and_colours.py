"""One colour rule for pages and admin, and the word "place" wherever editors read it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.colours import NEUTRAL_COLOUR, is_hex_colour
from people.models import Constituency, Party
from tests.factories import make_constituency, make_party


@pytest.mark.parametrize("value", ["#E4003B", "#e4003b", "#000000"])
def test_a_hex_colour_is_a_hash_and_six_hex_digits(value):
    assert is_hex_colour(value)


@pytest.mark.parametrize("value", ["E4003B", "#E4003", "#E4003B\n", " #E4003B", "#GGGGGG", None])
def test_anything_else_is_not_a_colour(value):
    assert not is_hex_colour(value)


@pytest.mark.django_db
def test_the_model_refuses_what_the_pattern_refuses():
    party = Party(name="Labour", slug="labour", colour="#E4003B\n")

    with pytest.raises(ValidationError, match="#rrggbb"):
        party.full_clean()
    assert party.display_colour == NEUTRAL_COLOUR


@pytest.mark.django_db
def test_the_admin_swatch_paints_only_a_checked_colour(admin_client):
    make_party("Labour", colour="#E4003B")
    make_party("Mystery", colour="#GGGGGG")

    html = admin_client.get(reverse("admin:people_party_changelist")).content.decode()

    assert "background:#E4003B;" in html
    assert "background:#GGGGGG" not in html
    assert f"background:{NEUTRAL_COLOUR};" in html
    assert "</span> #GGGGGG" in html  # the stored value is still shown, to be fixed


@pytest.mark.django_db
def test_the_admin_calls_constituencies_places(admin_client):
    make_constituency("West Hampstead", kind=Constituency.Kind.WARD)

    changelist = admin_client.get(reverse("admin:people_constituency_changelist"))
    index = admin_client.get(reverse("admin:app_list", args=["people"]))

    assert "Select place to change" in changelist.content.decode()
    assert ">Places<" in index.content.decode()
    assert "onstituencies" not in index.content.decode()
