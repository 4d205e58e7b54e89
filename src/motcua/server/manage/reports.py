"""Figures over a range of business days, for the manager's reports and exports.

Built from the queue's own daily statistics (``DayStats``, one per day) and the day's
ratings: counts add up across days; mean waits are weighted by how many tickets each day
measured; medians and p90s stay per day (a median of medians would be a different
number), and the report shows their course over the range.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from motcua.dossier.indicators import DossierIndicators
from motcua.queue.models import Rating, Satisfaction
from motcua.queue.stats import COUNTS, WAIT_BINS_MINUTES, DayStats, Figures

MAX_DAYS = 400
COUNT_LABELS = {
    "issued": ("Số phát", "Issued"),
    "served": ("Đã phục vụ", "Served"),
    "no_show": ("Vắng mặt", "No-show"),
    "transferred": ("Chuyển", "Transferred"),
    "cancelled": ("Hủy", "Cancelled"),
    "expired": ("Hết hạn", "Expired"),
}


def days_between(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError("to < from")
    n = (last - first).days + 1
    if n > MAX_DAYS:
        raise ValueError(f"at most {MAX_DAYS} days")
    return [first + timedelta(days=i) for i in range(n)]


@dataclass
class Tally:
    """Counts and weighted means of one group over the range."""

    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    wait_sum: float = 0.0
    wait_n: int = 0
    service_sum: float = 0.0
    service_n: int = 0
    good: int = 0
    rated: int = 0
    clerks: dict[str, None] = field(default_factory=dict)  # counters: who was signed in

    def add(self, f: Figures) -> None:
        for clerk in getattr(f, "clerks", ()):
            self.clerks[clerk] = None
        for key in COUNTS:
            self.counts[key] += int(getattr(f, key))
        w, s = f.waiting_seconds, f.service_seconds
        if w.count and w.mean is not None:
            self.wait_sum += w.mean * w.count
            self.wait_n += w.count
        if s.count and s.mean is not None:
            self.service_sum += s.mean * s.count
            self.service_n += s.count
        self.good += f.ratings.rat_hai_long + f.ratings.hai_long
        self.rated += f.ratings.rated

    @property
    def wait_mean_minutes(self) -> float | None:
        return round(self.wait_sum / self.wait_n / 60, 1) if self.wait_n else None

    @property
    def service_mean_minutes(self) -> float | None:
        return round(self.service_sum / self.service_n / 60, 1) if self.service_n else None

    @property
    def satisfaction(self) -> float | None:
        return round(self.good / self.rated, 4) if self.rated else None


@dataclass
class RangeReport:
    first: date
    last: date
    days: list[DayStats]
    ratings: list[Rating]
    dossiers: DossierIndicators | None = None  # None: this center keeps no dossiers
    total: Tally = field(init=False)
    by_service: dict[str, Tally] = field(init=False)
    by_counter: dict[int, Tally] = field(init=False)
    by_hour: dict[int, Tally] = field(init=False)
    arrivals: dict[tuple[int, int], int] = field(init=False)  # (weekday, hour) -> issued
    wait_histogram: list[int] = field(init=False)  # waits per bin of WAIT_BINS_MINUTES

    def __post_init__(self) -> None:
        self.total = Tally("Tổng")
        self.by_service, self.by_counter, self.by_hour = {}, {}, {}
        self.arrivals = defaultdict(int)
        self.wait_histogram = [0] * (len(WAIT_BINS_MINUTES) + 1)
        for day in self.days:
            self.total.add(day.totals)
            for i, n in enumerate(day.wait_histogram):
                self.wait_histogram[i] += n
            for s in day.by_service:
                self.by_service.setdefault(s.service_code, Tally(s.name)).add(s)
            for c in day.by_counter:
                self.by_counter.setdefault(c.counter, Tally(c.label)).add(c)
            for h in day.by_hour:
                self.by_hour.setdefault(h.hour, Tally(f"{h.hour:02d}:00")).add(h)
                self.arrivals[(day.day.weekday(), h.hour)] += h.issued

    @property
    def complaints(self) -> list[Rating]:
        """The KHÔNG HÀI LÒNG ratings, each with the reason the citizen gave."""
        return [r for r in self.ratings if r.level is Satisfaction.UNSATISFIED]


def wait_bin_labels() -> list[str]:
    """'0–5', '5–10', ... '90+' (minutes), the bins of ``RangeReport.wait_histogram``."""
    edges = (0, *WAIT_BINS_MINUTES)
    return [f"{a}–{b}" for a, b in pairwise(edges)] + [f"{edges[-1]}+"]


def build_report(
    days: Iterable[DayStats],
    ratings: list[Rating],
    first: date,
    last: date,
    dossiers: DossierIndicators | None = None,
) -> RangeReport:
    return RangeReport(first, last, list(days), ratings, dossiers)


# Decision 766/QĐ-TTg's measurable indicators, as the report, CSV and XLSX name them.
DOSSIER_LABELS = {
    "received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "finished": ("Hồ sơ đã giải quyết", "Dossiers finished"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "Share on time"),
    "overdue": ("Đang quá hạn", "Overdue now"),
    "digitized": ("Đã số hóa", "Digitized"),
    "digitized_rate": ("Tỷ lệ số hóa", "Share digitized"),
}


def dossier_rows(d: DossierIndicators) -> list[tuple[str, str, object]]:
    """(key, Vietnamese label, value) of each indicator."""
    return [(k, vi, getattr(d, k)) for k, (vi, _) in DOSSIER_LABELS.items()]


HEADER = [
    "Nhóm",
    "Mã",
    "Tên",
    *(COUNT_LABELS[k][0] for k in COUNTS),
    "Chờ trung bình (phút)",
    "Phục vụ trung bình (phút)",
    "Đánh giá",
    "Tỷ lệ hài lòng",
    "Cán bộ tại quầy",
]


def rows(report: RangeReport) -> list[list[object]]:
    """One row per group and key, as the CSV and the XLSX show them."""

    def row(group: str, key: object, t: Tally) -> list[object]:
        return [
            group,
            key,
            t.name,
            *(t.counts[k] for k in COUNTS),
            t.wait_mean_minutes,
            t.service_mean_minutes,
            t.rated,
            t.satisfaction,
            "; ".join(t.clerks) or None,
        ]

    out = [row("Tổng", f"{report.first}..{report.last}", report.total)]
    out += [row("Dịch vụ", code, t) for code, t in sorted(report.by_service.items())]
    out += [row("Quầy", n, t) for n, t in sorted(report.by_counter.items())]
    out += [row("Giờ", h, t) for h, t in sorted(report.by_hour.items())]
    return out


def to_csv(report: RangeReport) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads "Hộ tịch" right), Vietnamese headers."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for r in rows(report):
        writer.writerow(["" if v is None else v for v in r])
    writer.writerow([])  # then the distribution of waits, after an empty row
    writer.writerow(["Thời gian chờ (phút)", "Số lượt"])
    for label, n in zip(wait_bin_labels(), report.wait_histogram, strict=True):
        writer.writerow([label, n])
    if report.dossiers is not None:  # and Decision 766's dossier figures
        writer.writerow([])
        writer.writerow(["Chỉ số hồ sơ (QĐ 766/QĐ-TTg)", "Mã", "Giá trị"])
        for key, label, value in dossier_rows(report.dossiers):
            writer.writerow([label, key, "" if value is None else value])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(report: RangeReport) -> bytes:
    """A workbook with a sheet per breakdown, and the complaints with their reasons."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    groups = {"Tổng": "Tổng hợp", "Dịch vụ": "Theo dịch vụ", "Quầy": "Theo quầy", "Giờ": "Theo giờ"}
    first = True
    for group, title in groups.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append(HEADER)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows(report):
            if r[0] == group:
                ws.append(r)
    days = wb.create_sheet("Theo ngày")
    days.append(
        [
            "Ngày",
            *(COUNT_LABELS[k][0] for k in COUNTS),
            "Chờ trung vị (phút)",
            "Chờ p90 (phút)",
            "Tỷ lệ hài lòng",
        ]
    )
    for d in report.days:
        w = d.totals.waiting_seconds
        days.append(
            [
                d.day,
                *(getattr(d.totals, k) for k in COUNTS),
                round(w.median / 60, 1) if w.median is not None else None,
                round(w.p90 / 60, 1) if w.p90 is not None else None,
                d.totals.ratings.satisfaction_rate,
            ]
        )
    if report.dossiers is not None:
        ds = wb.create_sheet("Hồ sơ (QĐ 766)")
        ds.append(["Chỉ số", "Mã", "Giá trị"])
        for key, label, value in dossier_rows(report.dossiers):
            ds.append([label, key, value])
    waits = wb.create_sheet("Phân bố thời gian chờ")
    waits.append(["Thời gian chờ (phút)", "Số lượt"])
    for label, n in zip(wait_bin_labels(), report.wait_histogram, strict=True):
        waits.append([label, n])
    bad = wb.create_sheet("Không hài lòng")
    bad.append(["Thời điểm", "Dịch vụ", "Quầy", "Lý do"])
    for c in report.complaints:
        bad.append([c.at.replace(tzinfo=None), c.service_code, c.counter, c.reason])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
