"""Loads persona YAML files written by instructors, and says exactly what is wrong with one.

Every problem reads `personas/dana.yaml:14: disclosures[1].trust: must be between 0 and 1`:
the file, the line, the full field path and one cause. A broken file is skipped with its
problems while the other files load. Parsing is safe (plain data only), capped in size, and
anchors/aliases are refused so a small file cannot expand into a huge one.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

import annotated_types
import yaml
from pydantic import BaseModel, ValidationError

from bot.persona_schema import Persona

MAX_PERSONA_BYTES = 64 * 1024
GUIDE = "personas/README.md"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class PersonaProblem:
    """One cause of one file's rejection, with where to look."""

    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = _display(self.path)
        if self.line is not None:
            where += f":{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class PersonaFileError(Exception):
    """A persona file that cannot be used; `problems` lists every cause found."""

    def __init__(self, problems: list[PersonaProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class PersonaCatalog:
    """The personas that loaded (by id, sorted) and the problems of the files that did not."""

    directory: Path
    personas: Mapping[str, Persona]
    problems: list[PersonaProblem] = field(default_factory=list)

    def get(self, persona_id: str) -> Persona | None:
        return self.personas.get(persona_id)

    def __iter__(self) -> Iterator[Persona]:
        return iter(self.personas[k] for k in sorted(self.personas))

    def __len__(self) -> int:
        return len(self.personas)


def load_catalog(directory: Path) -> PersonaCatalog:
    """Load every persona file in a folder; never raises, problems are collected instead."""
    directory = Path(directory)
    if not directory.is_dir():
        problem = PersonaProblem(directory, None, None, "folder not found")
        return PersonaCatalog(directory, {}, [problem])
    personas: dict[str, Persona] = {}
    problems: list[PersonaProblem] = []
    for path in persona_files(directory):
        try:
            persona = load_persona(path)
        except PersonaFileError as exc:
            problems.extend(exc.problems)
            continue
        if persona.id in personas:
            message = f"another file already defines persona '{persona.id}'"
            problems.append(PersonaProblem(path, None, None, message))
            continue
        personas[persona.id] = persona
    if not personas and not problems:
        message = f"no persona files (*.yaml) here; see {GUIDE} to write one"
        problems.append(PersonaProblem(directory, None, None, message))
    return PersonaCatalog(directory, dict(sorted(personas.items())), problems)


def persona_files(directory: Path) -> list[Path]:
    """Persona files in a folder; names starting with `_` or `.` (templates, drafts) are skipped."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(("_", ".")) and p.is_file()
    )


def load_persona(path: Path) -> Persona:
    """Read, parse and validate one persona file; PersonaFileError lists what is wrong."""
    path = Path(path)

    def fail(message: str, line: int | None = None, where: str | None = None) -> PersonaFileError:
        return PersonaFileError([PersonaProblem(path, line, where, message)])

    if not _ID.match(path.stem):
        raise fail(
            "the file name becomes the persona id, so it must be 1-40 lowercase letters, "
            "digits, '-' or '_' (for example dana-eviction.yaml)"
        )
    try:
        size = path.stat().st_size
        if size > MAX_PERSONA_BYTES:
            raise fail(f"file is {size // 1024} KiB; the limit is {MAX_PERSONA_BYTES // 1024} KiB")
        raw = path.read_bytes()[: MAX_PERSONA_BYTES + 1]
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_PERSONA_BYTES:
        raise fail(f"file is larger than the {MAX_PERSONA_BYTES // 1024} KiB limit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise fail(f"file is empty; copy personas/_template.yaml to start (see {GUIDE})")
    node = _compose(text, fail)
    if not isinstance(node, yaml.MappingNode):
        raise fail(
            f"a persona file must be a mapping of fields (`key: value` lines); see {GUIDE}",
            node.start_mark.line + 1,
        )
    lines: dict[Loc, int] = {}
    data = _to_python(node, (), lines, path)
    if "id" in data:
        raise fail(
            f"remove this field: the persona id is the file name ('{path.stem}' for {path.name})",
            lines.get(("id",)),
            "id",
        )
    try:
        return Persona.model_validate({"id": path.stem, **data})
    except ValidationError as exc:
        raise PersonaFileError(_problems(path, exc, lines)) from None


# --- YAML: safe, small, positioned ------------------------------------------------------


def _compose(text: str, fail: Any) -> yaml.Node:
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                start = event.start_mark
                raise fail(
                    "YAML anchors and aliases (& and *) are not allowed; write the text out",
                    None if start is None else start.line + 1,
                )
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        raise fail(_yaml_message(exc), line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text
        raise fail(f"YAML syntax: {exc}") from None
    if node is None:
        raise fail(f"file is empty; copy personas/_template.yaml to start (see {GUIDE})")
    return node


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "not valid YAML").strip()
    if "expected a single document" in str(exc):
        return "one persona per file: remove the extra '---' document"
    if "'\\t'" in problem:
        return "YAML syntax: a tab is used for indentation; indent with spaces"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; text containing ': ' must be quoted, or check the indentation"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "; check the indentation of this line and the one before"
    return f"YAML syntax: {problem}{hint}"


_scalars = yaml.constructor.SafeConstructor()


def _to_python(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: Path) -> Any:
    """Plain data from the node tree; remembers each field's line and refuses duplicate keys."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise PersonaFileError(
                    [PersonaProblem(path, key_line, _path(loc) or None, "a key must be plain text")]
                )
            key = str(key_node.value)
            if key in seen:
                problem = PersonaProblem(
                    path,
                    key_line,
                    _path((*loc, key)),
                    f"appears twice (first on line {seen[key]}); keep one",
                )
                raise PersonaFileError([problem])
            seen[key] = key_line
            lines[(*loc, key)] = key_line
            out[key] = _to_python(value_node, (*loc, key), lines, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*loc, i), lines, path) for i, item in enumerate(node.value)]
    return _scalars.construct_object(node, deep=True)


