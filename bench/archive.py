"""Newsroom archives of any size, quickly: story files for the importer, or a whole database.

    .venv/bin/python bench/archive.py files --count N --out DIR
    .venv/bin/python bench/archive.py build --size N --database-url URL

`files` writes N stories in the importer's three formats (front-matter markdown and the
two plain-text copy styles), made from the seed stories' paragraphs, for timing
`import_seeds`. `build` migrates the database at URL, imports the seed stories (which
also loads the reference people, parties and places), then adds N published stories
with bulk inserts, linked and tagged as the importer would have done, and prints, as
its last line, a JSON object of sample paths for the benchmark to time.

Stories are made the way a newsroom makes them: 25 paragraphs each, eight sections,
fifty tags plus "elections" on every story, about thirty stories a day going back from
now, so 1,000 stories span a month and 100,000 span nine years. The same size always
gives the same archive.
"""

import argparse
import json
import os
import random
import sys
from collections import Counter
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
PARAGRAPHS_PER_STORY = 25
STORIES_PER_DAY = 30
SECTIONS = [
    "Politics",
    "Elections",
    "Councils",
    "Westminster",
    "London",
    "Midlands",
    "North",
    "Opinion",
]
TAGS = [f"topic {number}" for number in range(1, 51)]
BYLINES = ["Amira Khan", "Tom Ellis", "Grace Okafor", "Luis Ortega", "Priya Nair", "Sam Whitfield"]
HEADLINE_WORDS = [
    "council",
    "candidate",
    "defection",
    "ballot",
    "mayor",
    "budget",
    "hustings",
    "recount",
    "selection",
    "turnout",
    "manifesto",
    "by-election",
    "cabinet",
    "whip",
    "ward",
    "poll",
]
# One story carries this word in its headline, so a search can find exactly one story.
RARE_WORD = "Zebedee"
BATCH = 500


