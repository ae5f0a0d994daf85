"""Persona files as instructors write them: what loads, and what each mistake is reported as."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.personas import (
    MAX_PERSONA_BYTES,
    PersonaFileError,
    check_report,
    load_catalog,
    load_persona,
)
from tests.factories import PERSONA

ROOT = Path(__file__).resolve().parent.parent


def persona_yaml(**changes: Any) -> str:
    data = copy.deepcopy({k: v for k, v in PERSONA.items() if k != "id"})
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PersonaFileError) as caught:
        load_persona(path)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "personas").mkdir()
    return tmp_path / "personas"


def test_a_valid_file_loads_with_its_file_name_as_id(folder: Path) -> None:
    (folder / "sam-early.yaml").write_text(persona_yaml(), encoding="utf-8")
    persona = load_persona(folder / "sam-early.yaml")
    assert persona.id == "sam-early" and persona.name == "Sam"
    assert persona.disclosure_id(1) == "disclosure-2"


def test_a_wrong_value_is_reported_with_file_line_and_full_field_path(folder: Path) -> None:
    text = persona_yaml()
    text = text.replace("- trust: 0.7", "- trust: 1.7")
    path = folder / "dana.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "trust: 1.7" in ln)
    assert problems_of(path) == [
        f"personas/dana.yaml:{line}: disclosures[1].trust: must be between 0 and 1 (got 1.7)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("difficulty: impossible\n", "bad.yaml:1: difficulty: must be one of"),
        (persona_yaml().replace("  age: 38", "  agee: 38"), "who.agee: unknown field 'agee'"),
        (persona_yaml().replace("  age: 38", "  agee: 38"), "(did you mean 'age'?)"),
        (persona_yaml().replace("  age: 38\n", ""), "who.age: is required"),
        (persona_yaml().replace("age: 38", "age: thirty"), "who.age: must be a whole number"),
        (persona_yaml(who={**PERSONA["who"], "name": "x" * 300}), "must be at most 200 char"),
        (
            persona_yaml(lines={**PERSONA["lines"], "withdrawn": ["Whatever."]}),
            "lines.withdrawn: needs at least 2 lines (has 1)",
        ),
        ("who:\n  name: Sam: the second\n", "bad.yaml:2: YAML syntax"),
        ("who:\n\tname: Sam\n", "a tab is used for indentation"),
        ("a: &x hi\nb: *x\n", "bad.yaml:1: YAML anchors and aliases"),
        ("difficulty: gentle\ndifficulty: moderate\n", "bad.yaml:2: difficulty: appears twice"),
        ("", "file is empty"),
        ("# only a comment\n", "file is empty"),
        ("- just\n- a list\n", "must be a mapping of fields"),
        ("difficulty: gentle\n---\ndifficulty: moderate\n", "one persona per file"),
        ("id: someone-else\n", "bad.yaml:1: id: remove this field"),
    ],
)
def test_each_mistake_gets_one_clear_cause(folder: Path, text: str, expected: str) -> None:
    path = folder / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    report = "\n".join(problems_of(path))
    assert expected in report
    assert "Traceback" not in report and "pydantic" not in report.lower()


def test_duplicate_disclosure_ids_are_refused(folder: Path) -> None:
    path = folder / "twice.yaml"
    disclosures = [
        {"id": "job", "trust": 0.5, "text": "a"},
        {"id": "job", "trust": 0.6, "text": "b"},
    ]
    path.write_text(persona_yaml(disclosures=disclosures), encoding="utf-8")
    assert any("disclosures: id 'job' is used twice" in p for p in problems_of(path))


def test_oversized_non_utf8_and_badly_named_files(folder: Path) -> None:
    big = folder / "big.yaml"
    big.write_text("background: " + "x" * MAX_PERSONA_BYTES + "\n", encoding="utf-8")
    assert problems_of(big) == ["personas/big.yaml: file is 64 KiB; the limit is 64 KiB"]
    latin = folder / "latin.yaml"
    latin.write_bytes(b"difficulty: gentle\nwho:\n  name: Jos\xe9\n")
    assert problems_of(latin) == [
        "personas/latin.yaml:3: not UTF-8 text (byte 35); save the file as UTF-8"
    ]
    named = folder / "Dana Smith.yaml"
    named.write_text(persona_yaml(), encoding="utf-8")
    assert "the file name becomes the persona id" in problems_of(named)[0]


def test_a_billion_laughs_file_is_refused_before_it_expands(folder: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    path = folder / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems_of(path)[0].startswith("personas/laughs.yaml:1: YAML anchors and aliases")


def test_a_broken_file_is_skipped_while_the_others_load(folder: Path) -> None:
    (folder / "sam.yaml").write_text(persona_yaml(), encoding="utf-8")
    (folder / "broken.yaml").write_text("who: [unclosed\n", encoding="utf-8")
    (folder / "_template.yaml").write_text("not: a persona\n", encoding="utf-8")
    (folder / ".draft.yaml").write_text("not: a persona\n", encoding="utf-8")
    (folder / "notes.txt").write_text("ignored\n", encoding="utf-8")
    catalog = load_catalog(folder)
    assert [p.id for p in catalog] == ["sam"]
    assert len(catalog.problems) == 1 and str(catalog.problems[0]).startswith(
        "personas/broken.yaml:"
    )
    text, code = check_report(catalog)
    assert code == 1
    assert "ok  sam" in text and "personas/broken.yaml:" in text and "personas/README.md" in text


def test_the_same_id_twice_and_missing_or_empty_folders(folder: Path) -> None:
    (folder / "sam.yaml").write_text(persona_yaml(), encoding="utf-8")
    (folder / "sam.yml").write_text(persona_yaml(), encoding="utf-8")
    catalog = load_catalog(folder)
    assert len(catalog) == 1 and "already defines persona 'sam'" in str(catalog.problems[0])
    missing = load_catalog(folder / "nowhere")
    assert not len(missing) and "folder not found" in str(missing.problems[0])
    empty = folder / "empty"
    empty.mkdir()
    assert "no persona files" in str(load_catalog(empty).problems[0])
    assert check_report(load_catalog(empty))[1] == 1


def test_paths_outside_the_working_folder_stay_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    path = tmp_path / "bad.yaml"
    path.write_text("difficulty: impossible\n", encoding="utf-8")
    assert problems_of(path)[0].startswith(f"{path}:1: difficulty:")


# --- the personas that ship ------------------------------------------------------------

SHIPPED = ROOT / "personas"


def test_the_shipped_personas_all_load_and_vary() -> None:
    catalog = load_catalog(SHIPPED)
    assert catalog.problems == []
    personas = list(catalog)
    assert len(personas) >= 6
    assert {p.difficulty for p in personas} == {"gentle", "moderate", "challenging"}
    for p in personas:
        assert len(p.disclosures) >= 2, p.id
        thresholds = [d.trust for d in p.disclosures]
        assert thresholds == sorted(thresholds), p.id
        assert p.reactions.starting_trust < p.disclosures[-1].trust, p.id
        assert p.lines.topics, p.id
        assert p.instructor_notes, p.id


def test_the_template_is_itself_a_valid_persona(tmp_path: Path) -> None:
    copy_path = tmp_path / "copy.yaml"
    copy_path.write_text((SHIPPED / "_template.yaml").read_text(encoding="utf-8"))
    assert load_persona(copy_path).id == "copy"


def test_the_authoring_guide_covers_every_field() -> None:
    guide = (SHIPPED / "README.md").read_text(encoding="utf-8")
    for word in ("starting_trust", "opens_up_at", "disclosures", "pushback", "wish", "topics"):
        assert word in guide
    assert "personas check" in guide


def test_an_unreadable_file_is_reported(folder: Path) -> None:
    # A folder with a persona's name cannot be read as a file, whoever runs the tests.
    path = folder / "locked.yaml"
    path.mkdir()
    assert problems_of(path) == ["personas/locked.yaml: cannot read file: Is a directory"]
