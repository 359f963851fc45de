"""Show a figure with a text alternative: what a screen reader says instead of the picture. Used by every notebook.

`plt.show()` puts a bare picture in the notebook; a learner who cannot see it hears only "image". `show(fig,
alt=...)` puts the same picture there with `alt` text that says what it shows and its key numbers:

    fig, ax = plt.subplots()
    ax.plot(xs, ys)
    plots.show(fig, alt=f"The sigmoid curve: 0.5 at z = 0, close to 0 below z = -4 and close to 1 above z = 4.")

The output holds the picture three ways: HTML `<img alt=...>` (what JupyterLab, Notebook, Colab and VS Code show),
the PNG itself (for viewers that show no HTML) and the alt text as plain text (what a text-only viewer prints).
"""

import base64
import html
import io

PNG_OPTIONS = {"format": "png", "bbox_inches": "tight", "facecolor": "white"}


def figure_png(fig):
    """The figure as PNG bytes, cropped to what is drawn, as the notebook's inline pictures are."""
    buffer = io.BytesIO()
    fig.savefig(buffer, **PNG_OPTIONS)
    return buffer.getvalue()


def alt_html(png, alt):
    """An <img> holding the PNG bytes, with alt text; shown at the picture's own size, never wider than the page."""
    from PIL import Image

    width = Image.open(io.BytesIO(png)).size[0]
    source = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{source}" alt="{html.escape(alt, quote=True)}" '
            f'width="{width}" style="max-width: 100%; height: auto">')


def check_alt(alt):
    if not isinstance(alt, str):
        raise TypeError(f"alt should be text that says what the figure shows, but got {type(alt).__name__}. "
                        "Write it as a string, e.g. alt=f\"The loss falls from {losses[0]:.2f} to {losses[-1]:.2f}\".")
    if not alt.strip():
        raise ValueError("alt is empty: say in a sentence what the figure shows and its key numbers, "
                         "for a learner who hears the notebook instead of seeing it.")
    return " ".join(alt.split())


def show(fig=None, *, alt):
    """Display a matplotlib figure with a text alternative, then close it (so it is not shown twice).

    fig: the figure (default: pyplot's current figure). alt: one or a few sentences saying what the figure shows,
    with the numbers it shows. Returns None. Introduced in 01_neuron.
    """
    alt = check_alt(alt)
    import matplotlib.pyplot as plt
    from IPython.display import display

    fig = plt.gcf() if fig is None else fig
    if not hasattr(fig, "savefig"):
        raise TypeError(f"fig should be a matplotlib Figure (e.g. from plt.subplots()), but got "
                        f"{type(fig).__name__}. Pass the figure, or leave it out to show the current one.")
    png = figure_png(fig)
    plt.close(fig)
    display({"text/html": alt_html(png, alt), "image/png": base64.b64encode(png).decode("ascii"),
             "text/plain": alt}, raw=True)
