// A member's workshop wishes as membership holds them (`preferences`, most wanted first), and the
// secretariat's form for wishes received by phone or post: one select per rank, each offering the
// assembly's workshops by name, sent as `PUT /v1/members/{id}/preferences {workshops: [themes]}`.
// Only while membership takes them (selected, invited or confirmed, not yet placed); otherwise
// the page says why. Checked before sending (a workshop twice, a rank left empty above a chosen
// one); the service's refusal is shown next to the select it names, the focus on the first.
import { fr } from "@codegouvfr/react-dsfr";
import Button from "@codegouvfr/react-dsfr/Button";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { type FieldErrors, problemFields } from "../../forms/problem";
import { useFieldForm, useMessage } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import { checkWishes, type Member, wishesClosed } from "./model";
import { type Names, useNaming } from "./names";

const MAX_RANKS = 12; // membership takes at most 12

export function Wishes({ member, workshops, names, done }: { member: Member; workshops: string[]; names: Names; done: (m: Member) => void }) {
  const { t } = useI18n();
  const naming = useNaming(names);
  const held = (member.preferences ?? []) as string[];
  const closed = wishesClosed(member);
  return (
    <section aria-labelledby="member-wishes-title">
      <h2 id="member-wishes-title">{t("console.members.wishes.title")}</h2>
      {held.length === 0 ? (
        <p id="member-wishes">{t("console.members.wishes.none")}</p>
      ) : (
        <ol id="member-wishes">
          {held.map((w) => (
            <li key={w}>{naming.workshop(w)}</li>
          ))}
        </ol>
      )}
      {closed ? (
        <p id="member-wishes-closed">
          {"placed" in closed
            ? t("console.members.wishes.closedPlaced", { workshop: naming.workshop(closed.placed) })
            : t("console.members.wishes.closedStatus", { status: t(`member.status.value.${closed.status}`) })}
        </p>
      ) : (
        <WishesForm member={member} workshops={workshops} names={names} done={done} />
      )}
    </section>
  );
}

function WishesForm({ member, workshops, names, done }: { member: Member; workshops: string[]; names: Names; done: (m: Member) => void }) {
  const { t } = useI18n();
  const message = useMessage();
  const naming = useNaming(names);
  const ranks = Math.min(MAX_RANKS, Math.max(1, workshops.length));
  const held = (member.preferences ?? []) as string[];
  const [choices, setChoices] = useState<string[]>(() => Array.from({ length: ranks }, (_, i) => held[i] ?? ""));
  const [saved, setSaved] = useState(false);
  const ids = Object.fromEntries(choices.map((_, i) => [`/workshops/${i}`, `member-wish-${i}`]));
  const form = useFieldForm(ids);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    const { errors, workshops: list } = checkWishes(choices);
    const found: FieldErrors = Object.fromEntries(
      Object.entries(errors).map(([p, why]) => [p, { key: why === "gap" ? "console.members.wishes.gap" : "console.members.wishes.repeated" }]),
    );
    if (!form.check(found)) return;
    await form.send(async () => {
      const r = await api.membership.PUT("/v1/members/{id}/preferences", {
        params: { path: { id: member.id ?? "" } },
        body: { workshops: list },
      });
      if (r.data) {
        setSaved(true);
        done(r.data);
      } else if (r.response.status === 409) {
        // The member's status changed meanwhile: the service's words, next to the first rank.
        form.setErrors(problemFields(r.error as never, [], "/workshops/0"));
        document.getElementById("member-wish-0")?.focus();
      } else form.refuse(r.response.status, r.error as never, "/workshops/0");
    });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="member-wishes-form-title">
      <h3 id="member-wishes-form-title">{t("console.members.wishes.formTitle")}</h3>
      <p className={fr.cx("fr-hint-text")}>{t("console.members.wishes.hint")}</p>
      <div role="alert">{form.general && <p className={fr.cx("fr-error-text")}>{t(form.general)}</p>}</div>
      {choices.map((c, i) => {
        const pointer = `/workshops/${i}`;
        return (
          <Select
            key={i}
            label={t("console.members.wishes.rank", { rank: i + 1 })}
            state={form.errors[pointer] ? "error" : "default"}
            stateRelatedMessage={message(form.errors[pointer])}
            nativeSelectProps={{
              id: `member-wish-${i}`,
              value: c,
              onChange: (e) => {
                const next = [...choices];
                next[i] = e.target.value;
                setChoices(next);
                setSaved(false);
                form.setErrors((all) => {
                  const rest = { ...all };
                  delete rest[pointer];
                  return rest;
                });
              },
            }}
          >
            <option value="">{t("console.members.wishes.noChoice")}</option>
            {workshops.map((w) => (
              <option key={w} value={w}>
                {naming.workshop(w)}
              </option>
            ))}
          </Select>
        );
      })}
      <Button type="submit" disabled={form.sending}>
        {t("console.members.wishes.submit")}
      </Button>
      <div role="status">{saved && <p id="member-wishes-saved">{t("console.members.wishes.saved")}</p>}</div>
    </form>
  );
}
