// The ballots of the member's assembly open to them (the whole assembly's and their workshop's):
// vote (for, against, abstain; a change while it is open), and in a secret ballot the receipt the
// first vote returns — shown once, kept in this browser, needed to change the vote — which, once
// the ballot is closed, tells whether the vote was counted (never how). A ballot held by show of
// hands is voted in the room: it says so and offers no vote (the service refuses one). Closed
// ballots show their result. Nothing of other members is shown.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import RadioButtons from "@codegouvfr/react-dsfr/RadioButtons";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { focusFirst, messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { FieldErrors } from "../model";
import { useMemberPlace } from "../memberWorkshop";
import "../member.css";

export type Choice = "for" | "against" | "abstain";
export const CHOICES: Choice[] = ["for", "against", "abstain"];

export interface Ballot {
  id: string;
  workshop?: string | null;
  question?: string;
  secret?: boolean;
  show_of_hands?: boolean;
  state?: "open" | "closed";
  closes_at?: string;
  result?: {
    for?: number;
    against?: number;
    abstain?: number;
    electorate?: number;
    turnout?: number;
    quorum_met?: boolean;
    outcome?: string;
  } | null;
}

// A receipt is 32 hexadecimal characters (the service makes 16 random bytes).
export const normaliseReceipt = (typed: string) => typed.trim().toLowerCase().replace(/\s+/g, "");
export const receiptLooksValid = (typed: string) => /^[0-9a-f]{32}$/.test(normaliseReceipt(typed));

// The receipt of the member's secret vote, kept in this browser (it says nothing of the choice).
const receiptKey = (ballotId: string, memberId: string) => `ballot-receipt:${ballotId}:${memberId}`;
export function rememberedReceipt(ballotId: string, memberId: string): string {
  try {
    return localStorage.getItem(receiptKey(ballotId, memberId)) ?? "";
  } catch {
    return "";
  }
}
function remember(ballotId: string, memberId: string, receipt: string) {
  try {
    localStorage.setItem(receiptKey(ballotId, memberId), receipt);
  } catch {
    // private browsing: the receipt is shown, to be noted down
  }
}

// The ballots a member of `theme` votes in: the assembly's and their workshop's.
export const ballotsFor = (items: Ballot[], theme: string | undefined) =>
  items.filter((b) => !b.workshop || b.workshop === theme);

