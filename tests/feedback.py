"""What the exercise-check tests share: reading what a check printed, and judging it as a learner would."""


def said(capsys):
    return capsys.readouterr().out.strip()


def passes(capsys, checker, *args, **kwargs):
    """Run a check that should pass: one line starting with ✅, and no stray return value. Returns the line."""
    assert checker(*args, **kwargs) is None, "a check returns nothing, so the check cell shows no stray True/False"
    out = said(capsys)
    assert out.startswith("✅") and "\n" not in out, out
    return out


def hints(capsys, checker, *args, containing="", multiline=False, **kwargs):
    """Run a check that should not pass: a hint (one line unless multiline), never ✅, never a traceback."""
    checker(*args, **kwargs)
    out = said(capsys)
    assert "✅" not in out and "Traceback" not in out, out
    assert multiline or "\n" not in out, f"one line of feedback, got: {out}"
    assert containing.lower() in out.lower(), out
    return out


def stub_function(*args):
    """What an untouched exercise cell defines: a function that returns None."""
    return None
