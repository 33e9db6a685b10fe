// The sections of the members' space (/espace-membre/<path>): each a page taking the signed-in
// member's id; the side menu lists them in this order under their catalogue label.
import type { ComponentType } from "react";

import type { Key } from "../i18n/messages";
import { BallotsPage } from "./ballots/BallotsPage";
import { EvaluationPage } from "./evaluation/EvaluationPage";
import { NotebookPage } from "./notebook/NotebookPage";
import { RecommendationsPage } from "./recommendations/RecommendationsPage";

export interface MemberSection {
  path: string;
  labelKey: Key;
  component: ComponentType<{ memberId: string }>;
}

export const sections: MemberSection[] = [
  { path: "carnet", labelKey: "member.notebook.title", component: NotebookPage },
  { path: "recommandations", labelKey: "member.recommendations.title", component: RecommendationsPage },
  { path: "votes", labelKey: "member.ballots.title", component: BallotsPage },
  { path: "evaluation", labelKey: "member.evaluation.title", component: EvaluationPage },
];
