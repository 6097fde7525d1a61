"""The sanctionmatch command: exit codes, JSON output, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sanctionmatch.cli import main
from tests.conftest import FIXTURES

ARTICLE = FIXTURES / "text" / "seed_article_en.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_listed_name_exits_1_and_shows_the_entity(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "screen", "Dmitriy Peskov")
    assert status == 1
    assert "PESKOV" in out and "matched name" in out


def test_an_unlisted_name_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "screen", "Olaf Scholz", "Emmanuel Macron")
    assert status == 0
    assert out.count("no match") == 2


def test_json_output_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "screen", "--json", "--limit", "2", "PESKOV, Dmitry", "Olaf Scholz"
    )
    assert status == 1
    document = json.loads(out)
    first, second = document["results"]
    assert first["matches"][0]["entity"]["schema"] == "Person"
    assert len(first["matches"]) <= 2
    assert second["matches"] == []
    assert len(first["index"]["fingerprint"]) == 64
    assert {lst["source"] for lst in first["index"]["lists"]} == {"eu", "ofac-sdn", "un"}


def test_screen_text_json_has_spans(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "screen-text", "--json", str(ARTICLE))
    text = ARTICLE.read_text(encoding="utf-8")
    assert status == 1
    mentions = json.loads(out)["mentions"]
    assert mentions and all(text[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_screen_text_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    fake = io.TextIOWrapper(io.BytesIO(b"Nothing to see here, said Olaf Scholz."))
    monkeypatch.setattr(sys, "stdin", fake)
    status, out, _ = run(capsys, "screen-text", "-")
    assert (status, out.strip()) == (0, "no listed names mentioned")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["screen", "   "], "a name needs at least one letter"),
        (["screen", "Peskov", "--threshold", "2"], "threshold must be between"),
        (["screen", "Peskov", "--limit", "0"], "limit must be a whole number"),
        (["screen-text", "/no/such/file.txt"], "No such file"),
        (["screen", "Peskov", "--lists", "/no/such/list.json"], "cannot read the file"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("sanctionmatch: error:")
    assert message in err


def test_malformed_list_file_names_file_record_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "sanctionmatch-list",
                "format_version": 1,
                "list": {"source": "eu"},
                "entities": [
                    {
                        "id": "eu:1",
                        "schema": "Person",
                        "names": [{"full": "Ivan Ivanov"}],
                        "listings": [{"source": "eu"}],
                        "birth_dates": [{"value": "1960-13-01"}],
                    }
                ],
            }
        )
    )
    status, _, err = run(capsys, "screen", "Ivanov", "--lists", str(bad))
    assert status == 2
    assert "bad.json" in err and "entities[0] (id 'eu:1')" in err and "birth_dates.0.value" in err


def test_lists_option_replaces_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "own.json"
    own.write_text(
        json.dumps(
            {
                "format": "sanctionmatch-list",
                "format_version": 1,
                "list": {"source": "other"},
                "entities": [
                    {
                        "id": "other:7",
                        "schema": "Person",
                        "names": [{"full": "Ivan Petrovich Sidorov"}],
                        "listings": [{"source": "other", "programmes": ["TEST"]}],
                    }
                ],
            }
        )
    )
    assert run(capsys, "screen", "Sidorov Ivan", "--lists", str(own))[0] == 1
    assert run(capsys, "screen", "Dmitry Peskov", "--lists", str(own))[0] == 0


def test_console_script_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sanctionmatch", "screen", "--json", "Токарев Николай"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["results"][0]["matches"]


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    assert "ScreeningResult" in json.loads(out)


BUNDLED = sorted(
    (Path(__file__).resolve().parents[2] / "sanctionmatch" / "data" / "lists").glob("*.json")
)


def test_index_then_screen_with_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "lists.smidx"
    report = tmp_path / "report.json"
    status, out, _ = run(
        capsys, "index", *map(str, BUNDLED), "-o", str(output), "--report", str(report)
    )
    assert status == 0
    assert "eu.json: native-json, eu, published 2024-05-13" in out
    assert f"wrote {output}" in out
    reports = json.loads(report.read_text())["reports"]
    assert [r["entities_loaded"] for r in reports] == [r["records_read"] for r in reports]
    status, out, _ = run(capsys, "screen", "--json", "Peskow Dmitri", "--index", str(output))
    assert status == 1
    files = {lst["file"] for lst in json.loads(out)["results"][0]["index"]["lists"]}
    assert files == {p.name for p in BUNDLED}


def test_lists_shows_the_default_lists(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lists")
    assert status == 0
    assert "entities" in out and "eu.json" in out and "ofac_sdn.json" in out and "un.json" in out
    status, out, _ = run(capsys, "lists", "--json")
    assert json.loads(out)["entity_count"] >= 150


def test_a_damaged_index_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.smidx"
    bad.write_bytes(b"SMIDX\n\x00\x01")
    status, _, err = run(capsys, "screen", "Peskov", "--index", str(bad))
    assert status == 2 and "bad.smidx: truncated" in err


def test_lists_and_index_options_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "screen", "Peskov", "--index", "a.smidx", "--lists", "b.json")
    assert status == 2 and "not allowed with" in err


def test_facts_options_show_their_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "screen", "Dmitry Sergeyevich Peskov", "--birth-date", "1967-10-17"
    )
    assert status == 1 and "birth-date match (+0.05)" in out
    status, out, _ = run(capsys, "screen", "--json", "Dmitry Peskov", "--birth-date", "17/10/1967")
    assert status == 2 and out == ""


def test_explain_shows_each_aligned_token_and_cost(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "D. Peskov", "PESKOV, Dmitry Sergeyevich")
    assert code == 0
    assert "score 0.840" in out
    assert "'d' ~ 'dmitry': initial, similarity 0.850" in out
    assert "candidate patronymic 'sergeyevich' unmatched: costs 0.20" in out


def test_explain_json_is_a_name_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "Зеленський", "Zelenskyy", "--json")
    document = json.loads(out)
    assert code == 0 and document["score"] == 1.0
    assert document["explanation"]["alignments"][0]["rule"] == "romanisation"


def test_screen_explain_prints_why_each_match_scored(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "screen", "Dmitriy Peskov", "--explain")
    assert code == 1
    assert "'dmitriy' ~ 'dmitry': romanisation" in out
    assert "rules: exact, romanisation, unmatched-patronymic" in out


def test_screen_reads_names_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Olaf Scholz\n\nPoutine, Vladimir\n", encoding="utf-8")
    code, out, _ = run(capsys, "screen", "Selenskyj", "--file", str(names), "--json")
    queries = [r["query"] for r in json.loads(out)["results"]]
    assert code == 1 and queries == ["Selenskyj", "Olaf Scholz", "Poutine, Vladimir"]


def test_screen_without_names_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "screen")
    assert code == 2 and "at least one NAME" in err


def test_results_carry_options_and_a_pinned_timestamp(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1646092800")  # 2022-03-01T00:00:00Z
    _, out, _ = run(capsys, "screen", "Dmitry Peskov", "--json", "--threshold", "0.85")
    result = json.loads(out)["results"][0]
    assert result["screened_at"] == "2022-03-01T00:00:00Z"
    assert (result["threshold"], result["limit"], result["retrieval"]) == (0.85, 10, "candidates")
    assert result["index"]["library_version"] and result["index"]["fingerprint"]


def test_a_bad_source_date_epoch_is_reported(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = run(capsys, "screen", "Dmitry Peskov")
    assert code == 2 and "SOURCE_DATE_EPOCH" in err


def _screen_in_a_process(names: Path, seed: str, jobs: str) -> bytes:
    environment = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"},
        "PYTHONHASHSEED": seed,
        "SOURCE_DATE_EPOCH": "1646092800",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sanctionmatch",
            "screen",
            "--file",
            str(names),
            "--json",
            "--jobs",
            jobs,
        ],
        capture_output=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_json_is_byte_identical_across_hash_seeds_and_job_counts(tmp_path: Path) -> None:
    base = [
        "Dmitry Peskov",
        "Olaf Scholz",
        "Poutine, Vladimir",
        "Selenskyj",
        "Tokarev N. P.",
        "Abdul Rahman",
        "Transneft",
        "Maria Ivanova",
        "PESKOV, Dmitry Sergeyevich",
    ]
    names = tmp_path / "names.txt"
    # More names than screen_many's parallel minimum, so that --jobs 2 really forks.
    names.write_text("\n".join(f"{n}" for _ in range(250) for n in base), encoding="utf-8")
    runs = {
        (seed, jobs): _screen_in_a_process(names, seed, jobs)
        for seed, jobs in (("0", "1"), ("1", "2"), ("4242", "2"), ("random", "1"))
    }
    first = runs[("0", "1")]
    assert len(json.loads(first)["results"]) == 2250
    assert all(output == first for output in runs.values())
