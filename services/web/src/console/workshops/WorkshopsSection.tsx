// The console's workshops section (`ateliers`): its pages by the address's segments after it —
// the calendar (list or month), one session (its sheet of attendance, its moves), the check-in
// code to show in the room, the assembly's phases and their dates, a workshop (priority axes and
// the members' choice of them, mandates and the plenary's vote) and its notebook's versions side
// by side.
import type { ReactNode } from "react";

import { useI18n } from "../../i18n/i18n";
import type { ConsoleProps } from "../sections";
import { CalendarPage } from "./CalendarPage";
import { CheckInCodePage } from "./CheckInCodePage";
import { NotebookDiffPage } from "./NotebookDiffPage";
import { follow, sectionPath } from "./paths";
import { PhasesPage } from "./PhasesPage";
import { SessionPage } from "./SessionPage";
import { WorkshopPage } from "./WorkshopPage";
import "./workshops.css";

export function WorkshopsSection(props: ConsoleProps) {
  const [page, id, sub] = props.rest;
  if (page === "seance" && id && sub === "code") return <CheckInCodePage {...props} sessionId={id} />;
  if (page === "seance" && id) return <BelowCalendar {...props} page={<SessionPage {...props} sessionId={id} />} />;
  if (page === "carnet" && id) return <BelowCalendar {...props} page={<NotebookDiffPage {...props} workshopId={id} />} />;
  if (page === "phases") return <BelowCalendar {...props} page={<PhasesPage {...props} />} />;
  if (page === "atelier" && id) return <BelowCalendar {...props} page={<WorkshopPage {...props} workshopId={id} />} />;
  return <CalendarPage {...props} />;
}

// A page below the calendar, with the way back to it.
function BelowCalendar({ assembly, page }: ConsoleProps & { page: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <p>
        <a href={sectionPath(assembly.id)} onClick={follow}>
          {t("console.workshops.back")}
        </a>
      </p>
      {page}
    </>
  );
}
