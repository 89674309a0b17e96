"""Text fitted to a terminal (`readiness.tablefit`): word wrapping, bordered tables, records on
a narrow terminal, styles only on a terminal, control characters escaped."""

from __future__ import annotations

import io

import pytest

from readiness.tablefit import Table, Terminal, bold, cell_len, wrap


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal(
    monkeypatch: pytest.MonkeyPatch, width: int, *, tty: bool = False
) -> tuple[Terminal, io.StringIO]:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = Tty() if tty else io.StringIO()
    return Terminal(stream), stream


def _texts(text: str, width: int, justify: str = "") -> list[str]:
    return [line.text for line in wrap(text, width, justify)]  # type: ignore[arg-type]


def test_wrap_breaks_before_the_word_that_does_not_fit() -> None:
    assert _texts("aa bb cc", 4) == ["aa ", "bb ", "cc"]
    assert _texts("aa bb cc", 5) == ["aa bb", "cc"]  # a space past the width is dropped
    assert _texts("aa bb cc", 6) == ["aa bb ", "cc"]
    assert _texts("one\ntwo", 20) == ["one", "two"]


def test_wrap_cuts_a_word_wider_than_a_line() -> None:
    assert _texts("abcdefgh ij", 3) == ["abc", "def", "gh ", "ij"]


def test_wrap_justified_pads_to_the_width() -> None:
    assert _texts("ab cd", 4, "left") == ["ab  ", "cd  "]
    assert _texts("ab cd", 4, "right") == ["  ab", "  cd"]


def test_wide_characters_take_two_columns() -> None:
    assert cell_len("日本") == 4
    assert cell_len("e\u0301") == 1
    assert _texts("日本 日本", 5) == ["日本 ", "日本"]


def test_table_draws_a_heavy_header_and_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    out, stream = _terminal(monkeypatch, 80)
    table = Table(title="Title")
    table.add_column("Name")
    table.add_column("Score", right=True)
    table.add_column("Notes")
    table.add_row("Data", "2.00", "")
    table.add_section()
    table.add_row(bold("Overall"), "1.50", "")
    out.table(table)
    assert stream.getvalue().splitlines() == [
        "Title              ",
        "┏━━━━━━━━━┳━━━━━━━┓",
        "┃ Name    ┃ Score ┃",
        "┡━━━━━━━━━╇━━━━━━━┩",
        "│ Data    │  2.00 │",
        "├─────────┼───────┤",
        "│ Overall │  1.50 │",
        "└─────────┴───────┘",
    ]


def test_table_shares_the_width_and_keeps_words_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    out, stream = _terminal(monkeypatch, 30)
    table = Table(lines=True)
    table.add_column("A")
    table.add_column("B")
    table.add_row("alpha beta gamma delta", "x")
    table.add_row("y", "epsilon zeta eta theta")
    out.table(table)
    lines = stream.getvalue().splitlines()
    assert all(len(line) <= 30 for line in lines)
    shown = " ".join(stream.getvalue().split())
    for word in ("alpha", "delta", "epsilon", "theta"):
        assert word in shown
    assert sum(line.startswith("├") for line in lines) == 1


def test_a_terminal_too_narrow_shows_records(monkeypatch: pytest.MonkeyPatch) -> None:
    out, stream = _terminal(monkeypatch, 20)
    table = Table(title="Plan")
    table.add_column("Initiative")
    table.add_column("Owner")
    table.add_row("serve-models-through-apis", "platform-lead-and-architect")
    out.table(table)
    assert stream.getvalue().splitlines() == [
        "Plan",
        "serve-models-through-apis",
        "  Owner:",
        "    platform-lead-and-architect",
    ]


def test_styles_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    out, stream = _terminal(monkeypatch, 40)
    out.print(bold("Stage"))
    assert stream.getvalue() == "Stage\n"
    out, stream = _terminal(monkeypatch, 40, tty=True)
    out.print(bold("Stage"))
    assert stream.getvalue() == "\x1b[1mStage\x1b[0m\n"
    monkeypatch.setenv("TERM", "dumb")
    out = Terminal(stream := Tty())
    out.print(bold("Stage"))
    assert stream.getvalue() == "Stage\n"
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = Terminal(stream := io.StringIO())
    out.print(bold("Stage"))
    assert stream.getvalue() == "\x1b[1mStage\x1b[0m\n"
    monkeypatch.setenv("FORCE_COLOR", "")
    out = Terminal(stream := Tty())
    out.print(bold("Stage"))
    assert stream.getvalue() == "Stage\n"


def test_text_is_never_read_as_markup_and_control_characters_are_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, stream = _terminal(monkeypatch, 60, tty=True)
    table = Table()
    table.add_column("Name")
    table.add_row("[bold]Acme\x1b[2J[/bold]")
    out.table(table)
    out.say("Mini\x1b[31mCo")
    text = stream.getvalue()
    assert "[bold]Acme\\x1b[2J[/bold]" in text
    assert "Mini\\x1b[31mCo" in text
    assert "\x1b[2J" not in text and "\x1b[31m" not in text


def test_say_indents_wrapped_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    out, stream = _terminal(monkeypatch, 20)
    out.say("one two three four five six", indent="  ")
    assert stream.getvalue().splitlines() == ["  one two three four", "    five six"]


def test_grid_aligns_labels_and_wraps_text(monkeypatch: pytest.MonkeyPatch) -> None:
    out, stream = _terminal(monkeypatch, 16)
    out.grid([("1.", "alpha beta gamma"), ("", "delta")])
    assert stream.getvalue().splitlines() == [
        "1. alpha beta   ",
        "   gamma        ",
        "   delta        ",
    ]


def test_a_closed_standard_output_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import subprocess
    import sys
    from pathlib import Path

    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(OSError) as caught:
        Terminal()
    assert caught.value.errno == errno.EBADF
    monkeypatch.undo()
    example = Path(__file__).resolve().parent.parent / "examples" / "acme-retail" / "2026-Q4.yaml"
    ran = subprocess.run(
        [sys.executable, "-c", "from readiness.cli import main; main()", "score", str(example)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: __import__("os").close(1),
    )
    assert ran.returncode == 1
    assert ran.stderr.strip() == "<stdout>: standard output is closed"
