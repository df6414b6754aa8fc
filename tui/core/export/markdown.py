"""The Markdown summary: what an editor reads.

Every string that comes from an article, a note or a file name goes through
:func:`md_escape`, so a quote holding ``|``, backticks, ``*``, brackets, a
leading ``#`` or newlines cannot break a table, start a heading or inject a
link or HTML: it reads as the words it is.
"""

from __future__ import annotations

import re

from tui.core.agreement_report import headline, markdown_section
from tui.core.anchoring import Anchor
from tui.core.display import display
from tui.core.export.report import (
    LABEL_ORDER,
    contested_groups,
    label_groups,
    other_note,
    percent,
    problems,
    speaking_entry,
    tag_analyst,
)
from tui.core.export.summary import DocSummary, Entry, Summary, iso_time
from tui.core.labels import label_names
from tui.core.metadata import safe_url
from tui.core.team import ClaimTeam, Status

TITLE_WIDTH = 80
_INLINE = re.compile(r"([\\`*\[\]<>|~&$])")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_TLD = (
    r"(?:[a-z]{2}|com|org|net|edu|gov|mil|int|info|biz|pro|web|xxx"
    r"|aero|asia|coop|museum|name|shop|рф)"
)
_AUTOLINK = re.compile(rf":(?=//)|@|(?<=\bwww)\.|(?<=\w)\.(?={_TLD}(?!\w))", re.IGNORECASE)
"""Where GFM's autolinks and linkify find a link in plain text: a scheme's
``://``, an e-mail's ``@``, ``www.``, and a dot before a top-level domain
(linkify's fuzzy links need a known one: two letters or ``com``, ``org``…).
One backslash there splits the text a linkifier looks at; the rendered words
stay the same, and ``annotations.toml`` or ``e.g.`` keep their looks."""
_LEADING = re.compile(r"^(?:[#>+=-]|\d+(?=[.)]))")
_SPACE = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """``text`` as literal inline Markdown on one line (CommonMark and GitHub tables).

    Control characters go and invisible ones are written out (``⟨U+202E⟩``,
    :func:`tui.core.display.display`); whitespace runs become one space; characters with an
    inline meaning are backslash-escaped; an underscore only where it could
    start or end emphasis, so ``snake_case`` stays readable; a leading ``#``,
    ``>``, ``-``, ``+``, ``=`` or ``1.`` is escaped so it cannot start a block;
    and a bare URL, domain or e-mail address is broken up so that no
    linkifier turns a note into a link.
    """
    text = _SPACE.sub(" ", display(text)).strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _AUTOLINK.sub(r"\\\g<0>", text)
    match = _LEADING.match(text)
    if match:
        text = (
            text[: match.end()] + "\\" + text[match.end() :]
            if match.group(0)[0].isdigit()
            else "\\" + text
        )
    return text


def shorten(text: str, width: int = TITLE_WIDTH) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _link(url: str) -> str:
    """An autolink for a plain URL, else the escaped text (never a raw link)."""
    safe = safe_url(url)
    return f"<{safe}>" if safe else md_escape(url)


def _header(summary: Summary) -> list[str]:
    docs = len(summary.documents)
    lines = [
        "# Fact-check summary",
        "",
        f"- Corpus: {md_escape(summary.corpus)} ({docs} document{'s' * (docs != 1)}, "
        f"{summary.claims} claims)",
    ]
    if summary.date:
        lines.append(f"- Date: {summary.date}")
    lines.append(
        f"- Reviewed: {summary.reviewed} of {summary.claims} claims "
        f"({percent(summary.reviewed, summary.claims)})"
    )
    last = iso_time(summary.last_updated)
    if last:
        lines.append(f"- Last change: {last}")
    analysts = summary.analysts
    lines.append(f"- Analysts: {', '.join(md_escape(a) for a in analysts) if analysts else 'none'}")
    lines.append("")
    if summary.empty:
        lines += ["No annotations yet: nothing in this corpus has been tagged.", ""]
    return lines


