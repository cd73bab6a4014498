"""The entity linker's matching rules, each on a small text, and how it writes links."""

from types import SimpleNamespace

import pytest

from articles.linking import EntityLinker, Mentions
from articles.models import ArticleConstituency, ArticleParty, ArticlePerson, EntityLink, Picture
from articles.rendering import markdown_to_text
from people.models import Constituency
from tests.factories import make_article, make_constituency, make_party, make_person

AUTO = EntityLink.Origin.AUTOMATIC
EDITOR = EntityLink.Origin.EDITOR


@pytest.fixture
def known(db) -> SimpleNamespace:
    """A few real-world entities whose names collide in the ways stories make them collide."""
    return SimpleNamespace(
        labour=make_party("Labour", aliases=["Labour Party"]),
        conservative=make_party("Conservative", aliases=["Conservatives", "Tories", "Tory"]),
        green=make_party("Green Party", common_word_aliases=["Green"]),
        reform=make_party("Reform UK", common_word_aliases=["Reform"]),
        respect=make_party("Respect Party", common_word_aliases=["Respect"]),
        aspire=make_party("Aspire", aliases=["Aspire Party"], common_word_aliases=["Aspire"]),
        workers=make_party("Workers Party of Britain", aliases=["Workers Party"]),
        stepney=make_constituency("Bethnal Green and Stepney"),
        birmingham=make_constituency("Birmingham", kind=Constituency.Kind.LOCAL_AUTHORITY),
        hall_green=make_constituency("Birmingham Hall Green", aliases=["Hall Green"]),
        stepney_green=make_constituency("Stepney Green", kind=Constituency.Kind.WARD),
        rushanara=make_person("Rushanara Ali"),
        tahir=make_person("Tahir Ali"),
        hassan_ali=make_person("Ali Hassan Ali", surname="Hassan Ali"),
        cooper=make_person("Oliver Cooper"),
        king=make_person("Oona King"),
    )


def find(text: str) -> Mentions:
    return EntityLinker.from_database().find_mentions(text)


# a. Whole names, case-sensitive, longest wins, no overlaps.


def test_names_match_case_sensitively_and_only_as_whole_words(known):
    mentions = find("Labour won. The labour market, Labourers and a Tory.")

    assert mentions.parties == {known.labour.pk: 1, known.conservative.pk: 1}


def test_a_constituency_named_after_a_colour_is_not_the_green_party(known):
    mentions = find("She stands in Bethnal Green and Stepney this year.")

    assert mentions.constituencies == {known.stepney.pk: 1}
    assert mentions.parties == {}


def test_the_longest_alias_wins_and_is_counted_once(known):
    mentions = find("He leads the Workers Party of Britain.")

    assert mentions.parties == {known.workers.pk: 1}


def test_a_longer_constituency_beats_the_city_it_starts_with(known):
    mentions = find("Tahir Ali, MP for Birmingham Hall Green, spoke.")

    assert mentions.constituencies == {known.hall_green.pk: 1}


def test_the_longest_of_overlapping_matches_wins_even_when_it_starts_later(db):
    make_constituency("Kilburn High")
    estate = make_constituency("High Road West Estate")

    mentions = find("Residents of Kilburn High Road West Estate met.")

    assert mentions.constituencies == {estate.pk: 1}


def test_a_name_shared_by_two_entities_links_neither(db):
    make_constituency("Newham", kind=Constituency.Kind.LOCAL_AUTHORITY)
    make_constituency("Mayor of Newham", kind=Constituency.Kind.MAYORALTY, aliases=["Newham"])

    assert find("Voters in Newham went to the polls.").constituencies == {}


# b. Possessives and curly apostrophes.


def test_possessives_match_with_straight_or_curly_apostrophes(known):
    mentions = find("Rushanara Ali spoke about Labour's plan. Labour’s record and Ali’s office.")

    assert mentions.parties == {known.labour.pk: 2}
    assert mentions.people == {known.rushanara.pk: 2}


