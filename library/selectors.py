"""Reads for the signal library: the listing with its filters, one signal, the pocket card."""

from dataclasses import dataclass

from django.db.models import F

from website.models import Sector
from website.translation import in_active_locale

from .models import Signal


@dataclass(frozen=True)
class SignalListing:
    signals: list
    total: int

    def by_kind(self) -> list[tuple[str, list]]:
        groups = [
            (label, [s for s in self.signals if s.kind == kind])
            for kind, label in Signal.Kind.choices
        ]
        return [(label, signals) for label, signals in groups if signals]


def signal_library_listing(*, form) -> SignalListing:
    # The signals in the reader's language, and the Dutch ones nobody translated yet.
    signals = in_active_locale(Signal.objects.prefetch_related("sectors")).order_by("kind", "title")
    if form is not None and form.is_valid():
        data = form.cleaned_data
        if data.get("sector"):
            signals = signals.filter(sectors=data["sector"])
        if data.get("phase"):
            signals = signals.filter(phase=data["phase"])
        if data.get("category"):
            signals = signals.filter(category=data["category"])
        if data.get("kind"):
            signals = signals.filter(kind=data["kind"])
    signals = list(signals)
    return SignalListing(signals=signals, total=len(signals))


def signal_for_detail(*, slug: str) -> Signal | None:
    return in_active_locale(Signal.objects.prefetch_related("sectors").filter(slug=slug)).first()


def signals_for_pocket_card(*, sector: Sector) -> list[Signal]:
    return list(
        in_active_locale(Signal.objects.filter(sectors=sector)).order_by(
            F("kind").desc(), "category", "phase", "title"
        )
    )
