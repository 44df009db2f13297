"""The signal taxonomy."""

import factory

from library.models import Signal


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"signaal-{n}")
    title = factory.LazyAttribute(lambda signal: signal.slug.replace("-", " ").capitalize())
    category = Signal.Category.VICTIM
    summary = "Een korte samenvatting."
