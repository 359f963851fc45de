"""The instructor's kit stays usable live: a short guide, one page per notebook, links that lead somewhere."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from nnlib.course import NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "INSTRUCTORS.md"
PAGES = ROOT / "instructors"
DOCS = [ROOT / "README.md", GUIDE, *sorted(PAGES.glob("*.md"))]
SCHEDULES = ("2x3h", "3x2h", "day", "going-further")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_the_guide_can_be_scanned_in_the_room():
    assert GUIDE.stat().st_size <= 15_000, "INSTRUCTORS.md should stay within 15 KB: per-notebook notes go in instructors/"


def test_troubleshooting_comes_first():
    headings = re.findall(r"^## (.+)$", GUIDE.read_text(), flags=re.M)
    assert headings[0] == "Troubleshooting"


@pytest.mark.parametrize("name", [name for name, _, _ in NOTEBOOKS])
def test_every_notebook_has_its_page(name):
    page = PAGES / f"{name[:2]}.md"
    assert page.exists(), f"instructors/{page.name} is missing"
    text = page.read_text()
    assert f"(../notebooks/{name})" in text, "the page links to its notebook (the learning outcomes live there)"
    for heading in ("Timeline", "Numbers they will see", "Ask the room", "Misconceptions", "Common slips"):
        assert f"## {heading}" in text, f"instructors/{page.name} has no '{heading}' section"
    assert len(re.findall(r"^- \".+\" → ", text, flags=re.M)) == 3, "three misconceptions, each with what dispels it"
    assert f"[{name[:2]}](instructors/{page.name})" in GUIDE.read_text(), "the guide links to every page"


def test_no_page_for_a_notebook_that_does_not_exist():
    numbers = {name[:2] for name, _, _ in NOTEBOOKS}
    pages = {page.stem for page in PAGES.glob("[0-9][0-9].md")}
    assert pages == numbers


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_to_a_file(doc):
    for target in LINK.findall(doc.read_text()):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (doc.parent / unquote(target.split("#")[0])).resolve()
        assert path.exists(), f"{doc.name} links to {target}, which does not exist"


def test_the_schedule_placeholders_are_there_for_the_tool_to_fill():
    text = GUIDE.read_text()
    for name in SCHEDULES:
        blocks = re.findall(rf"<!-- schedule:{name} -->\n(.*?)<!-- /schedule -->", text, flags=re.S)
        assert len(blocks) == 1, f"one <!-- schedule:{name} --> ... <!-- /schedule --> block in INSTRUCTORS.md"
        assert "<!-- schedule:" not in blocks[0], f"the {name} block is closed before the next one opens"
    assert text.count("<!-- /schedule -->") == len(SCHEDULES)


# The one-machine server example, in each shell's syntax: (what sets JUPYTER_IP, the command that starts the lab).
SERVER_EXAMPLES = {
    "bash": re.compile(r"JUPYTER_IP=(\S+) .*JUPYTER_TOKEN=\S+ make lab"),
    "PowerShell": re.compile(r'\$env:JUPYTER_IP="([^"]*)";.*\$env:JUPYTER_TOKEN="[^"]*"; python tools\\lab\.py'),
    "cmd": re.compile(r'set "JUPYTER_IP=([^"]*)" & .*set "JUPYTER_TOKEN=[^"]*" & python tools\\lab\.py'),
}


@pytest.mark.parametrize("doc, shells", [(GUIDE, ("bash", "PowerShell", "cmd")), (ROOT / "README.md", ("bash",))],
                         ids=["guide", "README"])
def test_the_server_example_listens_beyond_localhost(doc, shells):
    lines = [line for line in doc.read_text().splitlines() if "JUPYTER_TOKEN" in line and "=" in line]
    for shell in shells:
        found = [match.group(1) for line in lines for match in [SERVER_EXAMPLES[shell].search(line)] if match]
        assert found, f"{doc.name} gives no {shell} form of the server example"
        assert set(found) == {"0.0.0.0"}, f"{doc.name}: without JUPYTER_IP=0.0.0.0 no other machine connects"
    assert all("0.0.0.0" in line for line in lines), "every line that sets a token opens the lab to other machines"


def section(title):
    text = GUIDE.read_text()
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


@pytest.mark.parametrize("symptom, fix", [
    ("Launch attempt failed", "Colab"), ("Your session crashed", "Disconnect and delete runtime"),
    ("not authored by Google", "Run anyway"), ("Neither Binder nor Colab loads", "python tools/lab.py --offline"),
    ("❌ Could not fetch the course (", "git push origin <tag>"), ("`make` not found", r"python tools\lab.py")])
def test_troubleshooting_has_a_row_for(symptom, fix):
    rows = [line for line in section("Troubleshooting").splitlines() if line.startswith("| ") and symptom in line]
    assert len(rows) == 1 and fix in rows[0].split(" | ", 1)[1], f"no troubleshooting row: {symptom} -> {fix}"


def test_the_fetch_failure_row_quotes_what_the_setup_cell_prints():
    from nnlib.course import SETUP_CELL

    assert 'f"fetch the course ({ref} of {repo})"' in SETUP_CELL and '"❌ Could not {what}: ' in SETUP_CELL


def test_the_preflight_checks_the_network_warms_binder_and_the_card_went_out():
    preflight = section("On the day: pre-flight")
    for host in ("mybinder.org", "colab.research.google.com", "github.com", "pypi.org"):
        assert host in preflight, f"the pre-flight does not check that the room reaches {host}"
    assert "30 minutes before" in preflight and "Binder" in preflight
    assert re.search(r"learner card\*\* the day\s+before", section("Before the day"))


def test_the_guide_pins_then_pushes_the_tag():
    steps = section("Before the day")
    assert "make links REF=<" not in steps, "pinning is make pin (rewrite, commit, tag), not make links"
    assert steps.index("make pin REF=workshop-2026-12") < steps.index("git push origin main workshop-2026-12")


def test_windows_instructors_get_py_and_python_forms():
    text = GUIDE.read_text()
    assert r"py tools\lab.py" in text and r"python tools\lab.py" in text


def test_the_learner_card_fits_a_page_and_names_the_three_fixes():
    card = (PAGES / "learner-card.md").read_text()
    assert len(card.splitlines()) <= 60
    for words in ("Shift + Enter", "✅", "💡", "setup cell", "Restart Kernel and Run All", "Relaunch"):
        assert words in card
