"""Exports on every backend: JSONL documents, CSV and Parquet events, PLOVER JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from waqai.corpus import export as ex
from waqai.document import Document
from waqai.schema import validate_document


@pytest.fixture
def filled(store, crisis_docs):
    store.add_documents(crisis_docs.values())
    store.rebuild()
    return store


def test_store_export_jsonl_is_the_contract(filled, crisis_docs) -> None:
    buf = io.StringIO()
    assert ex.write_jsonl(filled, buf) == 6
    lines = buf.getvalue().splitlines()
    by_id = {d.id: d for d in crisis_docs.values()}
    for line in lines:
        data = json.loads(line)
        validate_document(data)
        assert Document.from_dict(data).to_dict() == by_id[data["id"]].to_dict()


def test_store_export_csv_mentions(filled) -> None:
    buf = io.StringIO()
    assert ex.write_csv(filled, buf) == 8
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == ex.MENTION_FIELDS
    main = [r for r in rows if r["type"] == "RETREAT" and r["cluster_date"] == "2022-01-13"]
    assert len(main) == 4
    assert {r["cluster_n_sources"] for r in main} == {"3"}
    assert {r["event_date"] for r in main} == {"2022-01-13", "2022-01", ""}
    for r in rows:
        assert r["trigger_text"]


def test_store_export_csv_clusters(filled) -> None:
    buf = io.StringIO()
    assert ex.write_csv(filled, buf, level="clusters") == 4
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == ex.CLUSTER_FIELDS


@pytest.mark.parametrize(("level", "n"), [("mentions", 8), ("clusters", 4)])
def test_store_export_parquet_reads_back(filled, tmp_path, level: str, n: int) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert ex.write_parquet(filled, str(path), level) == n
    table = pq.read_table(path)
    assert table.num_rows == n
    assert table.column_names == (ex.MENTION_FIELDS if level == "mentions" else ex.CLUSTER_FIELDS)
    rows = table.to_pylist()
    if level == "mentions":
        assert {r["type"] for r in rows} == {"RETREAT", "PROTEST", "ACCUSE"}
        assert all(
            isinstance(r["negated"], bool) and isinstance(r["trigger_start"], int) for r in rows
        )
    else:
        assert sorted(r["n_sources"] for r in rows) == [1, 1, 1, 3]


def test_store_export_plover_fields(filled) -> None:
    buf = io.StringIO()
    assert ex.write_plover(filled, buf, corpus="test") == 4
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    for rec in records:
        assert set(rec) <= set(ex.PLOVER_FIELDS)
        for field in ex.PLOVER_REQUIRED:
            assert rec[field] not in (None, [], ""), field
        assert len(rec["date"]) == 10
        assert isinstance(rec["event"], list)
        for ent in rec["actor"] + rec["recipient"]:
            assert set(ent) <= set(ex.PLOVER_ENTITY_FIELDS)
        assert set(rec["text_info"]) <= set(ex.PLOVER_TEXT_INFO_FIELDS)
        assert set(rec["cite_info"]) <= set(ex.PLOVER_CITE_INFO_FIELDS)
        if rec.get("event_loc"):
            assert set(rec["event_loc"]) <= set(ex.PLOVER_LOCATION_FIELDS)
    main = next(r for r in records if r["event"] == ["RETREAT"] and r["date"] == "2022-01-13")
    assert main["actor"][0] == {
        "code": "IGO",
        "entity_text": "منظمة معاهدة الأمن الجماعي",
        "identifier_id": "csto",
    }
    assert main["recipient"][0]["code"] == "KAZ"
    assert len(main["event_text"]) == 4
    assert main["mode"] == ["withdraw"] and main["context"] == ["military"]
    assert main["text_info"] == {"sequence": 0, "start": 0, "end": main["text_info"]["end"]}
    assert main["cite_info"]["language"] == "ar"


def test_store_export_plover_field_list_matches_manual() -> None:
    """The field list is the manual's JSON table, in its order (checked when ../shared is present)."""
    import re

    from conftest import SHARED

    manual = SHARED / "data" / "lexicons" / "plover" / "PLOVER_MANUAL.tex"
    if not manual.exists():
        pytest.skip("../shared is not present")
    tex = manual.read_text(encoding="utf-8")
    table = tex[tex.index("\\caption{PLOVER JSON }") : tex.index("\\label{tab:json}")]
    names = [m.replace("\\_", "_") for m in re.findall(r"^([a-z\\_]+) &", table, flags=re.M)]
    assert tuple(names) == ex.PLOVER_FIELDS
    required = [
        m.group(1).replace("\\_", "_")
        for m in re.finditer(r"^([a-z\\_]+) &.*& Y\s*\\\\", table, flags=re.M)
    ]
    assert tuple(required) == ex.PLOVER_REQUIRED


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-13", ("2022-01-13", "2022-01-13")),
        ("2022-02", ("2022-02-01", "2022-02-28")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022-12", ("2022-12-01", "2022-12-31")),
        ("2022", ("2022-01-01", "2022-12-31")),
        (None, None),
        ("soon", None),
    ],
)
def test_store_export_date_range(value: str | None, expected: tuple[str, str] | None) -> None:
    assert ex.date_range(value) == expected


def test_store_export_plover_partial_and_missing_dates(store, event_doc_factory) -> None:
    text = "قالت مصادر إن المحتجين تظاهروا في ألماتي خلال يناير، وإن الشرطة اعتقلت عددا منهم."
    month = {
        "type": "PROTEST",
        "trigger": "تظاهروا",
        "actor": ("المحتجين", None, "CVL"),
        "country": "KZ",
    }
    arrest = {
        "type": "COERCE",
        "trigger": "اعتقلت",
        "actor": ("الشرطة", None, "COP"),
        "country": "KZ",
    }
    store.add_documents(
        [event_doc_factory(text, [{**month, "date": "2022-01"}, {**arrest, "date": None}])]
    )
    store.rebuild()
    buf = io.StringIO()
    assert ex.write_plover(store, buf) == 1
    (rec,) = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert (rec["date"], rec["enddate"]) == ("2022-01-01", "2022-01-31")
    assert "month" in rec["comment"]
    assert ex.plover_undated(store) == 1
