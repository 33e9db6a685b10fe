// The follow-up (section « suivi »: the secretariat and the city departments): the commitments
// the city made for each recommendation the Council adopted, by recommendation, with their status,
// progress and milestones (overdue ones flagged); a department sees and records its own (its
// department is its token's `department` claim, never typed); then, for the secretariat, the
// reports of the droit de suite. Sub-pages: nouveau (a new commitment), engagement/<id> (one
// commitment), rapport/<id> (compile, preview and publish a report).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { ProblemLike } from "../../forms/problem";
import { useI18n } from "../../i18n/i18n";
import { navigate } from "../../router";
import { link } from "../link";
import { consolePath, hasRole, type Staff } from "../model";
import type { ConsoleProps } from "../sections";
import { ReadFailed } from "../ui/ReadFailed";
import { Table } from "../ui/Table";
import { useRead } from "../ui/useRead";
import { CommitmentPage } from "./CommitmentPage";
import {
  addressedTo,
  type AdoptedRecommendation,
  adoptedRecommendations,
  byRecommendation,
  commitmentBody,
  type CommitmentForm,
  type MilestoneRow,
  validateCommitment,
  visibleCommitments,
} from "./model";
import { BackToFollowup, commitmentColumns, OverdueBadge, Progress, StatusBadge } from "./parts";
import { ReportPage, ReportsPanel } from "./Reports";

export function FollowupSection({ assembly: { id = "" }, staff, rest }: ConsoleProps) {
  if (rest[0] === "nouveau" && hasRole(staff, ["city-service"])) return <NewCommitment assembly={id} staff={staff} />;
  if (rest[0] === "engagement" && rest[1]) return <CommitmentPage assembly={id} id={rest[1]} staff={staff} />;
  if (rest[0] === "rapport" && rest[1] && hasRole(staff, ["secretariat"])) return <ReportPage assembly={id} id={rest[1]} />;
  return <Commitments assembly={id} staff={staff} />;
}

function Commitments({ assembly, staff }: { assembly: string; staff: Staff }) {
  const { t, number } = useI18n();
  const [list, load] = useRead(
    async () => (await api.followup.GET("/v1/commitments", { params: { query: { assembly_id: assembly } } })).data?.items ?? undefined,
    [assembly],
  );
  const city = hasRole(staff, ["city-service"]);
  const mine = list ? visibleCommitments(list, staff) : [];
  return (
    <>
      <h1>{t("console.followup.title")}</h1>
      <p>
        {city && staff.department
          ? t("console.followup.intro.department", { department: staff.department })
          : t("console.followup.intro.secretariat")}
      </p>
      {city && staff.department && (
        <p>
          <a className={fr.cx("fr-btn", "fr-btn--icon-left", "fr-icon-add-line")} {...link(consolePath(assembly, "suivi", "nouveau"))}>
            {t("console.followup.new.link")}
          </a>
        </p>
      )}
      {city && !staff.department && <Alert severity="warning" small description={t("console.followup.noDepartment")} />}
      <h2>{t("console.followup.commitments")}</h2>
      {list === undefined && <p role="status">{t("forms.loading")}</p>}
      {list === null && <ReadFailed retry={load} />}
      {list && mine.length === 0 && <p>{t("console.followup.commitments.none")}</p>}
      {byRecommendation(mine).map((group) => (
        <section key={group.id} className={fr.cx("fr-mb-4w")}>
          <h3 className={fr.cx("fr-h6")}>{t("console.followup.recommendation", { title: group.title })}</h3>
          <Table
            className={fr.cx("fr-table--no-caption")}
            caption={t("console.followup.recommendation", { title: group.title })}
            headers={commitmentColumns(t)}
            rowHeaders
            keys={group.items.map((c) => c.id ?? "")}
            rows={group.items.map((c) => [
              <a className={fr.cx("fr-link")} {...link(consolePath(assembly, "suivi", "engagement", c.id ?? ""))}>
                {c.title}
              </a>,
              c.department,
              <StatusBadge status={c.status} />,
              <Progress value={c.progress ?? 0} of={c.title ?? ""} />,
              <>
                {t("console.followup.milestones.count", { n: number(c.milestones_total ?? 0) })}
                {(c.milestones_overdue ?? 0) > 0 && (
                  <>
                    {" "}
                    <OverdueBadge /> {t("console.followup.milestones.overdueCount", { n: number(c.milestones_overdue ?? 0) })}
                  </>
                )}
              </>,
            ])}
          />
        </section>
      ))}
      {hasRole(staff, ["secretariat"]) && <ReportsPanel assembly={assembly} />}
    </>
  );
}

const NEW_IDS: Record<string, string> = {
  "/recommendation_id": "commitment-recommendation",
  "/title": "commitment-title",
  "/description": "commitment-description",
  "/department": "commitment-title",
  "/elected_official": "commitment-official",
  "/milestones/0/title": "commitment-milestone-0-title",
  "/milestones/0/due_on": "commitment-milestone-0-due",
};

