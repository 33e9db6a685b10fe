import { fr } from "@codegouvfr/react-dsfr";
import CallOut from "@codegouvfr/react-dsfr/CallOut";

import { useI18n } from "../i18n/i18n";

export function HomePage() {
  const { t } = useI18n();
  return (
    <div className={fr.cx("fr-my-6w")}>
      <h1>{t("home.title")}</h1>
      <p className={fr.cx("fr-text--lead")}>{t("home.intro")}</p>
      <CallOut
        title={t("home.answerTitle")}
        titleAs="h2"
        buttonProps={{ linkProps: { href: "/repondre" }, children: t("home.answerLink") }}
      >
        {t("home.answerText")}
      </CallOut>
    </div>
  );
}