export function BallotsPage({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const place = useMemberPlace(memberId);
  const [ballots, setBallots] = useState<Ballot[] | undefined>();
  const [failed, setFailed] = useState(false);
  const assemblyId = place.state === "ready" ? place.assemblyId : undefined;
  const theme = place.state === "ready" ? place.theme : undefined;

  const load = useCallback(async () => {
    if (!assemblyId) return;
    const { data } = await api.recommendations.GET("/v1/ballots", { params: { query: { assembly_id: assemblyId } } });
    if (!data) return setFailed(true);
    setBallots(ballotsFor((data.items ?? []) as Ballot[], theme));
  }, [assemblyId, theme]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (place.state === "failed" || failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  const open = ballots?.filter((b) => b.state === "open") ?? [];
  const closed = ballots?.filter((b) => b.state === "closed") ?? [];
  return (
    <div className={fr.cx("fr-my-4w")}>
      <h1>{t("member.ballots.title")}</h1>
      <p>{t("member.ballots.intro")}</p>
      {ballots === undefined ? (
        <p role="status">{t("forms.loading")}</p>
      ) : (
        <>
          <h2>{t("member.ballots.open")}</h2>
          {open.length === 0 && <p>{t("member.ballots.noneOpen")}</p>}
          {open.map((b) =>
            b.show_of_hands ? (
              <HandsBallot key={b.id} ballot={b} />
            ) : (
              <OpenBallot key={b.id} ballot={b} memberId={memberId} onVoted={() => void load()} />
            ),
          )}
          <h2 className={fr.cx("fr-mt-6w")}>{t("member.ballots.closed")}</h2>
          {closed.length === 0 && <p>{t("member.ballots.noneClosed")}</p>}
          {closed.map((b) => (
            <ClosedBallot key={b.id} ballot={b} memberId={memberId} />
          ))}
        </>
      )}
    </div>
  );
}

function BallotHeading({ ballot }: { ballot: Ballot }) {
  const { t, dateTime } = useI18n();
  return (
    <>
      <h3 className={fr.cx("fr-h5", "fr-mb-1w")}>{ballot.question}</h3>
      <p className={fr.cx("fr-mb-2w")}>
        <Badge small severity={ballot.secret ? "info" : "new"} as="span">
          {t(ballot.show_of_hands ? "member.ballots.hands" : ballot.secret ? "member.ballots.secret" : "member.ballots.public")}
        </Badge>{" "}
        {ballot.state === "open" && ballot.closes_at
          ? t("member.ballots.closesAt", { date: dateTime(new Date(ballot.closes_at)) })
          : null}
      </p>
    </>
  );
}

// Voted by show of hands in the room: nothing to send from here; the secretariat enters the count.
function HandsBallot({ ballot }: { ballot: Ballot }) {
  const { t } = useI18n();
  return (
    <article className={fr.cx("fr-mb-4w")} aria-labelledby={`ballot-${ballot.id}-title`} data-show-of-hands>
      <div id={`ballot-${ballot.id}-title`}>
        <BallotHeading ballot={ballot} />
      </div>
      <p>{t("member.ballots.hands.inRoom")}</p>
    </article>
  );
}

function OpenBallot({ ballot, memberId, onVoted }: { ballot: Ballot; memberId: string; onVoted: () => void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<Choice | "">("");
  const [receipt, setReceipt] = useState<string | undefined>();
  const doneRef = useRef<HTMLDivElement>(null);
  const ids = { "/choice": `ballot-${ballot.id}-choice-0` };
  const form = useFieldForm(ids);
  const { errors, setErrors, general, sending } = form;
  const kept = rememberedReceipt(ballot.id, memberId);
  // A ballot as read lists no voters: the member knows they voted in a secret ballot by the
  // receipt kept in this browser.
  const voted = kept !== "";

  useEffect(() => {
    if (receipt) doneRef.current?.focus();
  }, [receipt]);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(choice ? {} : { "/choice": { key: "member.ballots.choice.missing" } })) return;
    await form.send(async () => {
      // A change of a secret vote carries the receipt of the first one.
      const body = ballot.secret && kept ? { choice: choice as Choice, receipt: kept } : { choice: choice as Choice };
      const { data, error, response } = await api.recommendations.POST("/v1/ballots/{id}/votes", {
        params: { path: { id: ballot.id } },
        body,
      });
      if (!data)
        return form.refuse(response.status, error, "/choice", {
          409: ballot.secret && !kept ? "member.ballots.error.receiptNeeded" : "member.ballots.error.closed",
          403: "member.ballots.error.notElector",
        });
      const got = (data as { receipt?: string }).receipt;
      if (got) remember(ballot.id, memberId, got);
      setReceipt(got || kept || "-");
      onVoted();
    });
  }

  return (
    <article className={fr.cx("fr-mb-4w")} aria-labelledby={`ballot-${ballot.id}-title`}>
      <div id={`ballot-${ballot.id}-title`}>
        <BallotHeading ballot={ballot} />
      </div>
      <div ref={doneRef} tabIndex={-1}>
        {receipt && (
          <Alert
            severity="success"
            small
            role="status"
            description={
              ballot.secret && receipt !== "-" ? (
                <>
                  {t("member.ballots.voted")} {t("member.ballots.receiptIs")}{" "}
                  <strong className="member-receipt">{receipt}</strong>
                  <br />
                  {t("member.ballots.receiptNote")}
                </>
              ) : (
                t("member.ballots.voted")
              )
            }
          />
        )}
        {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
      </div>
      {!receipt && voted && (
        <p>
          {t("member.ballots.alreadyVoted")}
          {ballot.secret && kept && (
            <>
              {" "}
              {t("member.ballots.receiptIs")} <strong className="member-receipt">{kept}</strong>
            </>
          )}
        </p>
      )}
      <form noValidate onSubmit={submit}>
        <RadioButtons
          id={`ballot-${ballot.id}-choice`}
          legend={voted ? t("member.ballots.changeLegend") : t("member.ballots.legend")}
          name={`choice-${ballot.id}`}
          state={stateOf(errors["/choice"])}
          stateRelatedMessage={messageOf(t, errors["/choice"])}
          options={CHOICES.map((c) => ({
            label: t(`member.ballots.choice.${c}` as Key),
            nativeInputProps: {
              value: c,
              checked: choice === c,
              onChange: () => {
                setChoice(c);
                setErrors({});
              },
            },
          }))}
        />
        <Button type="submit" disabled={sending}>
          {sending ? t("forms.sending") : t(voted ? "member.ballots.change" : "member.ballots.vote")}
        </Button>
      </form>
    </article>
  );
}

function ClosedBallot({ ballot, memberId }: { ballot: Ballot; memberId: string }) {
  const { t } = useI18n();
  const r = ballot.result ?? {};
  const [receipt, setReceipt] = useState(() => rememberedReceipt(ballot.id, memberId));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [counted, setCounted] = useState<boolean | undefined>();
  const [general, setGeneral] = useState<Key | undefined>();
  const field = `ballot-${ballot.id}-receipt`;

  async function check(ev: FormEvent) {
    ev.preventDefault();
    setCounted(undefined);
    setGeneral(undefined);
    const found: FieldErrors = {};
    if (!receipt.trim()) found["/receipt"] = { key: "member.ballots.receipt.missing" };
    else if (!receiptLooksValid(receipt)) found["/receipt"] = { key: "member.ballots.receipt.format" };
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirst(found, { "/receipt": field });
    try {
      const { data, response } = await api.recommendations.GET("/v1/ballots/{id}/receipts/{receipt}", {
        params: { path: { id: ballot.id, receipt: normaliseReceipt(receipt) } },
      });
      if (data) setCounted(data.counted);
      else setGeneral(response.status === 404 ? "member.ballots.receipt.unknown" : "forms.error.server");
    } catch {
      setGeneral("forms.error.server");
    }
  }

  const outcome = r.outcome ?? "";
  return (
    <article className={fr.cx("fr-mb-4w")} aria-labelledby={`ballot-${ballot.id}-title`}>
      <div id={`ballot-${ballot.id}-title`}>
        <BallotHeading ballot={ballot} />
      </div>
      <p>
        <strong>
          {["adopted", "rejected", "no-quorum"].includes(outcome)
            ? t(`member.ballots.outcome.${outcome}` as Key)
            : outcome}
        </strong>
      </p>
      <ul>
        <li>{t("member.ballots.result.for", { n: r.for ?? 0 })}</li>
        <li>{t("member.ballots.result.against", { n: r.against ?? 0 })}</li>
        <li>{t("member.ballots.result.abstain", { n: r.abstain ?? 0 })}</li>
        <li>{t("member.ballots.result.electorate", { n: r.electorate ?? 0 })}</li>
      </ul>
      {ballot.secret && (
        <form noValidate onSubmit={check}>
          <Input
            label={t("member.ballots.receipt.label")}
            hintText={t("member.ballots.receipt.hint")}
            state={stateOf(errors["/receipt"])}
            stateRelatedMessage={messageOf(t, errors["/receipt"])}
            nativeInputProps={{
              id: field,
              name: "receipt",
              autoComplete: "off",
              spellCheck: false,
              value: receipt,
              onChange: (e) => {
                setReceipt(e.target.value);
                setErrors({});
              },
            }}
          />
          <Button type="submit" priority="secondary">
            {t("member.ballots.receipt.check")}
          </Button>
          <div role="status" className={fr.cx("fr-mt-2w")}>
            {counted !== undefined && (
              <Alert
                severity={counted ? "success" : "warning"}
                small
                description={t(counted ? "member.ballots.receipt.counted" : "member.ballots.receipt.notCounted")}
              />
            )}
            {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
          </div>
        </form>
      )}
    </article>
  );
}
