"""The report chart: cases per day (bars) and median first-response time per day (line)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Iterable
from zoneinfo import ZoneInfo

from kuulo.bot.report import nearest_rank
from kuulo.storage.reports import CaseFacts


def daily_series(facts: Iterable[CaseFacts], since: datetime, until: datetime,
                 tz: ZoneInfo) -> list[tuple[date, int, float | None]]:
    """(day, cases, median FRT in minutes) for every day of the period in the team's time zone."""
    cases: dict[date, int] = defaultdict(int)
    frts: dict[date, list[float]] = defaultdict(list)
    for _brand, _platform, _category, state, created, responded, _closed, _agent in facts:
        day = datetime.fromtimestamp(created, tz).date()
        cases[day] += 1
        if state == "answered" and responded is not None:
            frts[day].append(max(0.0, responded - created) / 60)
    first, last = since.astimezone(tz).date(), (until - timedelta(microseconds=1)).astimezone(tz).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [(d, cases[d], nearest_rank(sorted(frts[d]), 50)) for d in days]


def draw_chart(series: list[tuple[date, int, float | None]], path: str, title: str) -> None:
    """Write the chart as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    days = [d.strftime("%a %d.%m.") for d, _, _ in series]
    fig, ax = plt.subplots(figsize=(max(6, len(series) * 0.8), 4), dpi=100)
    try:
        ax.bar(days, [n for _, n, _ in series], color="#8fb8de", label="cases")
        ax.set_ylabel("cases")
        ax.tick_params(axis="x", rotation=45 if len(series) > 10 else 0)
        right = ax.twinx()
        right.plot(days, [m if m is not None else float("nan") for _, _, m in series],
                   color="#c0392b", marker="o", label="median first response (min)")
        right.set_ylabel("median first response, minutes")
        right.set_ylim(bottom=0)
        ax.set_title(title)
        handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
        ax.legend(handles, [h.get_label() for h in handles], loc="upper left", fontsize="small")
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)


def entries_chart_png(days: list[tuple[str, int]], title: str) -> bytes:
    """A contest's entries per day (ISO day, count) as a bar chart, PNG bytes."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, len(days) * 0.6), 3.5), dpi=100)
    try:
        ax.bar([day[5:] for day, _ in days], [n for _, n in days], color="#8fb8de")
        ax.set_ylabel("entries")
        ax.tick_params(axis="x", rotation=45 if len(days) > 10 else 0)
        ax.set_title(title)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
