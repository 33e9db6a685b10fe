// The section's addresses: /console/<assembly>/ateliers/<rest...>.
import type { MouseEvent } from "react";

import { navigate } from "../../router";
import { consolePath } from "../model";

export const SECTION = "ateliers";
export const sectionPath = (assemblyId: string | undefined, ...rest: string[]) => consolePath(assemblyId, SECTION, ...rest);

// A link's click moves without reloading (a modified click opens as the browser does).
export function follow(e: MouseEvent<HTMLAnchorElement>) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(e.currentTarget.getAttribute("href") ?? "/");
}