def _table(summary: Summary) -> list[str]:
    columns = [
        "Document",
        "Title",
        "Claims",
        "Reviewed",
        *(x.capitalize() for x in label_names()),
        "%",
    ]
    lines = [
        "## Documents",
        "",
        "| " + " | ".join(columns) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in columns[2:]) + " |",
    ]
    for doc in summary.documents:
        cells = [
            md_escape(doc.id),
            md_escape(shorten(doc.title)),
            str(doc.claims),
            str(doc.reviewed),
            *(str(doc.labels[label]) for label in label_names()),
            percent(doc.reviewed, doc.claims),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    totals = summary.labels
    cells = [
        "**Total**",
        "",
        str(summary.claims),
        str(summary.reviewed),
        *(str(totals[label]) for label in label_names()),
        percent(summary.reviewed, summary.claims),
    ]
    lines += ["| " + " | ".join(cells) + " |", ""]
    return lines


def _entry_lines(summary: Summary, entry: Entry) -> list[str]:
    where = f"Claim {entry.number}" if entry.number else "Orphan"
    ident = f" ({md_escape(entry.id)})" if entry.id else ""
    lines = [f"- **{where}**{ident}: {md_escape(entry.text)}"]
    if entry.anchor is Anchor.MOVED:
        lines.append("  - Re-anchored: the sentence moved in the article")
    elif entry.anchor is Anchor.FUZZY:
        quote = md_escape(entry.record.quote)
        lines.append(f"  - Re-anchored: the article changed; tagged as: {quote}")
    if entry.record.note.strip():
        lines.append(f"  - Note: {md_escape(entry.record.note)}")
    sources = [s for s in entry.record.sources if s.strip()]
    if sources:
        lines.append(f"  - Sources: {', '.join(_link(s) for s in sources)}")
    by = [md_escape(name)] if (name := summary.analyst_of(entry)) else []
    if entry.record.updated is not None:
        by.append(iso_time(entry.record.updated) or "")
    if by:
        lines.append(f"  - By: {', '.join(by)}")
    return lines


def _doc_heading(doc: DocSummary) -> str:
    return f"### {md_escape(doc.id)}: {md_escape(shorten(doc.title))}"


def _team_lines(summary: Summary, doc: DocSummary, team: ClaimTeam) -> list[str]:
    """A decided claim: the speaking tag in full, then who agreed or what the verdict overrode."""
    entry = speaking_entry(doc, team)
    if entry is None:
        return []
    lines = _entry_lines(summary, entry)
    if team.status is Status.SETTLED:
        lines.append(f"  - Settled by the verdict of {md_escape(summary.analyst_of(entry))}")
    others = [t for t in team.tags if t.anchored.record is not entry.record]
    for tag in others:
        lines.append(f"  - {md_escape(tag_analyst(summary, tag.analyst))}: {tag.label}")
        if note := other_note(tag, entry):
            lines.append(f"    - Note: {md_escape(note)}")
    return lines


def _label_section(summary: Summary, label: str) -> list[str]:
    docs = label_groups(summary, label)
    if not docs:
        return []
    lines = [f"## {label.capitalize()} claims", ""]
    for doc, teams in docs:
        lines += [_doc_heading(doc), ""]
        for team in teams:
            lines += _team_lines(summary, doc, team)
        lines.append("")
    return lines


def _contested(summary: Summary) -> list[str]:
    docs = contested_groups(summary)
    if not docs:
        return []
    lines = ["## Contested claims", "", "Analysts disagree and no verdict settles them yet.", ""]
    for doc, teams in docs:
        lines += [_doc_heading(doc), ""]
        for team in teams:
            claim = team.claim
            lines.append(f"- **Claim {claim.number}** ({claim.id}): {md_escape(claim.text)}")
            for tag in team.tags:
                lines.append(f"  - {md_escape(tag_analyst(summary, tag.analyst))}: {tag.label}")
                if tag.note.strip():
                    lines.append(f"    - Note: {md_escape(tag.note)}")
                sources = [x for x in tag.sources if x.strip()]
                if sources:
                    lines.append(f"    - Sources: {', '.join(_link(x) for x in sources)}")
        lines.append("")
    return lines


def _agreement(summary: Summary) -> list[str]:
    if len(summary.analysts) < 2:
        return []
    agreement = summary.agreement()
    if not agreement.units:
        return ["## Agreement", "", md_escape(headline(agreement)) + ".", ""]
    section = markdown_section(agreement)
    return [*section.rstrip("\n").split("\n"), ""] if section else []


def _matches(summary: Summary) -> list[str]:
    lines = ["## Claims in several documents", ""]
    if summary.matches is None:
        return [*lines, "Not computed for this export.", ""]
    if not summary.matches:
        return [*lines, "None of the tagged claims was found in another document.", ""]
    for match in summary.matches:
        verdict = f" (**labels disagree**: {', '.join(match.labels)})" if match.disagree else ""
        lines.append(f"- {md_escape(shorten(match.text, 160))}{verdict}")
        for occ in match.occurrences:
            lines.append(
                f"  - {md_escape(occ.doc_id)}, claim {occ.claim.number} ({occ.claim.id}): "
                f"{occ.label or 'not reviewed'}"
            )
    return [*lines, ""]


def _conflicts(summary: Summary) -> list[str]:
    """Claims of one fact that give another number, date, name or polarity elsewhere."""
    conflicts = [c for m in summary.matches or [] for c in m.conflicts]
    if not conflicts:
        return []
    lines = ["## Conflicting details", ""]
    for conflict in conflicts:
        a, b = conflict.a, conflict.b
        lines.append(
            f"- {md_escape(a.doc_id)}, claim {a.claim.number} ({a.claim.id}): "
            f"{md_escape(shorten(a.claim.text, 160))}"
        )
        lines.append(
            f"  - against {md_escape(b.doc_id)}, claim {b.claim.number} ({b.claim.id}): "
            f"{md_escape(shorten(b.claim.text, 160))}"
        )
        lines += [f"  - {md_escape(sentence)}" for sentence in conflict.sentences()]
    return [*lines, ""]


def _orphans(summary: Summary) -> list[str]:
    orphans = summary.orphans
    if not orphans:
        return []
    lines = [
        "## Orphaned annotations",
        "",
        "Their quote is no longer in the article; re-attach them in the reader (they are kept).",
        "",
    ]
    for entry in orphans:
        ident = f" ({md_escape(entry.id)})" if entry.id else ""
        lines.append(
            f"- {md_escape(entry.doc_id)}: **{entry.label}**{ident}, was at "
            f"{entry.start}–{entry.end}: {md_escape(entry.record.quote)}"
        )
        if entry.record.note.strip():
            lines.append(f"  - Note: {md_escape(entry.record.note)}")
    return [*lines, ""]


def _problems(summary: Summary) -> list[str]:
    lines = [f"- {md_escape(line)}" for line in problems(summary)]
    return ["## Problems", "", *lines, ""] if lines else []


def render(summary: Summary) -> str:
    lines = [*_header(summary), *_table(summary)]
    if not summary.empty:
        lines += _contested(summary)
        for label in LABEL_ORDER:
            lines += _label_section(summary, label)
        lines += _agreement(summary)
        lines += _matches(summary)
        lines += _conflicts(summary)
        lines += _orphans(summary)
    lines += _problems(summary)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
