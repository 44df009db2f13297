"""What the restore drill puts in a database and reads back from it.

Run in a fresh process whose DATABASE_URL and MEDIA_ROOT name the database and media under
test (`python -c "...; drill_data.main()" fill|census|verify`); each prints one JSON object.
"""

import hashlib
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail_factories import ImageFactory

from courses.models import Certificate
from courses.selectors import certificate_for_code
from tests.factories import (
    AssessedLessonPageFactory,
    AssignmentFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    complete_course,
)
from website.models import HomePage

LEARNERS = 6
COMPLETING = 4


def fill() -> dict:
    """Migrate, then a site with a module, an organisation whose learners enrol and earn
    certificates, and an uploaded image."""
    call_command("migrate", verbosity=0)
    home = HomePage(title="Signaal", slug="signaal-drill")
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home), slug="basis", title="Basis"
    )
    LessonPageFactory(parent=course, slug="les-1")
    AssessedLessonPageFactory(parent=course, slug="les-2")
    lessons = list(course.get_children().specific().order_by("path"))
    organisation = OrganisationFactory(slug="school")
    ManagerFactory(organisation=organisation)
    AssignmentFactory(organisation=organisation, course=course)
    for membership in MembershipFactory.create_learners(organisation, LEARNERS)[:COMPLETING]:
        complete_course(membership.user, lessons, course)
    ImageFactory(title="Poster")
    return census()


def census() -> dict:
    """Rows per table, the certificates and the media files with their checksums."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            tables[table] = cursor.fetchone()[0]
    media_root = Path(settings.MEDIA_ROOT)
    media = {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }
    images = [image.file.name for image in get_image_model().objects.all()]
    return {
        "tables": tables,
        "certificates": sorted(
            Certificate.objects.values_list("code", "learner_name", "course__title")
        ),
        "media": media,
        "images_on_storage": [name for name in images if default_storage.exists(name)],
        "images": images,
    }


def verify(codes: list[str]) -> dict:
    """Each certificate code as anyone checks it: the public page and its status; then a
    new learner, to show the restored sequences hand out fresh keys."""
    client = Client(HTTP_HOST="localhost")
    results = {}
    for code in codes:
        certificate = certificate_for_code(code=code)
        response = client.get(reverse("courses:certificate_verify", args=[code]))
        results[code] = {
            "status": certificate.status() if certificate else None,
            "page": response.status_code,
            "name_on_page": bool(certificate)
            and certificate.learner_name in response.content.decode(),
        }
    newest = max(UserFactory._meta.model.objects.values_list("pk", flat=True))
    new_user = UserFactory(email="na-herstel@example.org")
    return {"certificates": results, "new_key_is_fresh": new_user.pk > newest}


def main() -> None:
    command = sys.argv[1]
    if command == "fill":
        result = fill()
    elif command == "census":
        result = census()
    else:
        result = verify(json.loads(sys.argv[2]))
    print(json.dumps(result))
