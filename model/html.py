"""One self-contained, right-to-left HTML page for documents: predictions or gold annotations.

    python -m model.predict article.txt --format html --output report.html
    python -m model.html annotations/seeds.jsonl --output seeds.html                 # gold files, for annotators
    python -m model.html annotations/seeds.jsonl --events annotations/events.jsonl --output seeds.html
    python -m model.html out.jsonl --ids seed-000 seed-001 --output two.html

Each document's text is shown right to left with its spans coloured by label (label, id and score on hover; nested
spans nest, crossing spans are cut where they cross). Each event record is a table row: type, date, place, actors,
killed / wounded / captured, sources, and the relations of its mentions; every id links to its span in the text.
Records are read from the documents (`events`) or from `--events` (gold records, one `{"id", "events"}` line per
document); fields missing from a record are left empty, and records of the older per-trigger shape
(`trigger`, `arguments`) are shown too. Relations no record covers are listed below the table.

The page fetches nothing (a Content-Security-Policy forbids it), runs no script, and everything taken from the
documents is HTML-escaped: a `<script>` in an article stays text.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any, Iterable

logger = logging.getLogger("model.html")

PALETTE = {  # label -> colour; other labels get a colour from their name
    "PER": "#f59e0b", "ORG": "#3b82f6", "GPE": "#10b981", "LOC": "#14b8a6", "FAC": "#8b5cf6", "DATE": "#ec4899",
    "WEAPON": "#ef4444", "GROUP": "#f97316", "ATTACK": "#b91c1c", "KILL": "#7f1d1d", "INJURE": "#c2410c",
    "ARREST": "#4338ca",
}
TRIGGERS = ("ATTACK", "KILL", "INJURE", "ARREST")
ROLES = [("attackers", "attackers"), ("attacker_orgs", "attackers' side"), ("targets", "targets"),
         ("target_orgs", "targets' side"), ("victims", "victims"), ("victim_orgs", "victims' side"),
         ("agents", "agents"), ("instruments", "instruments")]
OLD_ROLES = {"ATTACKER": "attackers", "TARGET": "targets", "VICTIM": "victims", "AGENT": "agents",
             "INSTRUMENT": "instruments", "SOURCE": "sources", "PLACE": "places", "TIME": "dates"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { font-family: "DejaVu Sans", "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, Arial, sans-serif; }
body { margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #111827; background: #fff; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2.5rem; border-bottom: 1px solid #d1d5db; }
.meta { color: #4b5563; font-size: .85rem; }
.legend span.ent { margin-inline-end: .4rem; }
.text { white-space: pre-wrap; line-height: 2.3; font-size: 1.08rem; unicode-bidi: isolate; padding: .8rem 1rem;
        border: 1px solid #e5e7eb; border-radius: .4rem; background: #fafafa; }
.ent { background: color-mix(in srgb, var(--c) 22%, transparent); border-bottom: 2px solid var(--c);
       border-radius: .2rem; padding: .1rem 0; }
.ent.trigger { font-weight: bold; border-bottom-width: 3px; }
.ent .ent { padding: 0; }
.ent:target, .ent:hover { outline: 2px solid var(--c); background: color-mix(in srgb, var(--c) 40%, transparent); }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-size: .9rem; }
th, td { border: 1px solid #d1d5db; padding: .3rem .45rem; vertical-align: top; text-align: start; }
th { background: #f3f4f6; }
td.rels { font-size: .8rem; min-width: 14rem; }
td a { color: inherit; text-decoration: none; border-bottom: 1px dotted #6b7280; }
.role { color: #6b7280; font-size: .8rem; }
.none { color: #9ca3af; }
.warn { color: #b45309; }
"""


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def colour(label: str) -> str:
    if label in PALETTE:
        return PALETTE[label]
    return f"hsl({int(hashlib.sha1(label.encode()).hexdigest()[:4], 16) % 360} 65% 45%)"


