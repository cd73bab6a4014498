import pytest

from tests.factories import make_constituency, make_party, make_person


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
    """One person, party and constituency; test modules that need more define their own."""
    return {
        "person": make_person("Ali Hassan Ali"),
        "party": make_party("Labour Party", slug="labour"),
        "constituency": make_constituency("West Hampstead", kind="ward"),
    }