def test_a_curly_apostrophe_in_a_name_matches_a_straight_one_in_the_text(db):
    person = make_person("Siobhan O’Brien", slug="siobhan-obrien")

    mentions = find("Siobhan O'Brien won. Ms O’Brien thanked voters.")

    assert mentions.people == {person.pk: 2}


# c. Line breaks and runs of whitespace inside names.


def test_line_breaks_and_runs_of_spaces_inside_names_still_match(known):
    mentions = find("Rushanara\nAli is the candidate in Bethnal  Green\n  and Stepney.")

    assert mentions.people == {known.rushanara.pk: 1}
    assert mentions.constituencies == {known.stepney.pk: 1}


# d. A trailing "Party" also matches "party".


def test_an_alias_ending_in_party_matches_a_small_party(known):
    mentions = find("She joined the Workers party, then the Aspire party.")

    assert mentions.parties == {known.workers.pk: 1, known.aspire.pk: 1}


def test_only_the_trailing_party_may_be_lower_case(known):
    assert find("the workers party and the workers Party").parties == {}


# e. Common-word aliases only count when used as a name.


def test_green_in_a_place_name_is_not_the_green_party(known):
    mentions = find("From Bethnal Green station to Hall Green and Stepney Green ward.")

    assert mentions.parties == {}
    assert mentions.constituencies == {known.hall_green.pk: 1, known.stepney_green.pk: 1}


def test_a_capitalised_common_word_mid_sentence_is_the_party(known):
    mentions = find("‘People might vote Green, or for another independent.’ Many backed Reform.")

    assert mentions.parties == {known.green.pk: 1, known.reform.pk: 1}


def test_a_lower_case_common_word_never_matches(known):
    assert find("In this respect the reform was a green light.").parties == {}


@pytest.mark.parametrize(
    "text",
    [
        "Respect for the law matters.",
        "It rained. Reform came later.",
        "He said: Aspire higher.",
        "‘Green is good,’ he said.",
        "A heading\nGreen shoots in the economy",
    ],
)
def test_a_common_word_starting_a_sentence_or_line_is_not_the_party(known, text):
    assert find(text).parties == {}


@pytest.mark.parametrize("text", ["a Green MP said", "the Green Belt", "the Hackney Green"])
def test_a_common_word_beside_another_capitalised_word_is_not_the_party(known, text):
    assert find(text).parties == {}


# f. A place's name before a football club's word is the club.


@pytest.mark.parametrize(
    "text",
    ["Birmingham City won.", "fans of Derby County", "West Ham United's stadium", "Derby  FC"],
)
def test_a_place_name_before_a_club_word_is_the_club_not_the_place(db, text):
    for name in ("Birmingham", "Derby", "West Ham"):
        make_constituency(name, kind=Constituency.Kind.LOCAL_AUTHORITY)

    assert find(text).constituencies == {}


def test_a_place_name_before_a_club_word_starting_a_council_is_still_the_place(db):
    kent = make_constituency("Kent", kind=Constituency.Kind.LOCAL_AUTHORITY)
    birmingham = make_constituency(
        "Birmingham", kind=Constituency.Kind.LOCAL_AUTHORITY, aliases=["Birmingham City Council"]
    )

    mentions = find("Kent County Council and Birmingham City Council met in Birmingham.")

    assert mentions.constituencies == {kent.pk: 1, birmingham.pk: 2}


def test_a_place_name_before_an_ordinary_capitalised_word_is_still_the_place(known):
    mentions = find("Birmingham MPs met. Stepney Green Ward voted.")

    assert mentions.constituencies == {known.birmingham.pk: 1, known.stepney_green.pk: 1}


# g. Surnames count once the person is named in full.


def test_a_surname_counts_after_the_full_name(known):
    mentions = find("Oliver Cooper leads the group. Later, Cooper said no.")

    assert mentions.people == {known.cooper.pk: 2}


def test_a_surname_counts_even_before_the_full_name(known):
    mentions = find("Cooper said no. The group is led by Oliver Cooper.")

    assert mentions.people == {known.cooper.pk: 2}


