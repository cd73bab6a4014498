import hashlib
import os
from pathlib import Path

import pytest

from articles.importers.base import DocumentError
from articles.importers.documents import SourceFile, find_documents, read_document, read_text


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "file is empty"),
        (b"  \n\n \t\n", "file is empty"),
        (b"Title\x00\x01\x02", "binary"),
        (b"Caf\xe9 headline\n", r"not UTF-8 text \(byte 0xe9 at offset 3\)"),
        (b"x" * 101, "101 bytes; the import limit is 100 bytes"),
    ],
)
def test_files_that_are_not_stories_are_refused_with_a_reason(raw, message):
    with pytest.raises(DocumentError, match=message):
        read_text(raw, max_bytes=100)


def test_text_is_decoded_with_bom_and_windows_line_endings_removed():
    assert read_text("\ufeffHeadline\r\nBody\r".encode(), max_bytes=100) == "Headline\nBody\n"


def test_folders_are_searched_for_story_files_in_a_stable_order(tmp_path: Path):
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "picture.jpg").write_bytes(b"x")
    (tmp_path / ".hidden.md").write_text("x")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "c.markdown").write_text("x")
    found = find_documents([tmp_path])
    assert [source.relative for source in found] == ["a.txt", "b.md", "nested/c.markdown"]
    assert [source.path for source in found] == [
        tmp_path / "a.txt",
        tmp_path / "b.md",
        tmp_path / "nested" / "c.markdown",
    ]


def test_a_file_named_directly_is_imported_whatever_its_extension(tmp_path: Path):
    story = tmp_path / "story.copy"
    story.write_text("x")
    assert find_documents([story, story]) == [SourceFile(story, "story.copy")]


def test_a_missing_path_is_reported(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="No such file or folder"):
        find_documents([tmp_path / "nope"])


def test_a_bom_with_nothing_after_it_is_an_empty_file():
    with pytest.raises(DocumentError, match="file is empty"):
        read_text(b"\xef\xbb\xbf \n", max_bytes=100)


STORY = "---\ntitle: T\ndate: 2024-01-01\n---\nBody\n"


def write(path: Path, text: str = STORY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_files_in_folders_are_named_by_their_path_inside_the_folder_imported(tmp_path: Path):
    write(tmp_path / "desk_a" / "story.md")
    write(tmp_path / "desk_b" / "story.md")
    write(tmp_path / "top.md")
    documents = [read_document(source) for source in find_documents([tmp_path])]
    assert [(d.source_name, d.former_name) for d in documents] == [
        ("desk_a/story.md", "story.md"),
        ("desk_b/story.md", "story.md"),
        ("top.md", ""),
    ]


def test_a_file_named_on_its_own_is_named_by_its_file_name(tmp_path: Path):
    story = write(tmp_path / "desk" / "story.md")
    assert read_document(story).source_name == "story.md"
    assert read_document(find_documents([story])[0]).source_name == "story.md"


@pytest.mark.parametrize(
    "front_matter, source_name",
    [
        ("id: wp-1234", "id:wp-1234"),
        ("id: 1234", "id:1234"),
        ('id: "  spaced\\x07 "', "id:spaced"),
        ("id: ''", "desk/story.md"),
        ("video: said", "desk/story.md"),  # "id" in the text, no id field
        ("meta:\n  id: 5", "desk/story.md"),  # not the story's own
        ("'id': quoted", "id:quoted"),
    ],
)
def test_an_id_in_front_matter_names_the_source_wherever_the_file_is(
    tmp_path: Path, front_matter, source_name
):
    write(tmp_path / "desk" / "story.md", f"---\ntitle: T\n{front_matter}\n---\nBody\n")
    [source] = find_documents([tmp_path])
    assert read_document(source).source_name == source_name


@pytest.mark.parametrize(
    "front_matter, message",
    [("id: [1]", "id must be text or a number"), (f"id: {'x' * 201}", "id is longer than 200")],
)
def test_an_unusable_id_is_refused(tmp_path: Path, front_matter, message):
    path = write(tmp_path / "story.md", f"---\ntitle: T\n{front_matter}\n---\nBody\n")
    with pytest.raises(DocumentError, match=message):
        read_document(path)


def test_the_source_hash_is_of_the_bytes_and_the_text_is_decoded(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    document = read_document(path)
    assert document.source_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.text == STORY


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path, settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.txt"
    path.write_bytes(b"Headline\n\n" + b"x" * 5000)
    with pytest.raises(DocumentError, match="file is 5,010 bytes; the import limit is 1,000"):
        read_document(path)


def test_a_file_whose_name_is_not_utf8_is_refused(tmp_path: Path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.md"), "wb") as handle:
        handle.write(STORY.encode())
    [source] = find_documents([tmp_path])
    with pytest.raises(DocumentError, match="name is not UTF-8"):
        read_document(source)


def test_a_path_too_long_to_store_is_refused(tmp_path: Path):
    deep = tmp_path
    for _ in range(6):
        deep = deep / ("d" * 90)
    write(deep / "story.md")
    [source] = find_documents([tmp_path])
    with pytest.raises(DocumentError, match="longer than 500 characters"):
        read_document(source)


def test_hidden_folders_inside_the_import_are_skipped_but_the_import_may_sit_in_one(
    tmp_path: Path,
):
    root = tmp_path / ".cache" / "stories"
    write(root / "a.md")
    write(root / ".drafts" / "b.md")
    assert [source.relative for source in find_documents([root])] == ["a.md"]
