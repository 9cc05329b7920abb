"""model/html.py: the right-to-left HTML view of predictions and gold files, checked as text and in headless
Chromium (DOM, direction, layout, console, screenshot)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, SEED_TEXTS, SEEDS_FILE
from model.document import Document, Entity, Relation
from model.html import main as html_main
from model.html import render_html, spans_html

EVIL = 'قال "الجيش" <script>alert(1)</script> & <img src=x onerror=alert(2)> في بغداد'


class Tree(HTMLParser):
    """Elements (tag, attributes) in order, and the text of the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.text, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    return t


def text_of_spans(fragment: str) -> str:
    return "".join(parse(f"<div>{fragment}</div>").text)


def test_spans_nest_cross_and_keep_the_text_exact():
    text = "أعلن تنظيم داعش مسؤوليته عن الهجوم"
    ents = [{"id": "T1", "label": "ORG", "start": 5, "end": 15}, {"id": "T2", "label": "ORG", "start": 11, "end": 15},
            {"id": "T3", "label": "GPE", "start": 11, "end": 24}, {"id": "T4", "label": "ATTACK", "start": 28,
                                                                    "end": 34, "score": 0.91}]
    frag = spans_html(text, ents, "d0")
    assert text_of_spans(frag) == text  # nothing added, nothing lost
    assert frag.count("<span") == frag.count("</span>") == 5  # T3 crosses T1 and is cut in two pieces
    for e in ents:
        assert frag.count(f'id="d0-{e["id"]}"') == 1
    assert 'title="ATTACK 0.910 (T4)"' in frag and "ent trigger" in frag
    tree = parse(f"<div>{frag}</div>")
    assert [a["data-id"] for tag, a in tree.elements if tag == "span"] == ["T1", "T3", "T2", "T3", "T4"]  # longer first


def test_everything_from_the_document_is_escaped():
    doc = Document('x"><script>alert(3)</script>', EVIL,
                   [Entity("T1", 'ORG"><script>', 4, 11, EVIL[4:11]), Entity("T2", "GPE", EVIL.index("بغداد"),
                                                                            len(EVIL), "بغداد")],
                   [Relation("LOCATED_IN", "T1", "T2")], meta={"date": "<b>2020</b>"})
    page = render_html([doc], title="<i>t</i>")
    tree = parse(page)
    assert [tag for tag, _ in tree.elements if tag in ("script", "img", "i", "b")] == []
    assert "<script>alert(1)</script>" in "".join(tree.text)  # shown as text
    assert all(not a.get("onerror") for _, a in tree.elements)


def test_page_is_self_contained_and_right_to_left():
    page = render_html([Document("d", "قال الجيش", [Entity("T1", "ORG", 4, 9, "الجيش")])])
    tree = parse(page)
    html_attrs = next(a for tag, a in tree.elements if tag == "html")
    assert html_attrs["dir"] == "rtl" and html_attrs["lang"] == "ar"
    assert any(tag == "div" and a.get("dir") == "rtl" and "text" in a.get("class", "") for tag, a in tree.elements)
    csp = next(a["content"] for tag, a in tree.elements if tag == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page) and "@import" not in page
    assert not any(tag in ("script", "link", "img", "iframe") for tag, _ in tree.elements)


def _record(**fields):
    base = {"id": "EV1", "type": "ATTACK", "mentions": ["T2"]}
    base.update(fields)
    return base


