"""The progress count long commands draw on the terminal (`articles.progress`)."""

from io import StringIO

from articles.progress import Progress


class Clock:
    """Time that moves only when a test says so."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def shown(stream: StringIO) -> str:
    """What a terminal would show now: the text after the last carriage return."""
    return stream.getvalue().rsplit("\r", 1)[-1].rstrip()


def test_the_count_reads_done_of_total_with_the_share_done():
    stream = StringIO()
    progress = Progress(1200, stream=stream, label="Importing", unit="file", interval=0)

    progress.update(300)

    assert shown(stream) == "Importing 300/1,200 files (25%)"


def test_the_count_is_redrawn_at_most_once_an_interval_but_always_at_the_end():
    stream, clock = StringIO(), Clock()
    progress = Progress(10, stream=stream, label="Importing", unit="file", clock=clock)

    progress.update(1)
    progress.update(1)
    assert shown(stream) == "Importing 0/10 files (0%)"
    clock.now = 0.2
    progress.update(1)
    assert shown(stream) == "Importing 3/10 files (30%)"
    progress.update(7)
    assert shown(stream) == "Importing 10/10 files (100%)"


def test_a_message_gets_a_line_of_its_own_and_the_count_comes_back_below_it():
    stream = StringIO()
    progress = Progress(2, stream=stream, label="Importing", unit="file")
    progress.update(1)

    progress.write("FAILED story.md: no title")

    lines = stream.getvalue().split("\n")
    assert lines[0].rsplit("\r", 1)[-1] == "FAILED story.md: no title"
    assert shown(stream) == "Importing 1/2 files (50%)"


def test_a_message_for_another_stream_goes_there():
    terminal, log = StringIO(), StringIO()
    progress = Progress(2, stream=terminal, label="Importing", unit="file")

    progress.write("SKIPPED story.md", log)

    assert log.getvalue() == "SKIPPED story.md\n"
    assert "SKIPPED" not in terminal.getvalue()


def test_a_shorter_count_covers_the_longer_one_it_replaces():
    stream = StringIO()
    progress = Progress(1, stream=stream, label="Importing a great many", unit="file")
    progress.label = "Done"

    progress.update(1)

    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert len(last) == len("Importing a great many 0/1 file (0%)")
    assert last.rstrip() == "Done 1/1 file (100%)"


def test_closing_wipes_the_count():
    stream = StringIO()
    progress = Progress(3, stream=stream, label="Importing", unit="file")
    progress.update(3)

    progress.close()

    assert shown(stream) == ""