def test_a_title_and_surname_count_as_a_mention(known):
    text = "Oliver Cooper spoke. Mr Cooper, Cllr Cooper, Councillor Cooper and Dr. Cooper agreed."

    assert find(text).people == {known.cooper.pk: 5}


def test_a_surname_of_two_words_is_matched_whole(known):
    mentions = find("Ali Hassan Ali quit. Mr Hassan Ali said the party was toxic.")

    assert mentions.people == {known.hassan_ali.pk: 2}


def test_a_surname_shared_by_two_people_named_in_full_counts_for_neither(known):
    mentions = find("Rushanara Ali met Tahir Ali. Ali said it went well.")

    assert mentions.people == {known.rushanara.pk: 1, known.tahir.pk: 1}


def test_a_surname_never_links_someone_the_text_did_not_name_in_full(known):
    assert find("Mr Ali said it went well. Cooper agreed.").people == {}


def test_a_longer_surname_is_never_read_as_a_shorter_one_inside_it(known):
    mentions = find("Rushanara Ali met Mr Hassan Ali.")

    # Hassan Ali is not named in full, so his surname links nobody, not Rushanara Ali.
    assert mentions.people == {known.rushanara.pk: 1}


def test_a_bare_surname_after_the_is_not_the_person(known):
    mentions = find("Oona King voted on the King's Speech. King said so.")

    assert mentions.people == {known.king.pk: 2}


def test_a_bare_surname_after_someone_elses_first_name_is_not_the_person(db):
    andrew = make_person("Andrew Wood")

    mentions = find("Andrew Wood met Cllr Sarah Wood and Sarah Wood's aide. Mr Wood left.")

    assert mentions.people == {andrew.pk: 2}


@pytest.mark.parametrize(
    "text",
    [
        "Rushanara Ali won. But Ali said little.",
        "Rushanara Ali won; Labour's Ali said little.",
        "Rushanara Ali won, and the Labour MP Ali said little.",
        "Rushanara Ali won. Ms Ali said little.",
    ],
)
def test_a_bare_surname_after_a_sentence_opener_possessive_capitals_or_title_counts(known, text):
    assert find(text).people == {known.rushanara.pk: 2}


# What the linker knows, for articles.suggestions.


def test_the_linker_knows_names_aliases_surnames_and_names_holding_a_party_or_place(known):
    linker = EntityLinker.from_database()

    assert linker.knows("Rushanara Ali")
    assert linker.knows("Hassan Ali")  # a surname
    assert linker.knows("Tory")
    assert linker.knows("Labour Jane")  # holds a party's name
    assert not linker.knows("Jane Smithson")
    assert not linker.knows("Sian Green")  # a common word beside a name is not the party


# Building the linker.


def test_from_database_costs_a_fixed_number_of_queries(known, django_assert_max_num_queries):
    for number in range(20):
        make_person(f"Extra Person{number}")
        make_party(f"Extra Party {number}")
        make_constituency(f"Extra Place {number}")

    with django_assert_max_num_queries(3):
        linker = EntityLinker.from_database()

    assert linker.find_mentions("Extra Person7 of the Extra Party 3").people


def test_finding_mentions_needs_no_queries(known, django_assert_num_queries):
    linker = EntityLinker.from_database()

    with django_assert_num_queries(0):
        mentions = linker.find_mentions("Oliver Cooper of the Tories. Cooper said.")

    assert mentions.people == {known.cooper.pk: 2}


def test_a_linker_with_no_entities_finds_nothing(db):
    assert find("Labour won in Birmingham.") == Mentions()


# The text an article is linked from.


def test_markdown_to_text_keeps_words_and_drops_addresses_markup_and_markers():
    body = (
        "[[picture:2]]\n\n"
        "# A heading\n\n"
        "Read [the story](https://example.com/Tory-story) and "
        '![a photo](/images/Labour.jpg "Labour") and <span class="Green">this</span>.\n\n'
        "One \\[pro-Palestinian\\] figure &amp; https://example.com/Reform more.\n\n"
        "[ref]: https://example.com/Tories"
    )

    text = markdown_to_text(body)

    assert "picture" not in text
    assert "Read the story and a photo and  this ." in text
    assert "One [pro-Palestinian] figure &" in text
    for hidden in ("Tory", "Labour", "Green", "Reform", "Tories", "#"):
        assert hidden not in text