def test_event_records_render_whatever_fields_are_present():
    text = "قتل 15 عنصراً من داعش في غارة أمريكية على الأنبار يوم الخميس بحسب البنتاغون"
    spans = [("T1", "KILL", "قتل"), ("T2", "ATTACK", "غارة"), ("T3", "GROUP", "15 عنصراً"), ("T4", "ORG", "داعش"),
             ("T5", "GPE", "الأنبار"), ("T6", "DATE", "يوم الخميس"), ("T7", "ORG", "البنتاغون")]
    ents = [Entity(i, lab, text.index(t), text.index(t) + len(t), t) for i, lab, t in spans]
    rels = [Relation("VICTIM", "T1", "T3", 0.9), Relation("RESULT_OF", "T1", "T2"), Relation("PLACE", "T2", "T5"),
            Relation("MEMBER_OF", "T3", "T4")]
    full = _record(mentions=["T2", "T1"], date={"text": "يوم الخميس", "start": "2020-03-05", "end": "2020-03-05"},
                   place="T5", places=["T5"], country="IQ", victims=["T3"], sources=["T7"], subtype="air strike",
                   killed={"min": 15, "max": 15, "approx": False, "text": "15 عنصراً"},
                   wounded={"min": 20, "max": None, "approx": True, "text": "أكثر من 20"}, captured=None)
    sparse = {"id": "EV2", "type": "ARREST"}  # most fields missing
    old = {"trigger": "T1", "type": "KILL", "text": "قتل", "start": 0, "end": 3,  # the older per-trigger shape
           "arguments": {"VICTIM": [{"id": "T3", "label": "GROUP", "text": "15 عنصراً"}], "UNKNOWN_ROLE": [{"id": "T9"}]}}
    doc = Document("d", text, ents, rels, extra={"events": [full, sparse, old, "not a record"]})
    page = render_html([doc])
    tree = parse(page)
    rows = [a for tag, a in tree.elements if tag == "tr" and a.get("class") == "event"]
    assert [r["data-event"] for r in rows] == ["EV1", "EV2", "T1", ""]
    page_text = "".join(tree.text)
    for shown in ("2020-03-05", "≈≥20", "air strike", "IQ", "VICTIM", "RESULT_OF", "T9?"):
        assert shown in page_text, shown
    links = [a["href"] for tag, a in tree.elements if tag == "a"]
    assert "#d0-T5" in links and "#d0-T7" in links and "#d0-T3" in links
    rest = page.split('<table class="relations">')
    assert len(rest) == 2 and "MEMBER_OF" in rest[1] and "MEMBER_OF" not in rest[0]  # no event's: listed below


def test_triggers_that_name_no_event_are_listed_with_their_reason():
    text = "لكن بيتروفيتش لم تتصل قط، ولم يتم قط اعتقالها أو سجنها"  # BB-internationalNews-298
    start = text.index("اعتقالها")
    doc = Document("d", text, [Entity("T1", "ARREST", start, start + 8, "اعتقالها")], [],
                   extra={"events": [], "non_events": [{"mention": "T1", "text": "اعتقالها", "reason": "negated"}]})
    tree = parse(render_html([doc]))
    assert "not events: اعتقالها (negated)" in "".join(tree.text)
    assert "#d0-T1" in [a["href"] for tag, a in tree.elements if tag == "a"]


def test_predict_writes_html(tmp_path, capsys, trained_dir):
    from model.predict import main

    out = tmp_path / "report.html"
    rc = main([str(next(SEED_TEXTS.glob("000*"))), "--model", str(trained_dir), "--format", "html", "--output",
               str(out)])
    assert rc == 0
    tree = parse(out.read_text(encoding="utf-8"))
    spans = [a for tag, a in tree.elements if tag == "span" and "ent" in a.get("class", "").split()
             and "data-id" in a]
    assert len({a["data-id"] for a in spans}) > 20


