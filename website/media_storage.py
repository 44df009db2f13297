"""Where uploaded files (Wagtail's images and documents) are kept, read from the environment.

Every upload goes through Django's storage API, so an app server never assumes a file is on
its own disk. By default that is a directory (`MEDIA_ROOT`), which several app servers share
as a mounted volume; with `AWS_STORAGE_BUCKET_NAME` set, S3-compatible object storage
through django-storages (Amazon S3, MinIO, Ceph, the object storage of Dutch hosts).
docs/operations.md lists the variables.
"""

from collections.abc import Mapping

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"

# Environment variable -> option of django-storages' S3Storage. The keys (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY) stay out of the settings: boto3 reads them from the environment
# itself, or takes the machine's role.
S3_TEXT_OPTIONS = {
    "AWS_S3_ENDPOINT_URL": "endpoint_url",
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_S3_CUSTOM_DOMAIN": "custom_domain",
    "AWS_S3_ADDRESSING_STYLE": "addressing_style",
    "AWS_S3_SIGNATURE_VERSION": "signature_version",
    "AWS_LOCATION": "location",
    "AWS_DEFAULT_ACL": "default_acl",
}
TRUE = {"1", "true", "yes", "on"}


def media_storage(environ: Mapping[str, str]) -> dict:
    """The STORAGES["default"] entry for this environment."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": FILE_SYSTEM}
    options = {
        "bucket_name": bucket,
        # As on disk: a second upload of the same name gets a new name, never replaces it.
        "file_overwrite": False,
        # Image addresses end up in pages and lesson blocks that are kept for as long as the
        # content does not change, longer than a signed address stays valid; so media
        # addresses are plain, as /media/ is on disk, and the bucket (or the part of it under
        # AWS_LOCATION) must allow reading. Private documents still go through Wagtail's own
        # view, which checks who asks (WAGTAILDOCS_SERVE_METHOD in settings).
        "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH", "").strip().lower() in TRUE,
    }
    for variable, option in S3_TEXT_OPTIONS.items():
        value = environ.get(variable, "").strip()
        if value:
            options[option] = value
    return {"BACKEND": S3, "OPTIONS": options}


def uses_object_storage(storage: dict) -> bool:
    return storage["BACKEND"] == S3
