import "@codegouvfr/react-dsfr/main.css";
import "@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css";

import { setUseLang } from "@codegouvfr/react-dsfr/spa";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { startDsfr } from "./dsfr";
import { I18nProvider, useI18n } from "./i18n/i18n";

void startDsfr();
// The DSFR components' own words (menu, close, the footer's) follow the reader's language.
setUseLang({ useLang: () => useI18n().lang });
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