def test_gold_files_cli(tmp_path, capsys):
    out = tmp_path / "seeds.html"
    events = REPO / "annotations" / "events.jsonl"
    args = [str(SEEDS_FILE), "--output", str(out)] + (["--events", str(events)] if events.exists() else [])
    assert html_main(args) == 0
    page = out.read_text(encoding="utf-8")
    gold = [json.loads(line) for line in SEEDS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for d in gold:
        assert f"<bdi>{d['id']}</bdi>" in page
    assert page.count('class="ent') >= sum(len(d["entities"]) for d in gold)
    assert html_main([str(SEEDS_FILE), "--ids", "seed-000", "--output", str(tmp_path / "one.html")]) == 0
    assert (tmp_path / "one.html").read_text(encoding="utf-8").count('<section class="doc"') == 1


@pytest.mark.parametrize("content, message", [
    (None, "no such file"), ("not json\n", "not valid JSON"), ('{"id": 1}\n', "not a document"),
])
def test_gold_files_cli_bad_input(tmp_path, capsys, content, message):
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert html_main([str(path), "--output", str(tmp_path / "o.html")]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err and not (tmp_path / "o.html").exists()


# ---- in a real browser -----------------------------------------------------------------------------------------------
def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def chromium():
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium on this machine: install Debian's chromium (apt-get install chromium; .ci/run does) "
                    "to render the HTML view in a real browser")
    return path


def run_chromium(chromium: str, tmp: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"  # a fresh profile each time
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
           "--window-size=1280,1400", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


PROBE = """<script>
const text = document.querySelector('.text');
const box = text.getBoundingClientRect();
const spans = [...document.querySelectorAll('.text .ent')];
const first = spans[0].getBoundingClientRect();
document.body.setAttribute('data-probe', JSON.stringify({
  direction: getComputedStyle(text).direction,
  spans: spans.length,
  visible: spans.filter(s => s.getClientRects().length > 0).length,
  firstRightGap: box.right - first.right, firstLeftGap: first.left - box.left,
  scripts: document.scripts.length,
}));
</script>"""


def test_html_renders_in_headless_chromium(tmp_path, chromium, trained_dir):
    """The page of a prediction (a seed article plus a hostile one) in Chromium: the DOM has every span and
    dir="rtl", the article's <script> stayed text, the console is empty (a fetch blocked by the CSP or a script
    error would show there), the first span sits at the right edge (right-to-left layout), and a screenshot is
    kept in the test's temporary folder."""
    from model.predict import main

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SEED_TEXTS.glob("000*")), src / "a-seed.txt")
    (src / "b-evil.txt").write_text(EVIL, encoding="utf-8")
    page = tmp_path / "report.html"
    assert main([str(src), "--model", str(trained_dir), "--format", "html", "--output", str(page), "--quiet"]) == 0
    predicted = len(re.findall(r' id="d\d+-T\d+"', page.read_text(encoding="utf-8")))

    dom = run_chromium(chromium, tmp_path, page.as_uri(), "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_lines(dom.stderr) == [], console_lines(dom.stderr)
    tree = parse(dom.stdout)
    html_attrs = next(a for tag, a in tree.elements if tag == "html")
    assert html_attrs.get("dir") == "rtl"
    anchors = [a for tag, a in tree.elements if tag == "span" and re.fullmatch(r"d\d+-T\d+", a.get("id", ""))]
    assert len(anchors) == predicted > 20
    assert not any(tag in ("script", "img") for tag, _ in tree.elements)
    assert "<script>alert(1)</script>" in "".join(tree.text)

    shot = tmp_path / "report.png"
    r = run_chromium(chromium, tmp_path, page.as_uri(), f"--screenshot={shot}")
    assert r.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    probed = tmp_path / "probe.html"  # a copy with a measuring script (the page itself runs none)
    probed.write_text(page.read_text(encoding="utf-8").replace("default-src 'none';", "default-src 'none'; "
                      "script-src 'unsafe-inline';").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    r = run_chromium(chromium, tmp_path, probed.as_uri(), "--dump-dom")
    body = next(a for tag, a in parse(r.stdout).elements if tag == "body")
    probe = json.loads(body["data-probe"])
    assert probe["direction"] == "rtl" and probe["spans"] >= predicted and probe["visible"] == probe["spans"]
    assert probe["firstRightGap"] < 40 < probe["firstLeftGap"], probe  # the text begins on the right
    assert console_lines(r.stderr) == []


def test_the_console_check_sees_errors(tmp_path, chromium):
    """Control: a page with a failing script and a blocked fetch does produce console lines."""
    bad = tmp_path / "bad.html"
    bad.write_text('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                   'script-src \'unsafe-inline\'"></head><body><img src="https://example.org/x.png">'
                   "<script>undefinedFunction()</script></body></html>", encoding="utf-8")
    lines = console_lines(run_chromium(chromium, tmp_path, bad.as_uri(), "--dump-dom").stderr)
    assert any("undefinedFunction" in line for line in lines) and any("Content Security Policy" in line or
                                                                       "Refused" in line for line in lines), lines
