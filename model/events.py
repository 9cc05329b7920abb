"""Event records of a document, built from its spans and relations by deterministic rules.

    from model.events import attach_events
    attach_events(doc)        # doc.extra["events"], doc.extra["non_events"]; publication date from doc.meta["date"]

One record per real event (mentions merged across headline, lead and body: `model.merge`), with its date
(`model.dates`), place and country (`model.places`), actors, sources, and the killed / wounded / captured counts
(`model.numbers`, `model.records`). The record format is documented in annotations/GUIDELINES.md (event section);
`python -m training.evaluate_events` scores records against annotations/events.jsonl. Trigger spans that name no
real event (a ceasefire, a negated, planned or hypothetical action: `model.factuality`) make no record; `non_events`
lists them with the reason.
"""
from __future__ import annotations

from datetime import date

from .dates import publication_date
from .document import Document
from .factuality import non_events
from .records import build_records
from .schema import SCHEMA


def build_events(doc: Document, trigger_labels: tuple[str, ...] | None = None,
                 publication: date | str | None = None) -> list[dict]:
    """Event records for `doc`. `publication` (a date or 'YYYY-MM-DD') overrides `doc.meta["date"]`; relative
    dates (weekdays, أمس, الشهر الماضي) stay unresolved (start/end null) when neither is given."""
    pub = publication_date({"date": publication}) if publication else publication_date(doc.meta)
    return build_records(doc, pub, tuple(trigger_labels or SCHEMA.trigger_labels))


def attach_events(doc: Document, publication: date | str | None = None) -> Document:
    """Recompute `doc.extra["events"]` and `doc.extra["non_events"]` (after the publication date or the spans
    changed); returns `doc`."""
    if publication:
        doc.meta["date"] = str(publication)
    doc.extra["events"] = build_events(doc)
    doc.extra["non_events"] = non_events(doc)
    return doc
