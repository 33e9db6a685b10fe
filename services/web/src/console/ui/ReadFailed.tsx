// What a screen shows when its read from a service failed: the message, and a button to read
// again.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";

import { useI18n } from "../../i18n/i18n";

export function ReadFailed({ retry }: { retry: () => Promise<void> }) {
  const { t } = useI18n();
  return (
    <>
      <Alert severity="error" small description={t("forms.error.load")} />
      <Button className={fr.cx("fr-mt-2w")} priority="secondary" onClick={() => void retry()}>
        {t("console.retry")}
      </Button>
    </>
  );
}
