// Names for what ipywidgets draws without one, so a screen reader can say what each control is:
// a slider's handle and the number beside it (named after the slider's visible label), an icon-only button
// (after its title or icon),
// the widget's readout line (a polite live region: the new numbers are read out after a change), and the
// kernel-drawn picture (its alt text is `picture`, which the kernel updates at every redraw).
// It changes no look and no behaviour; it follows the widget as it redraws (a slider is rebuilt when its range
// changes).

const ICON_NAMES = {
  "fa-play": "play", "fa-pause": "pause", "fa-stop": "stop", "fa-retweet": "repeat", "fa-repeat": "repeat",
};

function sliderName(part) {
  const slider = part.closest(".widget-slider");
  const label = slider && slider.querySelector(".widget-label");
  return label ? label.textContent.trim() : "";
}

function buttonName(button) {
  if (button.title) return button.title;
  const icon = button.querySelector("i");
  const known = icon && [...icon.classList].find((name) => ICON_NAMES[name]);
  return known ? ICON_NAMES[known] : "";
}

export function nameControls(scope, picture) {
  for (const image of scope.querySelectorAll("img.widget-image")) {
    if (picture && image.alt !== picture) image.alt = picture;
  }
  for (const handle of scope.querySelectorAll('[role="slider"]:not([aria-label])')) {
    const name = sliderName(handle);
    if (name) handle.setAttribute("aria-label", name);
  }
  for (const readout of scope.querySelectorAll(".widget-readout[contenteditable]:not([aria-label])")) {
    const name = sliderName(readout);  // the number beside a slider, which a learner can also type into
    if (name) readout.setAttribute("aria-label", `${name}, typed`);
  }
  for (const button of scope.querySelectorAll("button:not([aria-label])")) {
    if (button.textContent.trim()) continue;
    const name = buttonName(button);
    if (name) button.setAttribute("aria-label", name);
  }
  for (const readout of scope.querySelectorAll(".nnlib-readout:not([aria-live])")) {
    readout.setAttribute("aria-live", "polite");
  }
}

// The whole widget this module sits in: its output area, else its outermost widget box.
function widgetOf(el) {
  const output = el.closest(".jp-OutputArea-output, .output_subarea");
  if (output) return output;
  let scope = el;
  while (scope.parentElement && scope.parentElement.closest(".jupyter-widgets")) scope = scope.parentElement;
  return scope;
}

export default {
  render({ model, el }) {
    let observer = null;
    let frame = null;
    let name = null;
    const attach = () => {
      if (!el.isConnected) {
        frame = requestAnimationFrame(attach);
        return;
      }
      const scope = widgetOf(el);
      name = () => nameControls(scope, model.get("picture"));
      name();
      observer = new MutationObserver(name);
      observer.observe(scope, { childList: true, subtree: true });
      model.on("change:picture", name);
    };
    attach();
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      if (observer) observer.disconnect();
      if (name) model.off("change:picture", name);
    };
  },
};