function NewCommitment({ assembly, staff }: { assembly: string; staff: Staff }) {
  const { t } = useI18n();
  const [recommendations] = useRead(async () => {
    const [s, w] = await Promise.all([
      api.followup.GET("/v1/council-sessions"),
      api.workshops.GET("/v1/workshops", { params: { query: { assembly_id: assembly } } }),
    ]);
    if (!s.data || !w.data) return undefined;
    return addressedTo(adoptedRecommendations(s.data.items ?? [], assembly), w.data.items ?? [], staff.department);
  }, [assembly, staff.department]);
  const option = (r: AdoptedRecommendation) => (
    <option key={r.id} value={r.id}>
      {`${r.title} — ${r.motion}`}
    </option>
  );
  const [f, setF] = useState<CommitmentForm>({ recommendationId: "", title: "", description: "", electedOfficial: "", milestones: [{ title: "", dueOn: "" }] });
  const ids = { ...NEW_IDS };
  f.milestones.forEach((_, i) => {
    ids[`/milestones/${i}/title`] = `commitment-milestone-${i}-title`;
    ids[`/milestones/${i}/due_on`] = `commitment-milestone-${i}-due`;
  });
  const form = useFieldForm(ids);
  const set = (change: Partial<CommitmentForm>) => setF((x) => ({ ...x, ...change }));
  const setMilestone = (i: number, change: Partial<MilestoneRow>) =>
    setF((x) => ({ ...x, milestones: x.milestones.map((m, j) => (j === i ? { ...m, ...change } : m)) }));
  const field = (pointer: string) => ({ state: stateOf(form.errors[pointer]), stateRelatedMessage: messageOf(t, form.errors[pointer]) });

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateCommitment(f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/commitments", { body: commitmentBody(f) });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/recommendation_id", { 409: "console.followup.new.notAdopted" });
      navigate(consolePath(assembly, "suivi", "engagement", data.id ?? ""));
    });
  }

  return (
    <>
      <BackToFollowup assembly={assembly} />
      <h1>{t("console.followup.new.title")}</h1>
      <p>{t("console.followup.new.intro", { department: staff.department ?? "" })}</p>
      {recommendations === undefined && <p role="status">{t("forms.loading")}</p>}
      {recommendations === null && <Alert severity="error" small description={t("forms.error.load")} />}
      {recommendations && recommendations.mine.length + recommendations.others.length === 0 && (
        <p>{t("console.followup.new.noRecommendation")}</p>
      )}
      {recommendations && recommendations.mine.length + recommendations.others.length > 0 && (
        <form noValidate onSubmit={submit}>
          <Select label={t("console.followup.new.recommendation")} {...field("/recommendation_id")}
            nativeSelectProps={{ id: ids["/recommendation_id"], value: f.recommendationId, onChange: (e) => set({ recommendationId: e.target.value }) }}>
            <option value="">{t("console.followup.new.recommendation.choose")}</option>
            {recommendations.mine.length > 0 && (
              <optgroup label={t("console.followup.new.recommendation.mine")}>{recommendations.mine.map(option)}</optgroup>
            )}
            {recommendations.others.length > 0 && (
              <optgroup label={t("console.followup.new.recommendation.others")}>{recommendations.others.map(option)}</optgroup>
            )}
          </Select>
          <Input label={t("console.followup.new.commitmentTitle")} {...field("/title")}
            nativeInputProps={{ id: ids["/title"], value: f.title, maxLength: 300, onChange: (e) => set({ title: e.target.value }) }} />
          <Input label={t("console.followup.new.description")} textArea {...field("/description")}
            nativeTextAreaProps={{ id: ids["/description"], rows: 4, value: f.description, onChange: (e) => set({ description: e.target.value }) }} />
          <Input label={t("console.followup.new.official")} hintText={t("console.followup.new.officialHint")} {...field("/elected_official")}
            nativeInputProps={{ id: ids["/elected_official"], value: f.electedOfficial, maxLength: 200, onChange: (e) => set({ electedOfficial: e.target.value }) }} />
          <fieldset className={fr.cx("fr-fieldset")}>
            <legend className={fr.cx("fr-fieldset__legend")}>{t("console.followup.new.milestones")}</legend>
            {f.milestones.map((m, i) => (
              <div key={i} className={fr.cx("fr-fieldset__element")}>
                <Input label={t("console.followup.milestone.titleN", { n: i + 1 })} {...field(`/milestones/${i}/title`)}
                  nativeInputProps={{ id: ids[`/milestones/${i}/title`], value: m.title, maxLength: 300, onChange: (e) => setMilestone(i, { title: e.target.value }) }} />
                <Input label={t("console.followup.milestone.dueOnN", { n: i + 1 })} {...field(`/milestones/${i}/due_on`)}
                  nativeInputProps={{ id: ids[`/milestones/${i}/due_on`], type: "date", value: m.dueOn, onChange: (e) => setMilestone(i, { dueOn: e.target.value }) }} />
              </div>
            ))}
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-add-line"
              onClick={() => set({ milestones: [...f.milestones, { title: "", dueOn: "" }] })}>
              {t("console.followup.new.addMilestone")}
            </Button>
          </fieldset>
          {form.general && <Alert severity="error" small description={t(form.general)} />}
          <Button type="submit" disabled={form.sending} className={fr.cx("fr-mt-2w")}>
            {form.sending ? t("forms.sending") : t("console.followup.new.submit")}
          </Button>
        </form>
      )}
    </>
  );
}
