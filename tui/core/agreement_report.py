"""Agreement figures as plain text (``factcheck agree``) and as Markdown (the export).

One place decides how a figure reads, so the command line, the reader and the
Markdown report never disagree: α, AC1 and κ with three decimals, agreement
as a whole percentage, and "n/a" where a figure is undefined.
"""

from __future__ import annotations

from tui.core.agreement import Agreement, Confusion


def coefficient(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def claims(count: int) -> str:
    return f"{count} claim{'' if count == 1 else 's'}"


def headline(summary: Agreement) -> str:
    """One line: how many claims, and the three overall figures."""
    if not summary.units:
        return (
            f"No claim was tagged by two analysts or more "
            f"({len(summary.analysts)} analyst{'s' if len(summary.analysts) != 1 else ''})"
        )
    return (
        f"{claims(summary.units)} tagged by two analysts or more: agreement "
        f"{percent(summary.percent)}, Krippendorff's α {coefficient(summary.alpha)}, "
        f"Gwet's AC1 {coefficient(summary.ac1)}"
    )


def figures(summary: Agreement) -> str:
    """The three overall figures on one short line (the dashboard's second line)."""
    return (
        f"agreement {percent(summary.percent)} · Krippendorff's α {coefficient(summary.alpha)} "
        f"· Gwet's AC1 {coefficient(summary.ac1)}"
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def text_report(summary: Agreement, table: Confusion | None = None) -> list[str]:
    """The lines ``factcheck agree`` prints (names are the caller's to clean)."""
    lines = [headline(summary)]
    if summary.pairs:
        lines += ["", "Pairs of analysts"]
        lines += _table(
            ["analysts", "claims", "agreement", "Cohen's κ"],
            [
                [f"{p.a} / {p.b}", str(p.units), percent(p.percent), coefficient(p.kappa)]
                for p in summary.pairs
            ],
        )
    if summary.units and summary.labels:
        lines += ["", "Per label (one against the rest)"]
        lines += _table(
            ["label", "α"], [[label, coefficient(value)] for label, value in summary.labels.items()]
        )
    if summary.documents:
        lines += ["", "Per document"]
        lines += _table(
            ["document", "claims", "agreement", "α"],
            [
                [d.doc, str(d.units), percent(d.percent), coefficient(d.alpha)]
                for d in summary.documents
            ],
        )
    if table is not None and table.units:
        lines += ["", f"Confusion: {table.a} (rows) against {table.b} (columns)"]
        lines += _table(
            ["", *table.labels],
            [[row, *(str(table.cell(row, col)) for col in table.labels)] for row in table.labels],
        )
    return lines


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_section(summary: Agreement, heading: str = "## Agreement") -> str:
    """The agreement figures as a Markdown section for the export ("" with one analyst).

    Names are escaped for table cells; the caller need not clean them.
    """
    if len(summary.analysts) < 2:
        return ""
    lines = [heading, "", _md_cell(headline(summary)) + ".", ""]
    if summary.pairs:
        lines += ["| Analysts | Claims | Agreement | Cohen's κ |", "|---|---:|---:|---:|"]
        lines += [
            f"| {_md_cell(p.a)} / {_md_cell(p.b)} | {p.units} | {percent(p.percent)} "
            f"| {coefficient(p.kappa)} |"
            for p in summary.pairs
        ]
        lines.append("")
    if summary.units and summary.labels:
        lines += ["| Label | α (one against the rest) |", "|---|---:|"]
        lines += [f"| {label} | {coefficient(v)} |" for label, v in summary.labels.items()]
        lines.append("")
    return "\n".join(lines)
