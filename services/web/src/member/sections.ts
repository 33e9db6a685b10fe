// The sections of the members' space, in the order of its side menu: the address segment after
// /espace-membre (the first section is the space's own address), the menu's label and the page.
// Each page gets the member's id and record (and a way to replace the record after a change).
import type { ComponentType } from "react";

import type { Key } from "../i18n/messages";
import { BallotsPage } from "./ballots/BallotsPage";
import { CheckInSection } from "./CheckInSection";
import { DataSection } from "./DataSection";
import { EvaluationPage } from "./evaluation/EvaluationPage";
import { MessagesSection } from "./MessagesSection";
import type { Member } from "./model";
import { NotebookPage } from "./notebook/NotebookPage";
import { RecommendationsPage } from "./recommendations/RecommendationsPage";
import { StatusSection } from "./StatusSection";
import { WorkshopSection } from "./WorkshopSection";

export interface SectionProps {
  member: Member;
  memberId: string;
  update: (m: Member) => void;
}

export interface Section {
  path: string;
  label: Key;
  component: ComponentType<SectionProps>;
}

export const sections: Section[] = [
  { path: "statut", label: "member.status.nav", component: StatusSection },
  { path: "atelier", label: "member.workshop.nav", component: WorkshopSection },
  { path: "presence", label: "member.checkIn.nav", component: CheckInSection },
  { path: "carnet", label: "member.notebook.title", component: NotebookPage },
  { path: "recommandations", label: "member.recommendations.title", component: RecommendationsPage },
  { path: "votes", label: "member.ballots.title", component: BallotsPage },
  { path: "evaluation", label: "member.evaluation.title", component: EvaluationPage },
  { path: "donnees", label: "member.data.nav", component: DataSection },
  // The address the optional e-mails give as List-Unsubscribe (notifications: <site>/espace-membre/messages).
  { path: "messages", label: "member.messages.nav", component: MessagesSection },
];
