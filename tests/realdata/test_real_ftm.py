"""The OpenSanctions FtM sample (91 lines, CC BY-NC, read in place, never copied) loads whole.

Every line is accounted for: 17 entities (6 Person, 11 Company), 74 lines of other schemata
skipped and counted in a note, none rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sanctionmatch.models import EntitySchema
from sanctionmatch.sources import SourceFormat, load, opensanctions

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "formats"
    / "opensanctions_sample.ftm.jsonl"
)

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def sample() -> Path:
    if not SAMPLE.is_file():
        pytest.skip(f"the OpenSanctions FtM sample is not at {SAMPLE} (../shared/data is absent)")
    return SAMPLE


def test_every_line_of_the_sample_is_accounted_for(sample: Path) -> None:
    loaded = load(sample)
    report = loaded.report
    assert report.format is SourceFormat.FTM_JSONL
    assert report.records_read == 91
    (note,) = [n for n in report.notes if n.startswith(opensanctions.SKIPPED_NOTE)]
    skipped = dict(re.findall(r"(\w+) (\d+)", note.split("records: ", 1)[1]))
    assert skipped == {
        "Address": "11",
        "Directorship": "3",
        "Family": "4",
        "Ownership": "14",
        "Passport": "1",
        "Sanction": "41",
    }
    skipped_total = sum(int(count) for count in skipped.values())
    assert (report.entities_loaded, skipped_total, len(report.rejected)) == (17, 74, 0)
    assert report.entities_loaded + skipped_total + len(report.rejected) == report.records_read
    assert Counter(e.schema_ for e in loaded.entities) == {
        EntitySchema.PERSON: 6,
        EntitySchema.ORGANIZATION: 11,
    }
    assert report.aliases_loaded == 245


def test_sample_people_keep_their_details(sample: Path) -> None:
    people = [e for e in load(sample).entities if e.schema_ is EntitySchema.PERSON]
    assert all(e.birth_dates and e.nationalities == ("ru",) for e in people)
    assert all(e.id.startswith("opensanctions:") for e in people)
    assert any(n.language is None and n.kind.value == "former" for e in people for n in e.names)
