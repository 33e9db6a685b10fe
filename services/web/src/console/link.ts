// A link inside the application: its address, and a click that moves there without reloading
// (a click with a modifier key or another button keeps the browser's own behaviour: a new tab).
import type { MouseEvent } from "react";

import { navigate } from "../router";

export const link = (href: string) => ({
  href,
  onClick: (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(href);
  },
});