# --- validation errors in an instructor's words ----------------------------------------


def _problems(path: Path, exc: ValidationError, lines: dict[Loc, int]) -> list[PersonaProblem]:
    problems: list[PersonaProblem] = []
    seen: set[tuple[str, str]] = set()
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        where = _path(loc)
        message = _message(error, loc)
        if (where, message) in seen:
            continue
        seen.add((where, message))
        problems.append(PersonaProblem(path, _line(lines, loc), where or None, message))
    problems.sort(key=lambda p: (p.line or 0, p.field or ""))
    return problems


def _path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line(lines: dict[Loc, int], loc: Loc) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _message(error: Any, loc: Loc) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    got = error.get("input")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        allowed = _fields_at(loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        known = f"; known fields: {', '.join(allowed)}" if allowed and not guess else ""
        return f"unknown field '{loc[-1]}'{hint}{known}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _bounds(loc)
        if low is not None and high is not None:
            return f"must be between {_num(low)} and {_num(high)} (got {got})"
        if low is not None:
            return f"must be at least {_num(low)} (got {got})"
        if high is not None:
            return f"must be at most {_num(high)} (got {got})"
    if kind == "too_short":
        what = "lines" if loc and loc[0] == "lines" else "entries"
        return f"needs at least {ctx['min_length']} {what} (has {ctx.get('actual_length', 0)})"
    template = _TEMPLATES.get(kind)
    if template is not None:
        return template.format(**ctx, got=got, length=len(str(got)))
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


# Pydantic error types in an instructor's words; fields come from the error's context.
_TEMPLATES = {
    "string_too_long": "must be at most {max_length} characters (this has {length})",
    "string_too_short": "must not be empty",
    "too_long": "has {actual_length} entries; at most {max_length} allowed",
    "literal_error": "must be one of {expected} (got {got!r})",
    "string_pattern_mismatch": (
        "must be 1-40 lowercase letters, digits, '-' or '_' (for example first-relapse)"
    ),
    "string_type": "must be text",
    "int_type": "must be a whole number (got {got!r})",
    "int_parsing": "must be a whole number (got {got!r})",
    "int_from_float": "must be a whole number (got {got!r})",
    "float_type": "must be a number (got {got!r})",
    "float_parsing": "must be a number (got {got!r})",
    "list_type": "must be a list: one '- ' line per entry",
    "model_type": "must be a group of fields (`key: value` lines indented under it)",
    "dict_type": "must be a group of fields (`key: value` lines indented under it)",
    "model_attributes_type": "must be a group of fields (`key: value` lines indented under it)",
}


def _num(value: float) -> str:
    return f"{value:g}"


def _model_at(loc: Loc) -> tuple[type[BaseModel] | None, Any]:
    """The schema model that owns the last field of `loc`, and that field's FieldInfo."""
    model: type[BaseModel] | None = Persona
    info: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None, None
        info = model.model_fields[part]
        model = _inner_model(info.annotation)
    return model, info


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None:
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _fields_at(loc: Loc) -> list[str]:
    model, _ = _model_at(loc) if loc else (Persona, None)
    if model is None:
        return []
    return [name for name in model.model_fields if not (model is Persona and name == "id")]


def _bounds(loc: Loc) -> tuple[float | None, float | None]:
    _, info = _model_at(loc)
    low = high = None
    for m in getattr(info, "metadata", []):
        if isinstance(m, annotated_types.Ge | annotated_types.Gt):
            low = getattr(m, "ge", getattr(m, "gt", None))
        if isinstance(m, annotated_types.Le | annotated_types.Lt):
            high = getattr(m, "le", getattr(m, "lt", None))
    return low, high


def _display(path: Path) -> str:
    """The path relative to the working folder when it is inside it, as an editor wants it."""
    try:
        return os.path.relpath(path) if path.is_absolute() and _inside_cwd(path) else str(path)
    except ValueError:
        return str(path)


def _inside_cwd(path: Path) -> bool:
    try:
        path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return False
    return True


# --- the `personas check` report --------------------------------------------------------


def check_report(catalog: PersonaCatalog) -> tuple[str, int]:
    """A report of the valid personas and every problem; exit code 1 when there is any problem."""
    out = [f"Personas in {_display(catalog.directory)}:"]
    for p in catalog:
        out.append(f"  ok  {p.id:<22} {p.difficulty:<11} {p.name}, {p.who.age}: {p.who.situation}")
    if not len(catalog):
        out.append("  (none loaded)")
    if catalog.problems:
        files = {p.path for p in catalog.problems}
        out.append("")
        out.append(f"Problems ({len(catalog.problems)} in {len(files)} file(s), skipped):")
        out.extend(f"  {p}" for p in catalog.problems)
        out.append(f"See {GUIDE} for every field and a commented template.")
    out.append(f"{len(catalog)} persona(s) ready, {len(catalog.problems)} problem(s).")
    return "\n".join(out), 1 if catalog.problems else 0
