"""How well the linker and the name suggestions do on a labelled set of stories.

tests/data/linking_set/ holds short stories in the seed formats (front matter markdown,
both plain-text styles) and labels.yaml, what a careful reader would link in each and
which names an editor should be asked about. Every story goes through the real import
(`import_batch`), with the reference data loaded. Precision and recall are printed
(`pytest -s` shows them); a link the labels do not expect fails the run, and recall
may not fall below what the set measured when this test was written.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from articles.importers.batches import import_batch
from articles.importers.documents import SourceFile, read_document
from articles.importers.saving import Action
from articles.linking import EntityLinker
from articles.models import Article
from people.models import Constituency, Party, Person
from people.reference import load_reference

pytestmark = pytest.mark.django_db

SET = Path(__file__).parent / "data" / "linking_set"
ENTITIES = settings.BASE_DIR / "fixtures" / "entities.yaml"
KINDS = ("people", "parties", "places")
# Measured on the set: links 82/83 found (98.8%; "Aspire councillors" opening a paragraph
# is missed by rule 3), suggestions 14/14, nothing wrong. Raise these as the linker improves.
LINK_RECALL_FLOOR = 0.98
SUGGESTION_PRECISION_FLOOR = 1.0
SUGGESTION_RECALL_FLOOR = 0.95


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    correct: int = 0

    def add(self, expected: set, found: set) -> None:
        self.expected += len(expected)
        self.found += len(found)
        self.correct += len(expected & found)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:6.1%} ({self.correct}/{self.found})  "
            f"recall {self.recall:6.1%} ({self.correct}/{self.expected})"
        )


def labels() -> dict:
    return yaml.safe_load((SET / "labels.yaml").read_text(encoding="utf-8"))


def linked(article: Article) -> dict[str, set[str]]:
    return {
        "people": set(article.people.values_list("slug", flat=True)),
        "parties": set(article.parties.values_list("slug", flat=True)),
        "places": set(article.constituencies.values_list("slug", flat=True)),
    }


@pytest.fixture
def imported() -> dict[str, Article]:
    """Every story of the set imported in one batch, by file name."""
    load_reference(ENTITIES)
    for person in labels()["extra_people"]:
        Person.objects.get_or_create(slug=person["slug"], defaults={"name": person["name"]})
    files = sorted(path for path in SET.iterdir() if path.name != "labels.yaml")
    outcomes = import_batch(files, linker=EntityLinker.from_database(), force=False)
    assert [outcome.action for outcome in outcomes] == [Action.CREATED] * len(files), outcomes
    return {
        path.name: Article.objects.imported_from(
            read_document(SourceFile.named(path)).source_name
        ).get()
        for path in files
    }


def test_the_labels_cover_every_story_and_name_only_known_entities(imported):
    stories = labels()["stories"]
    assert set(stories) == set(imported)
    assert len(stories) >= 20
    known = {
        "people": set(Person.objects.values_list("slug", flat=True)),
        "parties": set(Party.objects.values_list("slug", flat=True)),
        "places": set(Constituency.objects.values_list("slug", flat=True)),
    }
    for name, expected in stories.items():
        for kind in KINDS:
            assert set(expected[kind]) <= known[kind], (name, kind)


def test_linking_and_suggestions_on_the_labelled_set(imported):
    stories = labels()["stories"]
    scores = {kind: Score() for kind in (*KINDS, "links", "suggestions")}
    wrong, missed = [], []
    for name, article in sorted(imported.items()):
        expected, found = stories[name], linked(article)
        for kind in KINDS:
            want = set(expected[kind])
            scores[kind].add(want, found[kind])
            scores["links"].add(want, found[kind])
            wrong += [f"{name}: {kind} {slug}" for slug in sorted(found[kind] - want)]
            missed += [f"{name}: {kind} {slug}" for slug in sorted(want - found[kind])]
        suggested = set(article.suggestions.values_list("name", flat=True))
        want = set(expected["suggestions"])
        scores["suggestions"].add(want, suggested)
        wrong += [f"{name}: suggestion {who}" for who in sorted(suggested - want)]
        missed += [f"{name}: suggestion {who}" for who in sorted(want - suggested)]

    report = [f"Linking quality on {len(imported)} labelled stories"]
    report += [f"  {kind:<12} {score}" for kind, score in scores.items()]
    report += [
        f"  missed: {'; '.join(missed) or 'nothing'}",
        f"  wrong:  {'; '.join(wrong) or 'nothing'}",
    ]
    print("\n" + "\n".join(report))  # noqa: T201 - the figures are this test's output (-s)

    assert scores["links"].precision == 1.0, wrong
    assert scores["links"].recall >= LINK_RECALL_FLOOR, missed
    assert scores["suggestions"].precision >= SUGGESTION_PRECISION_FLOOR, wrong
    assert scores["suggestions"].recall >= SUGGESTION_RECALL_FLOOR, missed