@pytest.mark.django_db
def test_link_article_writes_automatic_links_with_mention_counts(known):
    article = make_article(
        title="Labour holds Bethnal Green and Stepney",
        standfirst="Rushanara Ali keeps her seat.",
        body="Ali thanked voters. Labour’s vote held up.",
    )

    EntityLinker.from_database().link_article(article)

    assert list(article.person_links.values_list("person", "mentions", "origin")) == [
        (known.rushanara.pk, 2, AUTO)
    ]
    assert list(article.party_links.values_list("party", "mentions", "origin")) == [
        (known.labour.pk, 2, AUTO)
    ]
    assert list(article.constituency_links.values_list("constituency", "mentions", "origin")) == [
        (known.stepney.pk, 1, AUTO)
    ]


@pytest.mark.django_db
def test_link_article_reads_picture_captions(known):
    article = make_article(title="A quiet day", standfirst="", body="Nothing happened.")
    Picture.objects.create(article=article, position=1, caption="Oliver Cooper, the leader")

    EntityLinker.from_database().link_article(article)

    assert list(article.people.all()) == [known.cooper]


@pytest.mark.django_db
def test_link_article_never_links_the_byline(known):
    author = make_person("Isabelle Stanley")
    article = make_article(title="A quiet day", body="Nothing happened.", byline=author.name)

    mentions = EntityLinker.from_database().link_article(article)

    assert mentions.people == {}
    assert not article.people.exists()


@pytest.mark.django_db
def test_link_article_ignores_names_in_link_addresses_and_tags(known):
    article = make_article(
        title="A quiet day",
        standfirst="",
        body='See [this](https://example.com/Labour) and <a title="Tory">that</a>.',
    )

    EntityLinker.from_database().link_article(article)

    assert not article.parties.exists()


@pytest.mark.django_db
def test_relinking_replaces_the_previous_automatic_links(known):
    article = make_article(title="Labour and Labour again", standfirst="", body="")
    linker = EntityLinker.from_database()
    linker.link_article(article)

    article.title = "The Tories"
    article.save()
    linker.link_article(article)

    assert list(article.party_links.values_list("party", "mentions", "origin")) == [
        (known.conservative.pk, 1, AUTO)
    ]


@pytest.mark.django_db
def test_editor_links_are_kept_and_never_duplicated(known):
    article = make_article(title="Labour and the Tories", standfirst="", body="")
    ArticleParty.objects.create(article=article, party=known.labour, mentions=9, origin=EDITOR)
    ArticleParty.objects.create(article=article, party=known.green, mentions=1, origin=EDITOR)

    EntityLinker.from_database().link_article(article)

    assert set(article.party_links.values_list("party", "mentions", "origin")) == {
        (known.labour.pk, 9, EDITOR),
        (known.green.pk, 1, EDITOR),
        (known.conservative.pk, 1, AUTO),
    }


@pytest.mark.django_db
def test_a_curated_article_keeps_its_links_exactly(known):
    article = make_article(
        title="Labour and Oliver Cooper", standfirst="", body="", links_curated=True
    )
    ArticleParty.objects.create(article=article, party=known.reform, mentions=3, origin=AUTO)
    ArticlePerson.objects.create(article=article, person=known.king, mentions=1, origin=EDITOR)

    mentions = EntityLinker.from_database().link_article(article)

    assert mentions.parties == {known.labour.pk: 1}
    assert list(article.party_links.values_list("party", "mentions", "origin")) == [
        (known.reform.pk, 3, AUTO)
    ]
    assert list(article.people.all()) == [known.king]
    assert not ArticleConstituency.objects.filter(article=article).exists()
