"""Point every Binder, Colab and nbgitpuller link in the docs at one repository and one branch or tag.

    python tools/links.py                                   # rewrite the docs' links from nnlib/course.py
    python tools/links.py --ref workshop-2026-12            # pin the course (links and Colab setup cell) to a tag
    python tools/links.py --repo https://github.com/you/course --ref main   # teach from your own fork
    python tools/links.py --check                           # exit 1 if a link in the docs is not the generated one

`make links REF=... REPO=...` runs this, then re-syncs the notebooks' setup cells (they clone the same address).
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nnlib import course  # noqa: E402

NOTEBOOK = r"(\d\d_[0-9A-Za-z_]+\.ipynb)"
PATTERNS = {
    course.binder_link: re.compile(r"https://mybinder\.org/v2/gh/[^/\s]+/[^/\s]+/[^?\s]+\?labpath=notebooks%2F"
                                   + NOTEBOOK),
    course.colab_link: re.compile(r"https://colab\.research\.google\.com/github/[^/\s]+/[^/\s]+/blob/\S+?/notebooks/"
                                  + NOTEBOOK),
    course.nbgitpuller_link: re.compile(r"https://(?P<hub>[^/\s]+)/hub/user-redirect/git-pull\?repo=[^&\s]+"
                                        r"&urlpath=[^&\s]*?notebooks(?:%2F|/)" + NOTEBOOK + r"&branch=[^\s)`|>\]]+"),
}


def docs():
    """Every document that carries links: the README, the instructors' guide and its per-notebook pages."""
    paths = [ROOT / "README.md", ROOT / "INSTRUCTORS.md", *sorted((ROOT / "instructors").glob("*.md"))]
    return [path for path in paths if path.exists()]


def relink(text, repository, ref):
    """The text with every course link regenerated for repository and ref."""
    for make, pattern in PATTERNS.items():
        def regenerate(match, make=make):
            notebook = match.group(match.re.groups)
            extra = {"hub": match.group("hub")} if "hub" in match.re.groupindex else {}
            return make(notebook, repository, ref, **extra)
        text = pattern.sub(regenerate, text)
    return text


def stale_links(repository=course.REPOSITORY, ref=course.BRANCH):
    """(document, link) for every link in the docs that differs from what the generator gives."""
    stale = []
    for path in docs():
        text = path.read_text()
        for pattern in PATTERNS.values():
            for match in pattern.finditer(text):
                if relink(match.group(0), repository, ref) != match.group(0):
                    stale.append((path.name, match.group(0)))
    return stale


def set_course_address(repository, ref):
    """Write the repository and ref into nnlib/course.py, the one place they are defined."""
    path = ROOT / "nnlib" / "course.py"
    text = path.read_text()
    text = re.sub(r'^REPOSITORY = ".*"$', f'REPOSITORY = "{repository}"', text, count=1, flags=re.M)
    text = re.sub(r'^BRANCH = ".*"$', f'BRANCH = "{ref}"', text, count=1, flags=re.M)
    path.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=course.REPOSITORY, help="https://github.com/owner/name")
    parser.add_argument("--ref", default=course.BRANCH, help="a branch or tag of that repository")
    parser.add_argument("--check", action="store_true", help="only report links that differ; change nothing")
    args = parser.parse_args()
    course.binder_link("01_neuron.ipynb", args.repo, args.ref)  # a clear error for an address that is not GitHub's
    if not re.fullmatch(r"[A-Za-z0-9._\-/]+", args.ref):
        raise SystemExit(f"--ref should be a branch or tag name such as workshop-2026-12, but got {args.ref!r}")
    if args.check:
        stale = stale_links(args.repo, args.ref)
        for name, link in stale:
            print(f"{name}: {link}")
        raise SystemExit(1 if stale else 0)
    set_course_address(args.repo, args.ref)
    for path in docs():
        text = path.read_text()
        new = relink(text, args.repo, args.ref)
        if new != text:
            path.write_text(new)
            print(f"{path.relative_to(ROOT)}: links now point at {args.repo} @ {args.ref}")


if __name__ == "__main__":
    main()
