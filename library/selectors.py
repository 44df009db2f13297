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


def signals_in_locale(signals: list[Signal], *, locale_id: int | None) -> list[Signal]:
    """The same signals, in the order given, each in the locale's translation where it has
    one: a card on an English lesson shows the English signal (one query for the list)."""
    if locale_id is None or all(signal.locale_id == locale_id for signal in signals):
        return signals
    translated = {
        signal.translation_key: signal
        for signal in Signal.objects.filter(
            locale_id=locale_id, translation_key__in=[signal.translation_key for signal in signals]
        )
    }
    return [translated.get(signal.translation_key, signal) for signal in signals]
