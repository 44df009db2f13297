"""Media go through Django's storage API: a shared directory, or S3-compatible object storage
selected by environment variables. No S3 server runs here: the tests check the selection and
what the storage would do, not a bucket."""

from tests.ops.conftest import DEPLOYMENT, run_django
from website.media_storage import FILE_SYSTEM, S3, media_storage

S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "signaal-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.nl-ams.example.com",
    "AWS_S3_REGION_NAME": "nl-ams",
    "AWS_LOCATION": "media",
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "geheim-sleutel",
}
STORAGE_PROBE = """
import json
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "class": type(default_storage).__name__,
    "location": str(getattr(default_storage, "location", "")),
    "bucket": getattr(default_storage, "bucket_name", None),
    "url": default_storage.url("original_images/poster.png"),
    "documents": getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None),
    "settings_text": repr(settings.STORAGES),
}))
"""


def test_without_a_bucket_media_go_to_the_shared_directory():
    assert media_storage({}) == {"BACKEND": FILE_SYSTEM}
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "  "}) == {"BACKEND": FILE_SYSTEM}


def test_a_bucket_selects_object_storage_with_its_options():
    storage = media_storage(S3_ENVIRONMENT)
    assert storage["BACKEND"] == S3
    assert storage["OPTIONS"] == {
        "bucket_name": "signaal-media",
        "endpoint_url": "https://s3.nl-ams.example.com",
        "region_name": "nl-ams",
        "location": "media",
        "file_overwrite": False,
        "querystring_auth": False,
    }


def test_signed_addresses_only_when_asked_for():
    storage = media_storage({**S3_ENVIRONMENT, "AWS_QUERYSTRING_AUTH": "1"})
    assert storage["OPTIONS"]["querystring_auth"] is True


def test_the_production_site_stores_media_in_the_directory_it_is_given(tmp_path):
    result = run_django(
        STORAGE_PROBE,
        settings="website.settings.production",
        MEDIA_ROOT=str(tmp_path / "shared"),
        **DEPLOYMENT,
    )
    assert result["class"] == "FileSystemStorage"
    assert result["location"] == str(tmp_path / "shared")
    assert result["url"] == "/media/original_images/poster.png"
    assert result["documents"] is None


def test_the_production_site_stores_media_in_the_bucket_it_is_given():
    result = run_django(
        STORAGE_PROBE, settings="website.settings.production", **DEPLOYMENT, **S3_ENVIRONMENT
    )
    assert result["class"] == "S3Storage"
    assert result["bucket"] == "signaal-media"
    assert result["url"] == (
        "https://s3.nl-ams.example.com/signaal-media/media/original_images/poster.png"
    )
    assert result["documents"] == "serve_view"
    # The keys stay in the environment, for boto3, and out of the settings.
    assert "geheim-sleutel" not in result["settings_text"]
