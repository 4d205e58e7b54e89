"""Builds the demo catalog: the real procedures plus generated ones of the same shape.

A provincial center publishes 1,500-1,900 procedures. Shipping such a database in
the repository would bloat it, so we ship the material (``demo_data.py``) and a
deterministic generator: the same seed gives the same catalog, byte for byte in
content, on every machine. ``write_catalog`` stores any list of procedures in the
SQLite layout ``store.py`` reads (the portal pull will write the same layout).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import tempfile
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from motcua.catalog.demo_data import (
    COMMON_PAPERS,
    FEES,
    FIELDS,
    GROUPS,
    PROCESSING_TIMES,
    QUALIFIERS,
    REAL,
)
from motcua.catalog.folding import fold
from motcua.catalog.procedure import (
    ONLINE_FULL,
    ONLINE_INFO,
    ONLINE_PARTIAL,
    PORTAL_URL,
    Procedure,
)

GENERATOR_VERSION = 3  # bump when the generated content changes: cached DBs rebuild
DEFAULT_COUNT = 1900
DEFAULT_SEED = 20251

SCHEMA_VERSION = 1


def real_procedures() -> list[Procedure]:
    return [
        Procedure(
            code=code,
            name=name,
            field=field,
            agency_level=level,
            processing_time=time,
            fee=fee,
            online_level=online,
            papers=papers,
            online_url=PORTAL_URL.format(code=code),
            legal_basis=basis,
        )
        for code, name, field, level, time, fee, online, papers, basis in REAL
    ]


# Actions that only make sense on a document ("Cấp giấy phép...", not "Cấp dự án"),
# actions that fit both, and (all the others) actions on a matter, not a document
# ("Đăng ký thường trú", not "Đăng ký giấy phép").
_DOCUMENT_ACTIONS = frozenset(
    {
        "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Thu hồi", "Đổi", "Khôi phục giá trị sử dụng",
        "Hủy giá trị sử dụng", "Cấp sửa đổi, bổ sung", "Sửa đổi, bổ sung", "Cấp bản sao",
        "Chỉnh sửa nội dung", "Điều chỉnh nội dung", "Đính chính",
    }
)  # fmt: skip
_EITHER_ACTIONS = frozenset(
    {
        "Công nhận", "Xác nhận", "Thẩm định", "Phê duyệt", "Chấp thuận", "Kiểm tra", "Tặng",
        "Xét tặng", "Chứng thực", "Công chứng", "Nghiệm thu", "Thẩm duyệt",
        "Công bố", "Xét, công nhận", "Điều chỉnh", "Cấp chứng chỉ",
        "Cấp bản sao trích lục", "Cấp bản sao có chứng thực từ bản chính", "Đề nghị",
    }
)  # fmt: skip
_DOCUMENT_NOUNS = (
    "giấy", "thẻ", "chứng chỉ", "phù hiệu", "hộ chiếu", "thị thực", "văn bằng", "bằng ",
    "phiếu", "kết quả", "bản công bố", "báo cáo",
)  # fmt: skip


def _fits(action: str, subject: str) -> bool:
    if action in _EITHER_ACTIONS:
        return True
    is_document = subject.lower().startswith(_DOCUMENT_NOUNS)
    return is_document == (action in _DOCUMENT_ACTIONS)


def _candidate_names(rng: random.Random) -> list[tuple[str, str]]:
    """(field, name) pairs: plain action+subject first, then qualified variants."""
    plain: list[tuple[str, str]] = []
    qualified: list[tuple[str, str]] = []
    for field, (actions, subjects, _papers, _basis) in FIELDS.items():
        explicit = field in GROUPS
        for group_actions, group_subjects in GROUPS.get(field, ((actions, subjects),)):
            for action, subject in itertools.product(group_actions, group_subjects):
                if not explicit and not _fits(action, subject):
                    continue
                base = f"{action} {subject}"
                plain.append((field, base))
                qualified.extend((field, base + q) for q in dict.fromkeys(QUALIFIERS) if q)
    rng.shuffle(plain)
    rng.shuffle(qualified)
    return plain + qualified


def generate_procedures(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> list[Procedure]:
    """The real procedures plus generated ones, ``count`` in all, deterministic for a seed."""
    rng = random.Random(seed)
    procedures = real_procedures()
    used_codes = {p.code for p in procedures}
    used_names = {fold(p.name) for p in procedures}
    for field, name in _candidate_names(rng):
        if len(procedures) >= count:
            break
        if fold(name) in used_names:
            continue
        used_names.add(fold(name))
        while True:
            code = f"{rng.choices(('1', '2'), (4, 1))[0]}.00{rng.randrange(10000):04d}"
            if code not in used_codes:
                used_codes.add(code)
                break
        _actions, _subjects, pool, basis = FIELDS[field]
        papers = [pool[0], *rng.sample(pool[1:], k=min(len(pool) - 1, rng.randint(1, 3)))]
        papers.append(rng.choice(COMMON_PAPERS))
        procedures.append(
            Procedure(
                code=code,
                name=name,
                field=field,
                agency_level=rng.choices(("Cấp tỉnh", "Cấp xã"), (78, 22))[0],
                processing_time=rng.choice(PROCESSING_TIMES),
                fee=rng.choice(FEES),
                online_level=rng.choices((ONLINE_FULL, ONLINE_PARTIAL, ONLINE_INFO), (45, 30, 25))[
                    0
                ],
                papers=tuple(dict.fromkeys(papers)),
                online_url=PORTAL_URL.format(code=code),
                legal_basis=basis,
            )
        )
    if len(procedures) < count:
        raise ValueError(f"the demo material yields at most {len(procedures)} procedures")
    return procedures


def write_catalog(path: str | Path, procedures: Iterable[Procedure], source: str = "demo") -> Path:
    """Write procedures to a fresh SQLite file, atomically (readers never see half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite_utils.Database(tmp_name)
        rows = [
            {**p.to_dict(), "papers": json.dumps(p.papers, ensure_ascii=False)} for p in procedures
        ]
        db.table("procedures").insert_all(rows, pk="code")
        db.table("procedures").create_index(["field"])
        db.table("meta").insert_all(
            [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "source", "value": source},
            ],
            pk="key",
        )
        db.close()
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path
