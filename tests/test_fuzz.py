"""Fuzzing: valid files, mutated (keys deleted, lines duplicated, values retyped, text cut off,
bytes inserted), never make the command line print a traceback; it exits 0 or 1.

Assessments go through `validate` and `score`; framework files through `validate`. Bounded: a
few hundred examples in all, no deadline (a slow machine is not a failure).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
ASSESSMENTS = [
    FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml",
    *sorted((FIXTURES / "clients" / "mini-history").glob("*.yaml")),
]
FRAMEWORK_FILES = sorted(MINI.glob("*.yaml"))

ODD_VALUES = (
    "",
    "~",
    "n/a",
    "N/A",
    "yes",
    "no",
    "-3",
    "2.5",
    "1e309",
    ".nan",
    "[1, 2]",
    "{a: 1}",
    "[]",
    "{}",
    "'quoted'",
    '"2"',
    "&anchor 1",
    "*anchor",
    "!!str 1",
    "!!python/name:os.system",
    "2026-13-45",
    "0777",
    "0x1F",
    "x" * 300,
    "<link rel=attachment href=file:///etc/passwd>",
    "alpha.one < 2 and",
    "$now",
    "@",
    "|",
    ">-",
    "- item",
    "é",
)

TAGS = (
    "!!map",
    "!!seq",
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!binary",
    "!!set",
    "!custom",
)
"""Tags put on a key or a value, whatever its kind: a tag that does not fit must be reported."""

settings.register_profile(
    "fuzz",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


@st.composite
def mutations(draw: st.DrawFn, text: str) -> bytes:
    """The text with one to three mutations applied."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            lines = ["\n"]
        kind = draw(
            st.sampled_from(["delete", "duplicate", "retype", "retag", "indent", "truncate"])
        )
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "retype" and ":" in line:
            key, _, _ = line.partition(":")
            lines[index] = f"{key}: {draw(st.sampled_from(ODD_VALUES))}\n"
        elif kind == "retag" and ":" in line:
            key, _, value = line.partition(":")
            tag = draw(st.sampled_from(TAGS))
            if draw(st.booleans()):
                indent = key[: len(key) - len(key.lstrip(" -"))]
                lines[index] = f"{indent}{tag} {key.lstrip(' -')}:{value}"
            else:
                lines[index] = f"{key}: {tag}{value.rstrip()}\n"
        elif kind == "indent":
            shift = draw(st.sampled_from(["  ", "\t", "-", ""]))
            lines[index] = shift + line.lstrip(" ") if shift else line.lstrip(" ")
        else:
            cut = draw(st.integers(0, max(0, len("".join(lines)) - 1)))
            lines = ["".join(lines)[:cut]]
    data = "".join(lines).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.binary(min_size=1, max_size=4)) + data[position:]
    return data


def _assert_handled(result: Result) -> None:
    assert "Traceback" not in result.output, result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)


@settings(settings.get_profile("fuzz"))
@given(data=st.data(), source=st.sampled_from(ASSESSMENTS))
def test_mutated_assessments_never_crash(data: st.DataObject, source: Path) -> None:
    mutated = data.draw(mutations(source.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2026-Q4.yaml"
        path.write_bytes(mutated)
        for command in ("validate", "score"):
            result = CliRunner().invoke(main, [command, str(path), "--frameworks", str(FIXTURES)])
            _assert_handled(result)


@settings(settings.get_profile("fuzz"))
@given(data=st.data(), source=st.sampled_from(FRAMEWORK_FILES))
def test_mutated_framework_files_never_crash(data: st.DataObject, source: Path) -> None:
    mutated = data.draw(mutations(source.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "mini"
        shutil.copytree(MINI, copy)
        (copy / source.name).write_bytes(mutated)
        _assert_handled(CliRunner().invoke(main, ["validate", str(copy)]))
        client = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
        _assert_handled(CliRunner().invoke(main, ["score", str(client), "--frameworks", folder]))