def setup_django(database_url: str | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_HASHED_STATIC", "0")
    import django

    django.setup()


def seed_paragraphs() -> list[str]:
    """Every body paragraph of the seed stories, read by the importer's own parsers."""
    from articles.importers import parse_document

    paragraphs = []
    for path in sorted(SEEDS.iterdir()):
        body = parse_document(path).body
        paragraphs.extend(
            block.strip()
            for block in body.split("\n\n")
            if len(block.strip()) > 80 and "[[picture:" not in block
        )
    return paragraphs


def headline(rng: random.Random, number: int) -> str:
    words = rng.sample(HEADLINE_WORDS, 3)
    return f"{words[0].capitalize()} row as {words[1]} meets {words[2]}, report {number}"


def story_time(number: int, *, newest: datetime) -> datetime:
    return newest - timedelta(days=number / STORIES_PER_DAY)


# --- Files for the importer -----------------------------------------------------------


def write_files(count: int, out: Path) -> None:
    """`count` story files in the three formats the importer reads, in turn."""
    from django.utils import timezone

    rng = random.Random(count)
    paragraphs = seed_paragraphs()
    newest = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    out.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        title = headline(rng, number)
        body = "\n\n".join(rng.choices(paragraphs, k=PARAGRAPHS_PER_STORY))
        when = timezone.localtime(story_time(number, newest=newest))
        byline = rng.choice(BYLINES)
        standfirst = f"What the {rng.choice(HEADLINE_WORDS)} means for the borough"
        match number % 3:
            case 0:
                tags = ", ".join(json.dumps(tag) for tag in ["elections", *rng.sample(TAGS, 2)])
                text = (
                    f"---\ntitle: {json.dumps(title)}\ndate: {when.isoformat()}\n"
                    f"author: {byline}\nsection: {rng.choice(SECTIONS)}\ntags: [{tags}]\n"
                    f"summary: {json.dumps(standfirst)}\n---\n\n{body}\n"
                )
                name = f"story-{number:06d}.md"
            case 1:
                dateline = f"{when:%A}, {when.day}th {when:%B %Y} — By {byline}"
                text = f"{title}\n\n{standfirst}\n\n{dateline}\n\n\n{body}\n"
                name = f"story-{number:06d}.txt"
            case _:
                caption = f"{standfirst} -Credit:{byline}/Agency"
                dateline = f"{when:%A}, {when.day}th {when:%B %Y} — By {byline}"
                text = f"{title}\n\n{standfirst}\n{caption}\n\n{dateline}\n\n{body}\n"
                name = f"story-{number:06d}.txt"
        (out / name).write_text(text, encoding="utf-8")


# --- A whole archive in the database --------------------------------------------------


class MentionCache:
    """The linker's counts per paragraph, worked out once: stories reuse paragraphs."""

    def __init__(self):
        from articles.linking import EntityLinker

        self.linker = EntityLinker.from_database()
        self.cache: dict[str, object] = {}

    def story(self, title: str, paragraphs: list[str]):
        total = {"people": Counter(), "parties": Counter(), "constituencies": Counter()}
        for text in [title, *paragraphs]:
            if text not in self.cache:
                self.cache[text] = self.linker.find_mentions(text)
            found = self.cache[text]
            for kind, counter in total.items():
                counter.update(getattr(found, kind))
        return total


def build(size: int, database_url: str) -> dict:
    setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_seeds", stdout=StringIO(), stderr=StringIO(), no_progress=True)
    add_stories(size)
    finish(database_url)
    return sample_paths()


def add_stories(size: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Article,
        ArticleConstituency,
        ArticleParty,
        ArticlePerson,
        EntityLink,
        Section,
    )

    rng = random.Random(size)
    paragraphs = seed_paragraphs()
    mentions = MentionCache()
    sections = [
        Section.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in SECTIONS
    ]
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TAGS
    ]
    elections = Tag.objects.get_or_create(name="elections", defaults={"slug": "elections"})[0]
    article_type = ContentType.objects.get_for_model(Article)
    newest = timezone.now() - timedelta(hours=1)
    link_models = {
        "people": (ArticlePerson, "person_id"),
        "parties": (ArticleParty, "party_id"),
        "constituencies": (ArticleConstituency, "constituency_id"),
    }

    for start in range(0, size, BATCH):
        numbers = range(start, min(size, start + BATCH))
        drafts = []
        found = []
        for number in numbers:
            title = headline(rng, number)
            if number == size // 2:
                title = f"{RARE_WORD} {title}"
            chosen = rng.choices(paragraphs, k=PARAGRAPHS_PER_STORY)
            found.append(mentions.story(title, chosen))
            when = story_time(number, newest=newest)
            drafts.append(
                Article(
                    title=title,
                    slug=f"{slugify(title)}-{number}",
                    standfirst=f"What the {rng.choice(HEADLINE_WORDS)} means for the borough",
                    body="\n\n".join(chosen),
                    byline=rng.choice(BYLINES),
                    section=rng.choice(sections),
                    status=Article.Status.PUBLISHED,
                    published_at=when,
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(drafts)
            TaggedItem.objects.bulk_create(
                TaggedItem(content_type=article_type, object_id=article.pk, tag=tag)
                for article in created
                for tag in [elections, *rng.sample(tags, 2)]
            )
            for kind, (model, field) in link_models.items():
                model.objects.bulk_create(
                    model(
                        article=article,
                        mentions=count,
                        origin=EntityLink.Origin.AUTOMATIC,
                        **{field: pk},
                    )
                    for article, story in zip(created, found, strict=True)
                    for pk, count in story[kind].items()
                )
        print(f"  {min(size, start + BATCH):,} of {size:,} stories", file=sys.stderr)


def finish(database_url: str) -> None:
    """What an import does at its end, and an operator after a bulk load: the coverage
    index, the search index's pending rows merged, planner statistics."""
    from django.core.management import call_command
    from django.db import connection

    from articles.search import settle_index

    call_command("rebuild_coverage", stdout=StringIO())
    settle_index()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def sample_paths() -> dict:
    """One of each public page, chosen as a reader would find them: the busiest ones."""
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article, Section
    from people.models import Constituency, Party, Person

    published = Article.objects.published()
    seed = published.filter(source_name__startswith="001_").first() or published.first()
    newest = published.order_by("-published_at").first()
    day = newest.published_at
    from django.utils import timezone

    local = timezone.localtime(day)

    def busiest(model):
        return model.objects.annotate(stories=Count("articles")).order_by("-stories", "pk").first()

    paths = {
        "front": "/",
        "article": seed.get_absolute_url(),
        "article_generated": published.filter(source_name="")
        .order_by("pk")
        .first()
        .get_absolute_url(),
        "section": busiest(Section).get_absolute_url(),
        "tag": f"/tag/{Tag.objects.get(name='elections').slug}/",
        "archive_day": f"/{local.year}/{local.month:02d}/{local.day:02d}/",
        "archive_month": f"/{local.year}/{local.month:02d}/",
        "person": busiest(Person).get_absolute_url(),
        "party": busiest(Party).get_absolute_url(),
        "constituency": busiest(Constituency).get_absolute_url(),
        "search_rare": f"/search/?q={RARE_WORD}",
        "search_common": "/search/?q=Galloway",
        "feed": "/feeds/rss/",
        "feed_person": f"/feeds/person/{busiest(Person).slug}/rss/",
        "sitemap": "/sitemap.xml",
        "sitemap_news": "/sitemap-news.xml",
    }
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    files = commands.add_parser("files", help="write story files for the importer")
    files.add_argument("--count", type=int, required=True)
    files.add_argument("--out", type=Path, required=True)
    archive = commands.add_parser("build", help="build a whole archive in a database")
    archive.add_argument("--size", type=int, required=True)
    archive.add_argument("--database-url", required=True)
    options = parser.parse_args()

    if options.command == "files":
        setup_django()
        write_files(options.count, options.out)
    else:
        print(json.dumps(build(options.size, options.database_url)))


if __name__ == "__main__":
    main()
