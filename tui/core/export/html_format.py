"""The HTML report: the Markdown summary's content as one self-contained, printable page.

No script, no font, image or style sheet from anywhere: the CSS is inline and
the charts are CSS bars. Every string from an article, a note, a file or a
person goes through :func:`text` (controls removed, invisible characters
written out as ``⟨U+202E⟩``, then ``html.escape``), so it reads as the words it
is and never as markup. The only links are the articles' and the sources'
http(s) URLs, opened with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from tui.core.agreement_report import coefficient, headline
from tui.core.agreement_report import percent as percent_of
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
from tui.core.labels import all_labels, label_names
from tui.core.metadata import safe_url
from tui.core.team import ClaimTeam, Status

TONE_COLOURS = {
    "success": "#2e7d32",
    "error": "#c62828",
    "warning": "#b26a00",
    "accent": "#1565c0",
    "muted": "#757575",
}
STYLE = """
body{font:15px/1.45 system-ui,sans-serif;color:#222;margin:2em auto;max-width:62em;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:1.05em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}
.bar{background:#eee;height:.9em;min-width:8em;display:flex}.bar span{display:block;height:100%}
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}
.label{font-weight:600}.muted{color:#666}ul.tags{margin:.2em 0;padding-left:1.2em}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit}
a[href]::after{content:" <" attr(href) ">";font-size:.85em;color:#555}
h2,h3{break-after:avoid}tr,li{break-inside:avoid}
.bar,.bar span,.legend span{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def text(value: str) -> str:
    """Plain text from a file or a person, safe as HTML content or attribute value."""
    return html.escape(" ".join(display(value).split()))


def link(url: str, label: str | None = None) -> str:
    """A link for an http(s) URL, else the escaped text: never a raw ``href``."""
    safe = safe_url(url)
    if not safe:
        return text(url)
    shown = text(label if label is not None else safe)
    return f'<a href="{html.escape(safe)}" rel="noopener noreferrer">{shown}</a>'


def _colour(label: str) -> str:
    tone = next((d.tone for d in all_labels() if d.value == label), "muted")
    return TONE_COLOURS.get(tone, TONE_COLOURS["muted"])


def _bar(parts: Iterable[tuple[float, str]], title: str) -> str:
    spans = "".join(
        f'<span style="width:{share:.1f}%;background:{colour}"></span>'
        for share, colour in parts
        if share > 0
    )
    return f'<div class="bar" role="img" aria-label="{html.escape(title)}">{spans}</div>'


def _header(summary: Summary) -> list[str]:
    docs = len(summary.documents)
    items = [
        f"Corpus: {text(summary.corpus)} ({docs} document{'s' * (docs != 1)}, "
        f"{summary.claims} claims)"
    ]
    if summary.date:
        items.append(f"Date: {summary.date}")
    items.append(
        f"Reviewed: {summary.reviewed} of {summary.claims} claims "
        f"({percent(summary.reviewed, summary.claims)})"
    )
    if last := iso_time(summary.last_updated):
        items.append(f"Last change: {last}")
    names = ", ".join(text(a) for a in summary.analysts) or "none"
    items.append(f"Analysts: {names}")
    lines = ["<h1>Fact-check summary</h1>", "<ul>", *(f"<li>{i}</li>" for i in items), "</ul>"]
    if summary.empty:
        lines.append("<p>No annotations yet: nothing in this corpus has been tagged.</p>")
    return lines


def _charts(summary: Summary) -> list[str]:
    """Progress per document and the share of each label, as CSS bars."""
    lines = ["<h2>Progress</h2>", '<table class="progress">']
    lines.append("<tr><th>Document</th><th>Reviewed</th><th></th></tr>")
    rows = [(d.id, d.reviewed, d.claims) for d in summary.documents]
    rows.append(("All documents", summary.reviewed, summary.claims))
    for name, done, total in rows:
        share = 100 * done / total if total else 0.0
        bar = _bar([(share, TONE_COLOURS["accent"])], f"{percent(done, total)} reviewed")
        lines.append(
            f'<tr><td>{text(name)}</td><td class="n">{done}/{total} '
            f"({percent(done, total)})</td><td>{bar}</td></tr>"
        )
    lines.append("</table>")
    counts = summary.labels
    total = sum(counts.values())
    if total:
        parts = [(100 * counts[label] / total, _colour(label)) for label in label_names()]
        legend = "".join(
            f'<span style="background:{_colour(label)}"></span>{label} {counts[label]}'
            for label in label_names()
        )
        lines += [
            "<h3>Labels</h3>",
            _bar(parts, ", ".join(f"{label} {counts[label]}" for label in label_names())),
            f'<p class="legend">{legend}</p>',
        ]
    return lines


def _documents(summary: Summary) -> list[str]:
    columns = ["Document", "Title", "Author", "Published", "Claims", "Reviewed"]
    columns += [label.capitalize() for label in label_names()] + ["%"]
    lines = ["<h2>Documents</h2>", '<table class="documents">']
    lines.append("<tr>" + "".join(f"<th>{c}</th>" for c in columns) + "</tr>")
    for doc in summary.documents:
        meta = doc.metadata
        title = link(doc.url, doc.title) if doc.url else text(doc.title)
        cells = [
            text(doc.id),
            title,
            text(meta.author.name) if meta.author else "",
            meta.published.isoformat() if meta.published else "",
        ]
        numbers = [doc.claims, doc.reviewed, *(doc.labels[label] for label in label_names())]
        row = "".join(f"<td>{c}</td>" for c in cells)
        row += "".join(f'<td class="n">{n}</td>' for n in numbers)
        lines.append(f'<tr>{row}<td class="n">{percent(doc.reviewed, doc.claims)}</td></tr>')
    lines.append("</table>")
    return lines


def _sources(sources: Iterable[str]) -> str:
    return ", ".join(link(s) for s in sources if s.strip())


def _doc_heading(doc: DocSummary) -> str:
    title = link(doc.url, doc.title) if doc.url else text(doc.title)
    return f"<h3>{text(doc.id)}: {title}</h3>"


def _claim_cell(entry: Entry) -> str:
    cell = text(entry.text)
    if entry.anchor is Anchor.MOVED:
        cell += '<br><span class="muted">Re-anchored: the sentence moved in the article</span>'
    elif entry.anchor is Anchor.FUZZY:
        cell += (
            '<br><span class="muted">Re-anchored: the article changed; tagged as: '
            f"{text(entry.record.quote)}</span>"
        )
    return cell


def _decided_row(summary: Summary, doc: DocSummary, team: ClaimTeam) -> str:
    entry = speaking_entry(doc, team)
    if entry is None:
        return ""
    by = [text(name)] if (name := summary.analyst_of(entry)) else []
    if stamp := iso_time(entry.record.updated):
        by.append(stamp)
    notes = []
    if team.status is Status.SETTLED:
        notes.append(f"<li>Settled by the verdict of {text(summary.analyst_of(entry))}</li>")
    for tag in team.tags:
        if tag.anchored.record is entry.record:
            continue
        note = f": {text(note)}" if (note := other_note(tag, entry)) else ""
        notes.append(f"<li>{text(tag_analyst(summary, tag.analyst))}: {tag.label}{note}</li>")
    others = f'<ul class="tags">{"".join(notes)}</ul>' if notes else ""
    return (
        f'<tr><td class="n">{team.claim.number}<br><span class="muted">{team.claim.id}</span></td>'
        f"<td>{_claim_cell(entry)}</td><td>{text(entry.record.note)}</td>"
        f"<td>{_sources(entry.record.sources)}</td><td>{', '.join(by)}{others}</td></tr>"
    )


_CLAIM_COLUMNS = "<tr><th>Claim</th><th>Text</th><th>Note</th><th>Sources</th><th>By</th></tr>"


def _label_sections(summary: Summary) -> list[str]:
    lines = []
    for label in LABEL_ORDER:
        groups = label_groups(summary, label)
        if not groups:
            continue
        lines.append(f'<h2 style="color:{_colour(label)}">{label.capitalize()} claims</h2>')
        for doc, teams in groups:
            lines += [_doc_heading(doc), '<table class="claims">', _CLAIM_COLUMNS]
            lines += [_decided_row(summary, doc, team) for team in teams]
            lines.append("</table>")
    return lines


def _contested(summary: Summary) -> list[str]:
    groups = contested_groups(summary)
    if not groups:
        return []
    lines = [
        "<h2>Contested claims</h2>",
        "<p>Analysts disagree and no verdict settles them yet.</p>",
    ]
    for doc, teams in groups:
        lines += [_doc_heading(doc), '<table class="contested">']
        lines.append(
            "<tr><th>Claim</th><th>Text</th><th>Analyst</th><th>Label</th><th>Note</th>"
            "<th>Sources</th></tr>"
        )
        for team in teams:
            span = len(team.tags)
            first = (
                f'<td class="n" rowspan="{span}">{team.claim.number}</td>'
                f'<td rowspan="{span}">{text(team.claim.text)}</td>'
            )
            for i, tag in enumerate(team.tags):
                lines.append(
                    f"<tr>{first if i == 0 else ''}<td>{text(tag_analyst(summary, tag.analyst))}"
                    f'</td><td class="label">{tag.label}</td><td>{text(tag.note)}</td>'
                    f"<td>{_sources(tag.sources)}</td></tr>"
                )
        lines.append("</table>")
    return lines


def _agreement(summary: Summary) -> list[str]:
    if len(summary.analysts) < 2:
        return []
    agreement = summary.agreement()
    lines = ["<h2>Agreement</h2>", f"<p>{text(headline(agreement))}.</p>"]
    if agreement.pairs:
        lines.append('<table class="agreement">')
        lines.append(
            "<tr><th>Analysts</th><th>Claims</th><th>Agreement</th><th>Cohen's κ</th></tr>"
        )
        lines += [
            f'<tr><td>{text(p.a)} / {text(p.b)}</td><td class="n">{p.units}</td>'
            f'<td class="n">{percent_of(p.percent)}</td><td class="n">{coefficient(p.kappa)}</td>'
            "</tr>"
            for p in agreement.pairs
        ]
        lines.append("</table>")
    if agreement.units and agreement.labels:
        lines.append(
            '<table class="agreement"><tr><th>Label</th><th>α (one against the rest)</th></tr>'
        )
        lines += [
            f'<tr><td>{label}</td><td class="n">{coefficient(value)}</td></tr>'
            for label, value in agreement.labels.items()
        ]
        lines.append("</table>")
    return lines


def _matches(summary: Summary) -> list[str]:
    lines = ["<h2>Claims in several documents</h2>"]
    if summary.matches is None:
        return [*lines, "<p>Not computed for this export.</p>"]
    if not summary.matches:
        return [*lines, "<p>None of the tagged claims was found in another document.</p>"]
    lines.append("<ul>")
    for match in summary.matches:
        verdict = (
            f" (<strong>labels disagree</strong>: {', '.join(match.labels)})"
            if match.disagree
            else ""
        )
        items = "".join(
            f"<li>{text(o.doc_id)}, claim {o.claim.number} ({o.claim.id}): "
            f"{o.label or 'not reviewed'}</li>"
            for o in match.occurrences
        )
        lines.append(f"<li>{text(match.text)}{verdict}<ul>{items}</ul></li>")
    lines.append("</ul>")
    conflicts = [c for m in summary.matches for c in m.conflicts]
    if conflicts:
        lines += ["<h2>Conflicting details</h2>", "<ul>"]
        for c in conflicts:
            details = "".join(f"<li>{text(s)}</li>" for s in c.sentences())
            lines.append(
                f"<li>{text(c.a.doc_id)}, claim {c.a.claim.number}: {text(c.a.claim.text)}"
                f"<br>against {text(c.b.doc_id)}, claim {c.b.claim.number}: "
                f"{text(c.b.claim.text)}<ul>{details}</ul></li>"
            )
        lines.append("</ul>")
    return lines


def _orphans(summary: Summary) -> list[str]:
    orphans = summary.orphans
    if not orphans:
        return []
    lines = [
        "<h2>Orphaned annotations</h2>",
        "<p>Their quote is no longer in the article; re-attach them in the reader "
        "(they are kept).</p>",
        "<ul>",
    ]
    for entry in orphans:
        note = f"<br>Note: {text(entry.record.note)}" if entry.record.note.strip() else ""
        lines.append(
            f'<li>{text(entry.doc_id)}: <span class="label">{text(entry.label)}</span> '
            f"({text(entry.id)}), was at {entry.start}–{entry.end}: "
            f"{text(entry.record.quote)}{note}</li>"
        )
    return [*lines, "</ul>"]


def _problems(summary: Summary) -> list[str]:
    found = problems(summary)
    if not found:
        return []
    return ["<h2>Problems</h2>", "<ul>", *(f"<li>{text(p)}</li>" for p in found), "</ul>"]


def render(summary: Summary) -> str:
    body = [*_header(summary), *_charts(summary), *_documents(summary)]
    if not summary.empty:
        body += _contested(summary)
        body += _label_sections(summary)
        body += _agreement(summary)
        body += _matches(summary)
        body += _orphans(summary)
    body += _problems(summary)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>Fact-check summary: {text(summary.corpus)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>"]) + "\n"
