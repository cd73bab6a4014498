from pathlib import Path

import pytest

from articles.importers.base import DocumentError
from articles.importers.documents import find_documents, read_text


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
    names = [path.name for path in find_documents([tmp_path])]
    assert names == ["a.txt", "b.md", "c.markdown"]


def test_a_file_named_directly_is_imported_whatever_its_extension(tmp_path: Path):
    story = tmp_path / "story.copy"
    story.write_text("x")
    assert find_documents([story, story]) == [story]


def test_a_missing_path_is_reported(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="No such file or folder"):
        find_documents([tmp_path / "nope"])
