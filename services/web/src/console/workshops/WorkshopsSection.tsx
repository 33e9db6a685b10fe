// The console's workshops section (`ateliers`): its pages by the address's segments after it —
// the calendar (list or month), one session (its sheet of attendance, its moves), the check-in
// code to show in the room, a workshop (priority axes, mandates and the plenary's vote) and its
// notebook's versions side by side.
import type { ConsoleProps } from "../sections";
import { CalendarPage } from "./CalendarPage";
import { CheckInCodePage } from "./CheckInCodePage";
import { NotebookDiffPage } from "./NotebookDiffPage";
import { SessionPage } from "./SessionPage";
import { WorkshopPage } from "./WorkshopPage";
import "./workshops.css";

export function WorkshopsSection(props: ConsoleProps) {
  const [page, id, sub] = props.rest;
  if (page === "seance" && id && sub === "code") return <CheckInCodePage {...props} sessionId={id} />;
  if (page === "seance" && id) return <SessionPage {...props} sessionId={id} />;
  if (page === "carnet" && id) return <NotebookDiffPage {...props} workshopId={id} />;
  if (page === "atelier" && id) return <WorkshopPage {...props} workshopId={id} />;
  return <CalendarPage {...props} />;
}
