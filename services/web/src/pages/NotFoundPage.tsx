import { fr } from "@codegouvfr/react-dsfr";

import { useI18n } from "../i18n/i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className={fr.cx("fr-my-6w")}>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <a className={fr.cx("fr-link")} href="/">
        {t("notFound.home")}
      </a>
    </div>
  );
}
