"""A room that runs only a notebook's introduction and its core sections (the demos shown on the projector,
the homework left for later), each exercise solved, meets no error: every section the room does runs on its own.

One fresh kernel per notebook, in a scratch folder; the same kernel then runs each of those exercises' untouched
stubs through its check, which must leave progress() as it was (an untouched stub is "not tried").
"""

import importlib.util
import json

import nbformat
import pytest
from nbclient import NotebookClient

from nnlib.course import NOTEBOOKS

from feedback import ROOT, harness

harness()  # tools/run_notebooks.py, which tools/schedule.py imports
spec = importlib.util.spec_from_file_location("schedule", ROOT / "tools" / "schedule.py")
schedule = importlib.util.module_from_spec(spec)
spec.loader.exec_module(schedule)

MARK = "stubs recorded:"
STUBS_CELL = """\
import json
from nnlib.checks import _feedback
recorded = []
for stub, check_source in json.loads({stubs!r}):
    before = dict(_feedback.RESULTS)
    namespace = dict(globals())
    exec(stub, namespace)
    exec(check_source, namespace)
    if _feedback.RESULTS != before:
        recorded.append(check_source.strip())
print({mark!r}, json.dumps(recorded))
"""


def room_exercises(nb):
    """(stub, check source) of each exercise in the introduction and the core sections, as the notebook ships it."""
    found = []
    for number, _, tag, parts in schedule.section_cells(nb):
        if number == "intro" or tag == "core":
            indices = [index for index, _ in parts]
            for position, index in enumerate(indices):
                if "exercise" in nb.cells[index].metadata.get("tags", []):
                    check = next(nb.cells[i] for i in indices[position:] if "check" in nb.cells[i].metadata.get(
                        "tags", []))
                    found.append((nb.cells[index].source, check.source))
    return found


@pytest.fixture(scope="module", params=[name for name, _, _ in NOTEBOOKS], ids=lambda name: name[:-6])
def room_run(request, tmp_path_factory):
    """The notebook run as the room runs it: introduction and core sections, solved, in a fresh kernel."""
    path = ROOT / "notebooks" / request.param
    if not path.exists():
        pytest.fail(f"{request.param} is missing")
    nb = schedule.room_notebook(path)
    stubs = room_exercises(nbformat.read(path, as_version=4))
    nb.cells.append(nbformat.v4.new_code_cell(STUBS_CELL.format(stubs=json.dumps(stubs), mark=MARK)))
    folder = tmp_path_factory.mktemp(request.param[:2])  # progress() keeps its record here, not in notebooks/
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}},
                   allow_errors=True, store_widget_state=False, record_timing=False).execute()
    return nb


def printed(cell):
    return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


def test_the_sections_the_room_does_run_on_their_own(room_run):
    errors = [f"{out.ename}: {out.evalue}  <- {cell.source.strip().splitlines()[0][:60]!r}"
              for cell in room_run.cells[:-1] if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert not errors, ("the introduction and core sections alone (demo and homework sections not run) stop with "
                        "an error: add the catch-up line the section needs, or tag the section it needs `core`:\n  "
                        + "\n  ".join(errors))


def test_each_solved_exercise_passes_its_check_without_the_demos(room_run):
    checks = [cell for cell in room_run.cells if "check" in cell.metadata.get("tags", [])]
    failing = [f"{cell.source.strip()} printed {printed(cell).strip()[:120]!r}" for cell in checks
               if not printed(cell).lstrip().startswith("✅")]
    assert not failing, "\n".join(failing)


def test_an_untouched_stub_is_not_tried(room_run):
    last = printed(room_run.cells[-1])
    assert MARK in last, f"the stubs' cell did not finish: {room_run.cells[-1].outputs}"
    recorded = json.loads(last.split(MARK, 1)[1])
    assert not recorded, f"these checks count the exercise's untouched stub as tried: {recorded}"
