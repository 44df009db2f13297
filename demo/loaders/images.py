"""Demo images drawn here, so that the demo needs no downloaded or binary files."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def taxi_at_night() -> bytes:
    """A simple drawing of a yellow taxi in front of a house with a lit window, at night."""
    canvas = PillowImage.new("RGB", (960, 540), "#1d2b4a")
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 420, 960, 540), fill="#3a3a3a")
    draw.rectangle((560, 170, 860, 420), fill="#8c6b4f")
    draw.polygon([(540, 170), (710, 60), (880, 170)], fill="#5b3b2a")
    draw.rectangle((610, 230, 690, 300), fill="#f2d06b")
    draw.rectangle((740, 310, 800, 420), fill="#3b2a1e")
    draw.rounded_rectangle((110, 300, 470, 420), radius=30, fill="#f2b134")
    draw.rounded_rectangle((180, 240, 400, 310), radius=20, fill="#f2b134")
    draw.rectangle((200, 255, 285, 300), fill="#9cc3d5")
    draw.rectangle((295, 255, 380, 300), fill="#9cc3d5")
    draw.rectangle((250, 222, 330, 242), fill="#ffffff")
    draw.ellipse((150, 390, 230, 470), fill="#111111")
    draw.ellipse((350, 390, 430, 470), fill="#111111")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


DRAWINGS = {"taxi-at-night": taxi_at_night}


def images_ensure(images: list[dict]) -> dict:
    """The images by key; each is drawn and stored once, then found again by its title."""
    model = get_image_model()
    found = {}
    for image in images:
        existing = model.objects.filter(title=image["title"]).first()
        if existing is None:
            picture = DRAWINGS[image["drawing"]]()
            existing = model.objects.create(
                title=image["title"], file=ImageFile(io.BytesIO(picture), name=image["file"])
            )
        found[image["key"]] = existing
    return found
