// The options of a select choosing one of the assembly's workshops (none chosen at first).
import { useI18n } from "../../i18n/i18n";

export function WorkshopOptions({ workshops }: { workshops: string[] }) {
  const { t } = useI18n();
  return (
    <>
      <option value="" disabled>
        {t("console.members.move.choose")}
      </option>
      {workshops.map((w) => (
        <option key={w} value={w}>
          {w}
        </option>
      ))}
    </>
  );
}
