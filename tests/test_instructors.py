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


def test_the_server_example_listens_beyond_localhost():
    for doc in (GUIDE, ROOT / "README.md"):
        for line in re.findall(r"^.*make lab.*$", doc.read_text(), flags=re.M):
            if "JUPYTER_TOKEN=" in line:
                assert "JUPYTER_IP=0.0.0.0" in line, f"{doc.name}: without JUPYTER_IP=0.0.0.0 no other machine connects"


def test_the_learner_card_fits_a_page_and_names_the_three_fixes():
    card = (PAGES / "learner-card.md").read_text()
    assert len(card.splitlines()) <= 60
    for words in ("Shift + Enter", "✅", "💡", "setup cell", "Restart Kernel and Run All", "Relaunch"):
        assert words in card
