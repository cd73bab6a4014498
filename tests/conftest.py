import pytest

from tests.browser.chromium import CHROMIUM, REQUIRE_BROWSER
from tests.factories import (
    PartyMembershipFactory,
    StaffFactory,
    make_constituency,
    make_party,
    make_person,
)
from tests.workflow.helpers import logged_in

SKIPPED_BROWSER_TESTS = pytest.StashKey[int]()


def pytest_collection_modifyitems(config, items):
    """Without Chromium, leave the browser tests out and say so once, at the end."""
    if CHROMIUM.exists() or REQUIRE_BROWSER:
        return
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if browser_tests:
        items[:] = [item for item in items if not item.get_closest_marker("browser")]
        config.hook.pytest_deselected(items=browser_tests)
        config.stash[SKIPPED_BROWSER_TESTS] = len(browser_tests)


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(SKIPPED_BROWSER_TESTS, 0)
    if skipped:
        terminalreporter.write_line(
            f"SKIPPED {skipped} browser tests: no {CHROMIUM} on this machine "
            "(`apt-get install -y chromium` runs them; CI requires them)",
            yellow=True,
        )


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Pages are rendered afresh in tests; tests/test_page_cache.py turns the cache on."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def no_rendition_job_outlives_its_test():
    """A picture saved in one test has its renditions made before the next test begins.

    Otherwise the background worker could still be reading a table while the next
    test writes it, which the in-memory test database refuses outright.
    """
    yield
    from articles import rendition_queue

    assert rendition_queue.wait_until_idle(60), "the rendition worker never finished"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests log many users in; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded and imported files go to a throwaway folder, never the real media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def entities():
    """A person, the party they belong to and the ward they stand in, inside its borough.

    The borough is not in the dict: it is there so that the ward's page has a parent.
    """
    borough = make_constituency("Camden", kind="local_authority")
    membership = PartyMembershipFactory(
        person=make_person("Ali Hassan Ali"),
        party=make_party("Labour Party", slug="labour", colour="#E4003B"),
        role="Member",
    )
    return {
        "person": membership.person,
        "party": membership.party,
        "constituency": make_constituency("West Hampstead", kind="ward", parent=borough),
    }


# A reporter and an editor, in the groups migration 0004 makes.
@pytest.fixture
def reporter():
    return StaffFactory(username="rita", group="Reporter", first_name="Rita", last_name="Ng")


@pytest.fixture
def editor():
    return StaffFactory(username="ed", group="Editor", first_name="Ed", last_name="Mills")


@pytest.fixture
def reporter_client(reporter):
    return logged_in(reporter)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)
