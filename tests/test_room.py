"""tools/room.py: the chat's progress codes as one table of who is stuck where; a line that is no code is skipped
with a note, never a traceback."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("room", ROOT / "tools" / "room.py")
room = importlib.util.module_from_spec(spec)
spec.loader.exec_module(room)

CHAT = """\
10:31 Alice: nn-01 ✅✅💡·
From Bob to Everyone: nn-01 ✅✅✅✅
[10:33] Carol: nn-01 ✅💡··
Dan: thanks, that worked!
Dan: nn-ok-binder-py3.11-np2.4.6-w8.1.9

10:40 Alice: nn-01 ✅✅✅·
Eve: nn-01 ✅✅
Frank: nn-14 ✅
Gus: nn-01 :white_check_mark::white_check_mark: • •
"""


def run_tool(*args, stdin=""):
    return subprocess.run([sys.executable, str(ROOT / "tools" / "room.py"), *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8")


def test_each_learner_latest_line_counts_and_names_come_from_the_chat_line():
    latest, notes = room.room(CHAT.splitlines())
    assert latest == {("Bob", "01_neuron"): ["✅", "✅", "✅", "✅"],
                      ("Carol", "01_neuron"): ["✅", "💡", "·", "·"],
                      ("Alice", "01_neuron"): ["✅", "✅", "✅", "·"],
                      ("Gus", "01_neuron"): ["✅", "✅", "·", "·"]}
    assert [note.split(":")[0] for note in notes] == ["line 4", "line 5", "line 8", "line 9"]


def test_the_table_counts_each_exercise_and_puts_the_stuck_first():
    latest, _ = room.room(CHAT.splitlines())
    lines = room.table(latest).splitlines()
    assert lines[0] == "01_neuron: 4 learners"
    counts = {line.split()[1]: [int(n) for n in line.split()[2:]] for line in lines[2:6]}
    assert counts == {"weighted_sum": [4, 0, 0], "weighted_sums": [3, 1, 0], "party_weights": [2, 0, 2],
                      "one_detector": [1, 0, 3]}
    learners = [line.split()[0] for line in lines[7:]]
    assert learners == ["Carol", "Gus", "Alice", "Bob"], "stuck first, then the furthest behind"
    assert "stuck on 2 (weighted_sums)" in lines[7] and lines[-1].split()[1] == "done"


@pytest.mark.parametrize("line, why", [
    ("Dan: thanks, that worked!", "holds no progress code"),
    ("Dan: nn-ok-binder-py3.11-np2.4.6-w8.1.9", "is a setup code"),
    ("Dan: nn-2problems-colab-py3.11-np2.4.6-w7.7.1", "is a setup code"),
    ("Eve: nn-01 ✅✅", "01_neuron has 4 exercises, but this code gives 2 marks"),
    ("Eve: nn-01 ✅✅💡·💡", "01_neuron has 4 exercises, but this code gives 5 marks"),
    ("Eve: nn-01", "gives 0 marks"),
    ("Frank: nn-14 ✅", "the course has no notebook 14"),
    ("Frank: nn-1 ✅✅", "holds no progress code"),
    ("x" * 300 + " \x00\udcff", "holds no progress code"),
])
def test_a_line_that_is_not_a_progress_code_is_skipped_with_a_note(line, why):
    latest, notes = room.room([line])
    assert latest == {} and len(notes) == 1 and why in notes[0], notes


@pytest.mark.parametrize("before, name", [
    ("", None), ("Alice", "Alice"), ("Alice:", "Alice"), ("10:31 Alice Smith:", "Alice Smith"),
    ("[10:31 AM] Alice:", "Alice"), ("From Alice Smith to Everyone:", "Alice Smith"), ("<alice>", "alice"),
    ("12:01:59 From Bob to Everyone :", "Bob"),
])
def test_the_name_is_what_comes_before_the_code(before, name):
    latest, _ = room.room([f"{before} nn-02 ✅·💡"])
    (learner, notebook), = latest
    assert notebook == "02_bias" and learner == (name or "(no name, line 1)")


def test_marks_as_chat_apps_copy_them():
    latest, notes = room.room(["A: nn-02 ✅\ufe0f . 💡", "B: nn-02 :white_check_mark:•:bulb:", "C: nn-02 ✅✅✅ thanks"])
    assert not notes
    assert list(latest.values()) == [["✅", "·", "💡"], ["✅", "·", "💡"], ["✅", "✅", "✅"]]


def test_what_progress_prints_is_what_the_tool_reads(tmp_path):
    printed = subprocess.run([sys.executable, "-c", (
        "import nnlib.checks\n"
        "from nnlib.checks import bias as check\n"
        "check.neuron_z(lambda X, w, b: X @ w + b)\n"
        "nnlib.checks.progress()\n")], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, check=True).stdout
    code = printed.splitlines()[-1].split(": ", 1)[1]
    latest, notes = room.room([f"Alice: {code}"])
    assert not notes and latest == {("Alice", "02_bias"): ["✅", "·", "·"]}


def test_the_tool_reads_a_pasted_chat_and_files(tmp_path):
    done = run_tool(stdin=CHAT)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout.startswith("01_neuron: 4 learners") and "Skipped 4 lines:" in done.stdout
    chat = tmp_path / "chat.txt"
    chat.write_text("\ufeff" + CHAT, encoding="utf-8")  # Windows' Notepad may save a byte-order mark
    assert run_tool(str(chat)).stdout == done.stdout


def test_nothing_to_read_or_a_missing_file_is_said_in_words(tmp_path):
    empty = run_tool(stdin="hello\n\n")
    assert empty.returncode == 0 and "No progress code in these 2 lines" in empty.stdout
    assert "Skipped 1 line:" in empty.stdout
    missing = run_tool(str(tmp_path / "nope.txt"))
    assert missing.returncode != 0 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
    binary = tmp_path / "picture.png"
    binary.write_bytes(bytes(range(256)) * 4)
    garbage = run_tool(str(binary))
    assert garbage.returncode == 0 and "Traceback" not in garbage.stderr and "No progress code" in garbage.stdout
