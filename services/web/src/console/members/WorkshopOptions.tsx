// The options of a select choosing one of the assembly's workshops (none chosen at first), each
// by its name (`name`: theme -> the words shown; the value stays the theme membership takes).
import { useI18n } from "../../i18n/i18n";

export function WorkshopOptions({ workshops, name = (w) => w }: { workshops: string[]; name?: (theme: string) => string }) {
  const { t } = useI18n();
  return (
    <>
      <option value="" disabled>
        {t("console.members.move.choose")}
      </option>
      {workshops.map((w) => (
        <option key={w} value={w}>
          {name(w)}
        </option>
      ))}
    </>
  );
}