def css_name(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", label)


def as_dict(doc) -> dict:
    return doc.to_dict() if hasattr(doc, "to_dict") else dict(doc)


# ---- the text with its spans ----------------------------------------------------------------------------------------
def _open_tag(e: dict, key: str, first: bool) -> str:
    score = f" {e['score']:.3f}" if isinstance(e.get("score"), (int, float)) else ""
    cls = "ent trigger" if e["label"] in TRIGGERS else "ent"
    anchor = f' id="{esc(key)}-{esc(e["id"])}"' if first else ""
    return (f'<span class="{cls} l-{css_name(e["label"])}"{anchor} data-id="{esc(e["id"])}" '
            f'data-label="{esc(e["label"])}" style="--c:{colour(e["label"])}" '
            f'title="{esc(e["label"])}{score} ({esc(e["id"])})">')


def spans_html(text: str, entities: list[dict], key: str) -> str:
    """The text, HTML-escaped, with each entity wrapped in a <span>; nested entities nest, an entity that crosses
    another is cut into pieces (only the first piece carries the anchor id)."""
    ents = sorted(entities, key=lambda e: (e["start"], -e["end"], str(e["id"])))
    cuts = sorted({0, len(text)} | {e["start"] for e in ents} | {e["end"] for e in ents})
    out, stack, pos, i = [], [], 0, 0
    for cut in cuts:
        out.append(esc(text[pos:cut]))
        pos = cut
        if any(e["end"] == cut for e in stack):
            reopen = []
            while any(e["end"] == cut for e in stack):
                top = stack.pop()
                out.append("</span>")
                if top["end"] != cut:
                    reopen.append(top)
            for e in reversed(reopen):
                out.append(_open_tag(e, key, first=False))
                stack.append(e)
        while i < len(ents) and ents[i]["start"] == cut:
            out.append(_open_tag(ents[i], key, first=True))
            stack.append(ents[i])
            i += 1
    out.extend("</span>" for _ in stack)
    return "".join(out)


# ---- event records ----------------------------------------------------------------------------------------------------
class _Refs:
    """Links to a document's spans by id."""

    def __init__(self, key: str, ents: dict[str, dict]):
        self.key, self.ents = key, ents

    def link(self, eid: Any) -> str:
        e = self.ents.get(str(eid))
        if e is None:
            return f'<span class="warn" title="no span with this id">{esc(eid)}?</span>'
        return (f'<a href="#{esc(self.key)}-{esc(e["id"])}" title="{esc(e["label"])} ({esc(e["id"])})">'
                f'<bdi>{esc(e["text"])}</bdi></a>')

    def links(self, ids: Iterable) -> str:
        return "، ".join(self.link(i) for i in ids)


def _ids(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v.get("id") if isinstance(v, dict) else v for v in value]
    return [value.get("id") if isinstance(value, dict) else value]


def _count(value: Any) -> str:
    if not isinstance(value, dict):
        return '<span class="none">—</span>' if value is None else esc(value)
    lo, hi = value.get("min"), value.get("max")
    if lo is not None and lo == hi:
        n = str(lo)
    elif lo is not None and hi is None:
        n = f"≥{lo}"
    elif lo is None and hi is not None:
        n = f"≤{hi}"
    elif lo is not None:
        n = f"{lo}–{hi}"
    else:
        n = "?"
    n = ("≈" if value.get("approx") else "") + n
    return f'<span dir="ltr" title="{esc(value.get("text", ""))}">{esc(n)}</span>'  # ltr: ≥ is not mirrored'


def _date(value: Any) -> str:
    if value is None:
        return '<span class="none">—</span>'
    if not isinstance(value, dict):
        return esc(value)
    span = " – ".join(dict.fromkeys(str(v) for v in (value.get("start"), value.get("end")) if v))
    return f'<bdi>{esc(value.get("text", ""))}</bdi>' + (f' <span class="role" dir="ltr">({esc(span)})</span>'
                                                          if span else "")


def normalize_record(ev: dict) -> dict:
    """A record of the older per-trigger shape (`trigger`, `arguments` by relation label) in the fields of the
    event-record format, so both render alike."""
    if "arguments" not in ev or "mentions" in ev:
        return ev
    rec = {"id": ev.get("trigger", ""), "type": ev.get("type"), "mentions": [ev["trigger"]] if ev.get("trigger") else []}
    for role, args in (ev.get("arguments") or {}).items():
        if role in OLD_ROLES:
            rec.setdefault(OLD_ROLES[role], []).extend(_ids(args))
        else:
            rec.setdefault("other_roles", {})[role] = _ids(args)
    return rec


def _relations_of(mentions: list, relations: list[dict], refs: _Refs) -> tuple[str, set[int]]:
    ids = {str(m) for m in mentions}
    used = {i for i, r in enumerate(relations) if str(r.get("head")) in ids or str(r.get("tail")) in ids}
    items = [f'<span class="role">{esc(relations[i].get("label"))}</span> {refs.link(relations[i].get("head"))} ← '
             f'{refs.link(relations[i].get("tail"))}' + _score(relations[i]) for i in sorted(used)]  # rtl: head ← tail
    return "<br>".join(items) or '<span class="none">—</span>', used


def _score(item: dict) -> str:
    s = item.get("score")
    return f' <span class="role">{s:.2f}</span>' if isinstance(s, (int, float)) else ""


def events_html(records: list[dict], relations: list[dict], refs: _Refs) -> tuple[str, set[int]]:
    rows, covered = [], set()
    for raw in records:
        ev = normalize_record(raw) if isinstance(raw, dict) else {}
        mentions = _ids(ev.get("mentions"))
        roles = [(label, _ids(ev.get(field))) for field, label in ROLES]
        roles += [(str(role), _ids(ids)) for role, ids in (ev.get("other_roles") or {}).items()]
        actors = "<br>".join(f'<span class="role" dir="ltr">{esc(label)}:</span> {refs.links(ids)}'
                             for label, ids in roles if ids)
        place = refs.links(_ids(ev.get("place")) or _ids(ev.get("places"))[:1])
        wider = [p for p in _ids(ev.get("places")) if p not in _ids(ev.get("place"))][:3] if ev.get("place") else []
        if wider:
            place += ' <span class="role">(' + refs.links(wider) + ")</span>"
        if ev.get("country"):
            place += f' <span class="role">{esc(ev["country"])}</span>'
        date = _date(ev.get("date")) if "date" in ev else refs.links(_ids(ev.get("dates")))
        rels, used = _relations_of(mentions, relations, refs)
        covered |= used
        kind = esc(ev.get("type", "")) + (f'<br><span class="role">{esc(ev["subtype"])}</span>'
                                          if ev.get("subtype") else "")
        if ev.get("aggregate"):
            kind += '<br><span class="role">aggregate</span>'
        rows.append(
            f'<tr class="event" data-event="{esc(ev.get("id", ""))}"><td title="{esc(ev.get("evidence", ""))}">'
            f'{esc(ev.get("id", ""))}</td><td>{kind}</td><td>{refs.links(mentions)}</td><td>{date}</td>'
            f'<td>{place or _none()}</td><td>{actors or _none()}</td><td>{_count(ev.get("killed"))}</td>'
            f'<td>{_count(ev.get("wounded"))}</td><td>{_count(ev.get("captured"))}</td>'
            f'<td>{refs.links(_ids(ev.get("sources"))) or _none()}</td><td class="rels">{rels}</td></tr>')
    head = ("<tr><th>event</th><th>type</th><th>mentions</th><th>date</th><th>place</th><th>actors</th>"
            "<th>killed</th><th>wounded</th><th>captured</th><th>sources</th><th>relations</th></tr>")
    return f'<table class="events">{head}{"".join(rows)}</table>', covered


def _none() -> str:
    return '<span class="none">—</span>'


def relations_html(relations: list[dict], refs: _Refs, skip: set[int]) -> str:
    rows = [f'<tr><td>{esc(r.get("label"))}</td><td>{refs.link(r.get("head"))}</td><td>{refs.link(r.get("tail"))}</td>'
            f'<td>{_score(r) or _none()}</td></tr>' for i, r in enumerate(relations) if i not in skip]
    if not rows:
        return ""
    return ('<table class="relations"><tr><th>relation</th><th>head</th><th>tail</th><th>score</th></tr>'
            + "".join(rows) + "</table>")


# ---- pages -----------------------------------------------------------------------------------------------------------
def document_html(k: int, doc, records: list[dict] | None = None) -> str:
    d = as_dict(doc)
    key = f"d{k}"
    text = d.get("text", "")
    ents = [e for e in d.get("entities", []) if isinstance(e, dict)]
    good = [e for e in ents if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
            and 0 <= e["start"] < e["end"] <= len(text) and "label" in e and "id" in e]
    refs = _Refs(key, {str(e["id"]): e for e in good})
    relations = [r for r in d.get("relations", []) if isinstance(r, dict)]
    records = records if records is not None else d.get("events") or []
    meta = d.get("meta") or {}
    info = " · ".join(esc(x) for x in [d.get("status", ""), meta.get("date", ""), meta.get("source", ""),
                                       f"{len(good)} spans", f"{len(relations)} relations",
                                       f"{len(records)} event records"] if x)
    parts = [f'<section class="doc" id="{key}"><h2><bdi>{esc(d.get("id", ""))}</bdi></h2>',
             f'<p class="meta">{info}</p>']
    if len(good) < len(ents):
        parts.append(f'<p class="warn">{len(ents) - len(good)} span(s) with offsets outside the text are not shown</p>')
    parts.append(f'<div class="text" dir="rtl" lang="ar">{spans_html(text, good, key)}</div>')
    covered: set[int] = set()
    if records:
        table, covered = events_html(records, relations, refs)
        parts.append(table)
    else:
        parts.append('<p class="meta">no event records</p>')
    parts.append(non_events_html(d.get("non_events") or [], refs))
    parts.append(relations_html(relations, refs, covered))
    parts.append("</section>")
    return "".join(parts)


def non_events_html(non_events: list, refs: _Refs) -> str:
    """The trigger spans that make no record (a ceasefire, a negated or planned action: `model.factuality`)."""
    items = [f'{refs.link(n.get("mention"))} ({esc(n.get("reason", ""))})' for n in non_events if isinstance(n, dict)]
    return f'<p class="meta">not events: {"، ".join(items)}</p>' if items else ""


def legend_html(labels: Iterable[str]) -> str:
    items = "".join(f'<span class="ent{" trigger" if lab in TRIGGERS else ""} l-{css_name(lab)}" '
                    f'style="--c:{colour(lab)}">{esc(lab)}</span>' for lab in labels)
    return f'<p class="legend">{items}</p>'


def render_html(docs: list, title: str = "documents", events: dict[str, list[dict]] | None = None) -> str:
    """The page for `docs` (Document objects or dicts). `events`: records by document id, replacing the documents'
    own."""
    dicts = [as_dict(d) for d in docs]
    from .schema import ENTITY_LABELS, TRIGGER_LABELS

    labels = list(ENTITY_LABELS) + list(TRIGGER_LABELS)
    labels += sorted({e.get("label") for d in dicts for e in d.get("entities", [])
                      if isinstance(e, dict) and isinstance(e.get("label"), str)} - set(labels))
    body = "".join(document_html(k, d, (events or {}).get(str(d.get("id"))) if events else None)
                   for k, d in enumerate(dicts))
    return (f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{esc(title)} <span class=\"meta\">({len(dicts)} documents)</span></h1>{legend_html(labels)}"
            f"{body}</body></html>\n")


# ---- command line ----------------------------------------------------------------------------------------------------
def read_docs(paths: list[str]) -> list[dict]:
    """JSONL files or folders of them (annotation format), or JSON files as `python -m model.predict` writes them
    (one document or a list)."""
    from .document import DocumentError, expand_paths, iter_jsonl

    docs = []
    for path in expand_paths(paths, (".jsonl", ".json")):
        if not path.is_file():
            raise DocumentError(f"{path}: no such file")
        if path.suffix == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise DocumentError(f"{path}: not valid JSON ({err})") from None
            items = data if isinstance(data, list) else [data]
            docs += [(path, 0, d) for d in items]
        else:
            docs += [(path, n, d) for n, d in iter_jsonl(path)]
    for path, n, d in docs:
        if not isinstance(d, dict) or not isinstance(d.get("text"), str) or "id" not in d:
            raise DocumentError(f"{path}:{n}: not a document (needs an 'id' and a string 'text')")
    return [d for _, _, d in docs]


def read_events(path: str) -> dict[str, list[dict]]:
    from .document import DocumentError, iter_jsonl

    if not Path(path).is_file():
        raise DocumentError(f"{path}: no such file")
    out = {}
    for n, obj in iter_jsonl(path):
        if "id" not in obj or not isinstance(obj.get("events"), list):
            raise DocumentError(f"{path}:{n}: expected {{\"id\", \"events\": [...]}}")
        out[str(obj["id"])] = obj["events"]
    return out


def main(argv: list[str] | None = None) -> int:
    from .document import DocumentError

    ap = argparse.ArgumentParser(prog="python -m model.html", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="JSONL documents (gold or predicted), folders of them, or predict's JSON")
    ap.add_argument("--events", help="event records by document id ({id, events} lines), e.g. annotations/events.jsonl")
    ap.add_argument("--ids", nargs="+", help="only these document ids")
    ap.add_argument("--title", help="page title (default: the file names)")
    ap.add_argument("--output", help="write here (atomically) instead of standard output")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from .predict import InputError, check_writable, write_atomic

    try:
        if args.output:
            check_writable(args.output)
        docs = read_docs(args.paths)
        if args.ids:
            missing = sorted(set(args.ids) - {str(d["id"]) for d in docs})
            if missing:
                raise DocumentError(f"--ids: no document with id {', '.join(missing)} in {', '.join(args.paths)}")
            docs = [d for d in docs if str(d["id"]) in set(args.ids)]
        events = read_events(args.events) if args.events else None
        page = render_html(docs, args.title or ", ".join(Path(p).name for p in args.paths), events)
        write_atomic(page, args.output)
    except (DocumentError, InputError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.output:
        logger.info("%d documents -> %s", len(docs), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
