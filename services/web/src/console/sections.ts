// The console's sections, in the order of the process (recruitment → panel → members →
// workshops → recommendations and motions → Council → follow-up, then the dashboards): the
// address segment after /console/<assembly>, the menu's label, the roles that may open it (the
// menu shows only those; the services refuse the others' actions anyway) and the page. Each page
// gets the assembly, the signed-in person's staff roles, and the path segments after its own
// (its sub-pages, and the id of a long operation so that it survives a reload).
import type { ComponentType } from "react";

import type { Key } from "../i18n/messages";
import { CouncilSection } from "./council/CouncilSection";
import { FollowupSection } from "./followup/FollowupSection";
import { FollowupDashboard } from "./followupDashboard/FollowupDashboard";
import { MembersSection } from "./members/MembersSection";
import { MessagesSection } from "./notifications/MessagesSection";
import type { Assembly, Role, Staff } from "./model";
import { PanelSection } from "./panel/PanelSection";
import { ParticipationSection } from "./participation/ParticipationSection";
import { AuditSection } from "./privacy/AuditSection";
import { RecommendationsSection } from "./recommendations/RecommendationsSection";
import { ErasureSection } from "./privacy/ErasureSection";
import { WorkshopsSection } from "./workshops/WorkshopsSection";
import { RecruitmentSection } from "./recruitment/RecruitmentSection";

export interface ConsoleProps {
  assembly: Assembly;
  staff: Staff;
  rest: string[];
}

export interface ConsoleSection {
  path: string;
  label: Key;
  roles: readonly Role[];
  component: ComponentType<ConsoleProps>;
}

export const sections: ConsoleSection[] = [
  { path: "recrutement", label: "console.recruitment.nav", roles: ["secretariat"], component: RecruitmentSection },
  { path: "panel", label: "console.panel.nav", roles: ["secretariat"], component: PanelSection },
  { path: "membres", label: "console.members.nav", roles: ["secretariat"], component: MembersSection },
  { path: "ateliers", label: "console.workshops.nav", roles: ["secretariat", "facilitator"], component: WorkshopsSection },
  { path: "recommandations", label: "console.recommendations.nav", roles: ["secretariat", "city-service"], component: RecommendationsSection },
  { path: "conseil", label: "console.council.nav", roles: ["council-clerk", "secretariat"], component: CouncilSection },
  { path: "suivi", label: "console.followup.nav", roles: ["secretariat", "city-service"], component: FollowupSection },
  // The dashboards.
  { path: "participation", label: "console.participation.nav", roles: ["secretariat"], component: ParticipationSection },
  { path: "tableau-suivi", label: "console.followupDashboard.nav", roles: ["secretariat"], component: FollowupDashboard },
  // The messages sent to the members along the process (the auditor reads them, without the actions).
  { path: "messages", label: "console.messages.nav", roles: ["secretariat", "auditor"], component: MessagesSection },
  // Personal data, across the process.
  { path: "effacements", label: "console.erasure.nav", roles: ["secretariat"], component: ErasureSection },
  { path: "journal", label: "console.audit.nav", roles: ["auditor"], component: AuditSection },
];
