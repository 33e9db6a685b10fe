// The public site's script, at a fixed address (/site/site.js: vite.config.ts), for the pages the
// services render in the site's frame (libs/site, docs/site.md); its stylesheet is site.css. The
// script only opens the header's menu and the collapsed parts on a phone: every page reads
// without it.
import { startDsfr } from "../dsfr";

// The DSFR icons the server-rendered pages name (kept by `react-dsfr update-icons`, which keeps
// only the icons named in this application's code).
export const SITE_ICONS = ["fr-icon-translate-2", "fr-icon-account-circle-line"] as const;

void startDsfr();
