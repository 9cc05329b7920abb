"""Span offsets that annotation tools write in other units than this package's (Python code points).

Label Studio (since its frontend counts code points, `[...text]`) and brat (Python) write code points like this
package does. Older Label Studio versions and Java tools (INCEpTION, WebAnno) count UTF-16 code units, which differ
after every character outside the Basic Multilingual Plane (emoji, some CJK): one extra unit each. Importers check
`text[start:end]` against the span text the tool stored and, when it does not match, try the UTF-16 reading.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field


def _units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


@dataclass
class Utf16Index:
    """Code point <-> UTF-16 code unit offsets for one text."""

    text: str
    _cum: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cum = [0]
        for ch in self.text:
            cum.append(cum[-1] + _units(ch))
        self._cum = cum

    @property
    def has_astral(self) -> bool:
        return self._cum[-1] != len(self.text)

    def to_codepoint(self, unit: int) -> int | None:
        """The code point offset at UTF-16 offset `unit`; None inside a surrogate pair or past the end."""
        i = bisect_left(self._cum, unit)
        return i if i < len(self._cum) and self._cum[i] == unit else None

    def to_utf16(self, codepoint: int) -> int:
        return self._cum[codepoint]


def resolve_span(text: str, start: int, end: int, span_text: str | None,
                 index: Utf16Index | None = None) -> tuple[int, int, str] | None:
    """Code point offsets of a span a tool wrote as (start, end, span_text), and how they were read: "codepoints"
    when `text[start:end]` is the span text (or no span text was stored), "utf16" when only the UTF-16 reading
    matches, "whitespace" when the texts differ only in white space (Label Studio leaves line breaks out of the
    span text it stores). None when nothing matches: the caller reports it."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return None
    if 0 <= start < end <= len(text):
        if span_text is None or text[start:end] == span_text:
            return start, end, "codepoints"
    if span_text is not None:
        index = index or Utf16Index(text)
        if index.has_astral:
            s, e = index.to_codepoint(start), index.to_codepoint(end)
            if s is not None and e is not None and s < e and text[s:e] == span_text:
                return s, e, "utf16"
        if 0 <= start < end <= len(text) and "".join(text[start:end].split()) == "".join(span_text.split()):
            return start, end, "whitespace"
    return None
