"""Download the wheels a learner's machine needs to set up the course without the internet (plan C: a USB stick).

    python tools/wheelhouse.py                          # Windows, macOS and Linux, Python 3.10-3.13, into wheelhouse/
    python tools/wheelhouse.py --systems linux --pythons 3.12 --dest D:\\wheels   # only what one room needs
    python tools/wheelhouse.py --dry-run                # print the pip commands, download nothing

Then, on each learner's machine, from a copy of the course: python tools/lab.py --offline <the folder>
(it installs with pip --no-index --find-links <the folder>, so it never looks for the internet).

One `pip download --only-binary=:all:` per system and Python version; a wheel several of them share is downloaded
once. The wheels land in DEST.partial first, and DEST appears only when every download has worked; a run that
stopped resumes there (wheels already present are not fetched again).
"""

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# The oldest systems each wheel set is for: Windows 10/11 on x86-64; macOS 12+ on Apple silicon and 11+ on Intel
# (pip also takes wheels built for older macOS); Linux with glibc 2.17-2.28 (the manylinux wheels) on x86-64.
SYSTEMS = {
    "windows": [["win_amd64"]],
    "macos": [["macosx_12_0_arm64"], ["macosx_11_0_x86_64"]],
    "linux": [[f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)]
              + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]],
}
EXTRAS = ("course",)


def requirements(pyproject=ROOT / "pyproject.toml", extras=EXTRAS):
    """The course's packages (dependencies and the given extras) and what builds nnlib (build-system requires)."""
    text = pyproject.read_text(encoding="utf-8")
    lists = {}
    for name, body in re.findall(r"^([\w-]+) = \[(.*?)\]", text, flags=re.S | re.M):
        lists[name] = ast.literal_eval("[" + re.sub(r"#.*", "", body) + "]")
    missing = [name for name in ("dependencies", "requires", *extras) if name not in lists]
    if missing:
        raise SystemExit(f"{pyproject} has no {', '.join(missing)} list: is it the course's pyproject.toml?")
    return [*lists["dependencies"], *(req for extra in extras for req in lists[extra]), *lists["requires"]]


def commands(dest, systems=tuple(SYSTEMS), pythons=PYTHONS, python=sys.executable):
    """(label, pip command) for every system and Python version, all downloading into dest."""
    wanted = requirements()
    out = []
    for system in systems:
        for platforms in SYSTEMS[system]:
            for version in pythons:
                abi = "cp" + version.replace(".", "")
                command = [python, "-m", "pip", "download", "--quiet", "--dest", str(dest), "--only-binary=:all:",
                           "--implementation", "cp", "--python-version", version, "--abi", abi]
                for platform in platforms:
                    command += ["--platform", platform]
                out.append((f"{system} ({platforms[0]}), Python {version}", command + wanted))
    return out


def choices(text, allowed, what):
    """'linux, macos' -> ['linux', 'macos'], each checked against allowed."""
    picked = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [part for part in picked if part not in allowed]
    if wrong or not picked:
        raise SystemExit(f"--{what} takes some of {', '.join(allowed)} (comma-separated), but got {text!r}.")
    return picked


def size(folder):
    return sum(path.stat().st_size for path in Path(folder).glob("*.whl"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dest", default=str(ROOT / "wheelhouse"), help="where the wheels go (default wheelhouse/)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="some of windows,macos,linux (default: all)")
    parser.add_argument("--pythons", default=",".join(PYTHONS), help="Python versions (default: 3.10-3.13)")
    parser.add_argument("--dry-run", action="store_true", help="print the pip commands; download nothing")
    args = parser.parse_args(argv)
    systems = choices(args.systems, list(SYSTEMS), "systems")
    pythons = choices(args.pythons, PYTHONS, "pythons")
    dest = Path(args.dest).resolve()
    if dest.exists() and (not dest.is_dir() or any(p.suffix != ".whl" for p in dest.iterdir())):
        raise SystemExit(f"{dest} exists and holds more than wheels, so it is left alone: give a new folder.")
    partial = dest.with_name(dest.name + ".partial")
    runs = commands(partial, systems, pythons)
    if args.dry_run:
        for label, command in runs:
            print(f"# {label}\n{subprocess.list2cmdline(command)}")
        return
    partial.mkdir(parents=True, exist_ok=True)
    for wheel in dest.glob("*.whl") if dest.exists() else []:  # a wheelhouse made before: start from its wheels
        if not (partial / wheel.name).exists():
            try:
                os.link(wheel, partial / wheel.name)
            except OSError:  # another file system, or one without links (a USB stick's FAT)
                shutil.copy2(wheel, partial / wheel.name)
    start = time.perf_counter()
    for number, (label, command) in enumerate(runs, 1):
        print(f"[{number}/{len(runs)}] {label}", flush=True)
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            said = "\n    ".join((done.stderr.strip() or done.stdout.strip()).splitlines()[-5:])
            raise SystemExit(f"pip could not download the wheels for {label}:\n    {said}\n{dest} was not written; "
                             f"the wheels so far wait in {partial}, and running this again resumes there. Without "
                             f"internet access to pypi.org this cannot work; to leave out a system or a Python "
                             f"version, give --systems or --pythons.")
    if dest.exists():
        shutil.rmtree(dest)
    partial.rename(dest)
    wheels = list(dest.glob("*.whl"))
    print(f"{dest}: {len(wheels)} wheels, {size(dest) / 1e6:.0f} MB, in {time.perf_counter() - start:.0f} s. "
          f"On a learner's machine, from the course folder: python tools/lab.py --offline {dest}")


if __name__ == "__main__":
    main()
