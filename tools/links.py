"""Point every Binder, Colab and nbgitpuller link, and the Colab setup cell, at one repository and one branch or tag.

    python tools/links.py --pin workshop-2026-12            # pin to a new tag: rewrite, commit, tag, in one step
    python tools/links.py --pin workshop-2026-12 --repo https://github.com/you/course   # ... teaching from a fork
    python tools/links.py --ref main                        # rewrite only (no commit): follow a branch again
    python tools/links.py --check                           # exit 1 if a link in the docs is not the generated one

The links live in the README, INSTRUCTORS.md and instructors/; the address in nnlib/course.py; the setup cell
(which clones the course on Colab) in the first code cell of every notebook. `make pin REF=... [REPO=...]` and
`make links REF=... [REPO=...]` run this. Run it with the course's Python (.venv/bin/python, on Windows
.venv\\Scripts\\python), which has nbformat.
"""

import argparse
import re
import subprocess
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
REF_NAME = re.compile(r"[A-Za-z0-9._\-/]+")


def docs(root=ROOT):
    """Every document that carries links: the README, the instructors' guide and its per-notebook pages."""
    paths = [root / "README.md", root / "INSTRUCTORS.md", *sorted((root / "instructors").glob("*.md"))]
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
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS.values():
            for match in pattern.finditer(text):
                if relink(match.group(0), repository, ref) != match.group(0):
                    stale.append((path.name, match.group(0)))
    return stale


def with_course_address(text, repository, ref):
    """nnlib/course.py's text with REPOSITORY and BRANCH set to repository and ref."""
    text = re.sub(r'^REPOSITORY = ".*"$', f'REPOSITORY = "{repository}"', text, count=1, flags=re.M)
    return re.sub(r'^BRANCH = ".*"$', f'BRANCH = "{ref}"', text, count=1, flags=re.M)


def with_setup_cell(path, repository, ref):
    """The text of the notebook at path with its first code cell set to the setup cell for repository and ref."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    first_code = next((cell for cell in nb.cells if cell.cell_type == "code"), None)
    if first_code is None:
        raise SystemExit(f"{path}: a course notebook opens with the setup cell, but this one has no code cell.")
    first_code.source = course.setup_cell(repository, ref)
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def rewritten(repository, ref, root=ROOT):
    """{path: new text} for every file whose links, address or setup cell differ from repository and ref."""
    out = {}
    for path in docs(root):
        out[path] = relink(path.read_text(encoding="utf-8"), repository, ref)
    address = root / "nnlib" / "course.py"
    out[address] = with_course_address(address.read_text(encoding="utf-8"), repository, ref)
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        out[path] = with_setup_cell(path, repository, ref)
    return {path: text for path, text in out.items() if text != path.read_text(encoding="utf-8")}


def write_all(texts):
    """Write every {path: text}; if one write fails, put back those already written and re-raise."""
    before = {path: path.read_bytes() for path in texts}
    written = []
    try:
        for path, text in texts.items():
            path.write_bytes(text.encode("utf-8"))
            written.append(path)
    except BaseException:
        for path in written:
            path.write_bytes(before[path])
        raise
    return before


def check_ref(ref):
    if not REF_NAME.fullmatch(ref) or ".." in ref or ref.startswith(("-", "/", ".")) or ref.endswith(("/", ".")):
        raise SystemExit(f"{ref!r} cannot be a branch or tag name here: use letters, digits and '-', '.', '_' "
                         "or '/', such as workshop-2026-12.")


# Pinning: rewrite, commit and tag in one step, or change nothing.

def git(*args, root=ROOT, check=True):
    """Run git in root; a failure raises SystemExit with git's own message."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        raise SystemExit("Pinning needs git, and no `git` command was found. Install git (git-scm.com) and "
                         "run this again.") from None
    if check and done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done


