// The follow-up dashboard (section « tableau-suivi »).
export const fr = {
  "console.followupDashboard.nav": "Tableau de bord du suivi",
  "console.followupDashboard.title": "Tableau de bord du suivi",
  "console.followupDashboard.intro":
    "Les chiffres du suivi des engagements de cette assemblée, les mêmes que ceux du tableau de bord d’exploitation, calculés par le service de suivi au moment où la page est ouverte.",
  "console.followupDashboard.open": "engagements ouverts (prévus, en cours ou retardés)",
  "console.followupDashboard.done": "engagements réalisés",
  "console.followupDashboard.milestonesOverdue": "jalons en retard",
  "console.followupDashboard.reportsPublished": "rapports publiés",
  "console.followupDashboard.reportsOverdue": "rapports en retard",
  "console.followupDashboard.daysSince": "jours depuis le dernier rapport publié",
  "console.followupDashboard.noReport": "Aucun",
  "console.followupDashboard.byStatus": "Les engagements par statut",
  "console.followupDashboard.decisions": "Les décisions du Conseil sur les vœux de l’assemblée",
  "console.followupDashboard.count": "Nombre",
  "console.followupDashboard.late": "Ce qui est en retard",
  "console.followupDashboard.late.none": "Rien n’est en retard.",
  "console.followupDashboard.late.report": "Rapport n° {n}, à publier le {day}",
  "console.followupDashboard.late.milestone": "« {title} » ({commitment}, {department}), échéance le {day}",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "console.followupDashboard.nav": "Follow-up dashboard",
  "console.followupDashboard.title": "Follow-up dashboard",
  "console.followupDashboard.intro":
    "The figures of this assembly's commitments follow-up, the same as the operations dashboard's, computed by the follow-up service when the page is opened.",
  "console.followupDashboard.open": "open commitments (planned, in progress or delayed)",
  "console.followupDashboard.done": "commitments done",
  "console.followupDashboard.milestonesOverdue": "milestones overdue",
  "console.followupDashboard.reportsPublished": "reports published",
  "console.followupDashboard.reportsOverdue": "reports overdue",
  "console.followupDashboard.daysSince": "days since the last report published",
  "console.followupDashboard.noReport": "None",
  "console.followupDashboard.byStatus": "Commitments by status",
  "console.followupDashboard.decisions": "The Council's decisions on the assembly's motions",
  "console.followupDashboard.count": "Number",
  "console.followupDashboard.late": "What is overdue",
  "console.followupDashboard.late.none": "Nothing is overdue.",
  "console.followupDashboard.late.report": "Report {n}, due on {day}",
  "console.followupDashboard.late.milestone": "“{title}” ({commitment}, {department}), due on {day}",
};
