"""Control characters from files never reach the terminal raw (`readiness.printable`), through
every command that prints file-derived text; and a file with many problems prints at most 50."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.printable import (
    control_character,
    invisible_mark,
    markdown_line,
    printable,
    printable_json,
    printable_line,
)

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {"READINESS_PATH": str(FIXTURES)}
RAW = ("\x1b", "\x07", "\r", "\u2028", "\u202e", "\x9b", "\u200b", "\u200f", "\u061c", "\ufeff")


def test_printable_escapes_controls_and_keeps_text() -> None:
    assert printable("Acme\x1b[2J Ltd\u2028x\n\tÜber") == "Acme\\x1b[2J Ltd\\u2028x\n\tÜber"
    assert printable_line("a\nb\tc\r") == "a\\nb\\tc\\r"
    text = json.dumps({"name": "a\x85b\u2029"}, ensure_ascii=False)
    assert json.loads(printable_json(text)) == {"name": "a\x85b\u2029"}
    assert "\x85" not in printable_json(text)


def test_a_control_character_is_found_where_typed_text_may_not_hold_it() -> None:
    assert control_character("Claims\tAnalytics\nteam") is None
    assert control_character("Claims\tAnalytics", one_line=True) == "\t"
    assert control_character("a\nb", one_line=True) == "\n"
    for raw in ("\x1b", "\x07", "\r", "\u2028", "\u202e", "\x9b", "\u2066"):
        assert control_character(f"J. Whitaker{raw}") == raw
    # Invisible marks belong in Arabic, Hebrew or Persian names: `invisible_mark` is for keys.
    assert control_character("\u0645\u200c\u0646") is None


def test_invisible_marks_are_escaped_and_named() -> None:
    # A zero-width space or a right-to-left mark was printed raw: two different keys looked
    # the same on screen.
    marks = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufeff"
    assert printable(f"a{marks}b") == "a" + "".join(f"\\u{ord(m):04x}" for m in marks) + "b"
    assert json.loads(printable_json(json.dumps(marks, ensure_ascii=False))) == marks
    assert not any(mark in printable_json(json.dumps(marks, ensure_ascii=False)) for mark in marks)
    assert invisible_mark("Acme \u202eliateR") == "U+202E (right-to-left override)"
    assert invisible_mark("x\ufeff") == "U+FEFF (zero width no-break space)"
    assert invisible_mark("Zoë \u00e9 \u0627") is None


def _hostile(tmp_path: Path) -> Path:
    text = (FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml").read_text()
    text = text.replace(
        "name: Mini Co", 'name: "Mini\\e[2J\\aCo\\r\\u2028\\u202e\\x9b\\u200b\\u200f\\u061c\\ufeff"'
    )
    text = text.replace("role: CTO", 'role: "C\\e[31mTO"')
    (tmp_path / "mini-co").mkdir()
    target = tmp_path / "mini-co" / "2026-Q4.yaml"
    target.write_text(text)
    return target


@pytest.mark.parametrize(
    "arguments",
    [
        ["score"],
        ["score", "--disputes"],
        ["score", "--format", "json"],
        ["plan"],
        ["plan", "--format", "md"],
        ["plan", "--format", "json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_file_text_is_printed_escaped(arguments: list[str], tmp_path: Path) -> None:
    target = _hostile(tmp_path)
    result = CliRunner().invoke(main, [arguments[0], str(target), *arguments[1:]], env=ENV)
    assert result.exit_code == 0, result.output
    assert not any(raw in result.output for raw in RAW), repr(result.output)
    if "json" in arguments:
        assert json.loads(result.stdout)["organization"] == (
            "Mini\x1b[2J\x07Co\r\u2028\u202e\x9b\u200b\u200f\u061c\ufeff"
        )
    else:
        assert "Mini\\x1b[2J" in result.output  # escaped (BEL and CR may be dropped)


def test_validate_escapes_keys_and_file_names(tmp_path: Path) -> None:
    target = _hostile(tmp_path)
    text = target.read_text() + '"unknown\\e]0;pwned\\a": 1\n'
    odd = tmp_path / "mini-co" / "2026\x1b[31m.yaml"
    odd.write_text(text)
    result = CliRunner().invoke(main, ["validate", str(odd)], env=ENV)
    assert result.exit_code == 1
    assert not any(raw in result.output for raw in RAW), repr(result.output)
    assert "unknown\\x1b]0;pwned\\x07" in result.output


def test_at_most_50_problems_are_printed_per_file(tmp_path: Path) -> None:
    text = (FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml").read_text()
    text += "".join(f"unknown_{n}: 1\n" for n in range(120))
    target = tmp_path / "many.yaml"
    target.write_text(text)
    for command in (["validate"], ["score"]):
        result = CliRunner().invoke(main, [*command, str(target)], env=ENV)
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert sum(1 for line in lines if "unknown_" in line) == 50
        assert f"{target}: 70 more problems not shown" in lines


def test_a_name_in_markdown_stays_one_line_of_text(tmp_path: Path) -> None:
    hostile = "A\n# Heading\n<script>x</script> & co"
    assert markdown_line(hostile) == "A\\n# Heading\\n&lt;script&gt;x&lt;/script&gt; &amp; co"
    source = Path(__file__).resolve().parent.parent / "examples" / "acme-retail" / "2026-Q4.yaml"
    text = source.read_text().replace("name: Acme Retail", 'name: "A\\n# Heading\\n<b>x</b>"', 1)
    assessment = tmp_path / "2026-Q4.yaml"
    assessment.write_text(text)
    result = CliRunner().invoke(main, ["plan", str(assessment), "--format", "md"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first == "# Roadmap: A\\n# Heading\\n&lt;b&gt;x&lt;/b&gt;, 2026-Q4"
    assert not any(line.startswith("# Heading") for line in result.output.splitlines())