def why_not_pin(tag, root=ROOT):
    """What stops pinning to tag right now, as one message, or None when nothing does."""
    top = git("rev-parse", "--show-toplevel", root=root, check=False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != Path(root).resolve():
        return f"{root} is not the top of a git repository: pinning commits and tags, so run it in a clone."
    if git("rev-parse", "--verify", "--quiet", "HEAD", root=root, check=False).returncode != 0:
        return "The repository has no commit yet: commit the course first."
    if git("check-ref-format", f"refs/tags/{tag}", root=root, check=False).returncode != 0:
        return f"{tag!r} cannot be a git tag name: use letters, digits, '-', '.' and '_', such as workshop-2026-12."
    existing = git("rev-parse", "--verify", "--quiet", f"refs/tags/{tag}", root=root, check=False)
    if existing.returncode == 0:
        return (f"The tag {tag} exists already (at {existing.stdout.strip()[:10]}), so it may already be on learners' "
                f"links. Choose a new name (say {tag}-2); delete it first only if it was never pushed: "
                f"git tag -d {tag}.")
    if git("rev-parse", "--verify", "--quiet", f"refs/heads/{tag}", root=root, check=False).returncode == 0:
        return f"A branch is called {tag}: a tag of the same name would make links ambiguous. Choose another name."
    dirty = git("status", "--porcelain", root=root).stdout.splitlines()
    if dirty:
        listed = "\n".join(f"    {line}" for line in dirty[:10]) + ("\n    ..." if len(dirty) > 10 else "")
        return (f"The working tree has changes that the tag would not hold:\n{listed}\nCommit them (or remove "
                f"them), check that the course works, then run this again.")
    if git("var", "GIT_COMMITTER_IDENT", root=root, check=False).returncode != 0:
        return ('git does not know who you are: git config user.name "Your Name" and '
                'git config user.email you@example.org, then run this again.')
    return None


def github_address(remote_url):
    """'git@github.com:owner/name.git' or 'https://github.com/owner/name.git' -> 'https://github.com/owner/name'."""
    found = re.fullmatch(r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([^/]+/[^/]+?)(?:\.git)?/?",
                         remote_url.strip())
    return f"https://github.com/{found.group(1)}" if found else None


def pin(tag, repository, root=ROOT):
    """Rewrite every link and setup cell for repository @ tag, commit, and tag that commit; or change nothing."""
    if not tag:
        raise SystemExit("make pin needs REF=<a new tag>: make pin REF=workshop-2026-12 (without make: "
                         "python tools/links.py --pin workshop-2026-12).")
    check_ref(tag)
    problem = why_not_pin(tag, root)
    if problem:
        raise SystemExit(f"Nothing was changed. {problem}")
    texts = rewritten(repository, tag, root)
    before = write_all(texts)
    paths = [str(path.relative_to(root)) for path in texts]
    committed = False
    try:
        if paths:
            git("add", "--", *paths, root=root)
            git("commit", "--quiet", "-m", f"Links and the Colab setup cell pinned to {tag} of {repository}", "--",
                *paths, root=root)
            committed = True
        git("tag", tag, root=root)
    except (SystemExit, KeyboardInterrupt, OSError) as error:
        if committed:
            git("reset", "--quiet", "--soft", "HEAD~1", root=root, check=False)
        for path, content in before.items():
            path.write_bytes(content)
        if paths:
            git("reset", "--quiet", "--", *paths, root=root, check=False)
        raise SystemExit(f"Nothing was changed (the files are back as they were). {error}") from None
    return paths


def next_steps(tag, repository, root=ROOT):
    """What to do after pinning: push the tag, and a warning if origin is not where the links point."""
    branch = git("symbolic-ref", "--quiet", "--short", "HEAD", root=root, check=False).stdout.strip()
    lines = [f"Now publish it: git push origin {branch + ' ' if branch else ''}{tag}",
             f"Learners' first link: {course.binder_link(course.NOTEBOOKS[0][0], repository, tag)}",
             f"                      {course.colab_link(course.NOTEBOOKS[0][0], repository, tag)}"]
    origin = git("remote", "get-url", "origin", root=root, check=False).stdout.strip()
    if origin and github_address(origin) and github_address(origin).lower() != repository.rstrip("/").lower():
        lines.append(f"Careful: origin is {origin}, but the links point at {repository}. If you teach from "
                     f"origin, delete this tag (git tag -d {tag}), drop the commit, and pin again with "
                     f"--repo {github_address(origin)}.")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=course.REPOSITORY, help="https://github.com/owner/name")
    parser.add_argument("--ref", default=None, help="a branch or tag of that repository (rewrite only)")
    parser.add_argument("--pin", metavar="TAG", default=None, help="a new tag: rewrite, commit and tag in one step")
    parser.add_argument("--check", action="store_true", help="only report links that differ; change nothing")
    args = parser.parse_args(argv)
    try:
        course.binder_link("01_neuron.ipynb", args.repo, "main")
    except ValueError as error:
        raise SystemExit(str(error)) from None
    if args.pin is not None and (args.ref is not None or args.check):
        raise SystemExit("--pin takes the tag itself: give --pin TAG alone (with --repo if you teach from a fork).")
    if args.pin is not None:
        paths = pin(args.pin, args.repo)
        print(f"Pinned to {args.pin} of {args.repo}: {len(paths)} files rewritten, committed, and tagged {args.pin}.")
        print(next_steps(args.pin, args.repo))
        return
    ref = course.BRANCH if args.ref is None else args.ref
    check_ref(ref)
    if args.check:
        stale = stale_links(args.repo, ref)
        for name, link in stale:
            print(f"{name}: {link}")
        raise SystemExit(1 if stale else 0)
    texts = rewritten(args.repo, ref)
    write_all(texts)
    for path in texts:
        print(f"{path.relative_to(ROOT)}: now points at {args.repo} @ {ref}")
    if not texts:
        print(f"Every link and setup cell already points at {args.repo} @ {ref}.")


if __name__ == "__main__":
    main()
