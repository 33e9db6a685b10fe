import "@codegouvfr/react-dsfr/main.css";
import "@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { startDsfr } from "./dsfr";
import { I18nProvider } from "./i18n/i18n";

void startDsfr();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
