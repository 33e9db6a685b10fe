// Recruitment (secretariat): import a pool from a CSV file in parts, draw the invitations (the
// seed's commitment first), download the mailing list, follow the answers by criterion against
// the pool's shares, enter an answer received by phone or by post. Every call goes to sortition
// with the signed-in person's token. An import in progress is in the address
// (/console/<a>/recrutement/import/<id>), a draw followed too (/console/<a>/recrutement/tirage/<id>),
// so a reload finds them.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { navigate } from "../../router";
import { consolePath } from "../model";
import type { ConsoleProps } from "../sections";
import { AnswersPanel } from "./AnswersPanel";
import { ImportPanel } from "./ImportPanel";
import { type InvitationDraw, type Pool, randomSeed, sha256Hex } from "./model";

export function RecruitmentSection({ assembly, rest }: ConsoleProps) {
  const { t } = useI18n();
  const assemblyId = assembly.id ?? "";
  const [pools, setPools] = useState<Pool[]>([]);
  const [draws, setDraws] = useState<InvitationDraw[]>([]);
  const load = useCallback(async () => {
    const [p, d] = await Promise.all([
      api.sortition.GET("/v1/pools"),
      api.sortition.GET("/v1/invitation-draws", { params: { query: { assembly_id: assemblyId } } }),
    ]);
    setPools(p.data?.items ?? []);
    setDraws(d.data?.items ?? []);
  }, [assemblyId]);
  useEffect(() => {
    void load();
  }, [load]);

  const importId = rest[0] === "import" ? rest[1] : undefined;
  const drawId = rest[0] === "tirage" ? rest[1] : undefined;
  const here = (...r: string[]) => consolePath(assemblyId, "recrutement", ...r);

  return (
    <>
      <h1>{t("console.recruitment.title")}</h1>
      <ImportPanel
        importId={importId}
        onStarted={(id) => navigate(here("import", id))}
        onFinished={() => void load()}
        onReset={() => navigate(here())}
      />
      <section className={fr.cx("fr-mt-4w")} aria-labelledby="pools-title">
        <h2 id="pools-title">{t("console.recruitment.pools.title")}</h2>
        {pools.length === 0 ? (
          <p>{t("console.recruitment.pools.none")}</p>
        ) : (
          <ul>
            {pools.map((p) => (
              <li key={p.id}>
                {p.name} — {t(`console.recruitment.import.kind.${p.kind as "roll"}`)} — {p.state}
                {p.row_count != null && <> — {t("console.recruitment.pools.rows", { rows: p.row_count })}</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <DrawForm assemblyId={assemblyId} pools={pools.filter((p) => p.state === "ready")} onDrawn={(id) => {
        void load();
        navigate(here("tirage", id));
      }} />
      <section className={fr.cx("fr-mt-4w")} aria-labelledby="draws-title">
        <h2 id="draws-title">{t("console.recruitment.draws.title")}</h2>
        {draws.length === 0 ? (
          <p>{t("console.recruitment.draws.none")}</p>
        ) : (
          <ul>
            {draws.map((d) => (
              <li key={d.id}>
                {t("console.recruitment.draws.item", { invited: d.invited ?? 0, state: d.state ?? "" })}{" "}
                <a
                  className={fr.cx("fr-link")}
                  href={here("tirage", d.id ?? "")}
                  aria-current={d.id === drawId ? "page" : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(here("tirage", d.id ?? ""));
                  }}
                >
                  {t("console.recruitment.draws.open")}
                  <span className={fr.cx("fr-sr-only")}> ({(d.id ?? "").slice(0, 8)})</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {drawId && <AnswersPanel key={drawId} assemblyId={assemblyId} drawId={drawId} />}
    </>
  );
}

// Commit the seed (its SHA-256 published), then draw with it. Two steps, two buttons: what the
// public record shows in that order.
function DrawForm({ assemblyId, pools, onDrawn }: { assemblyId: string; pools: Pool[]; onDrawn: (id: string) => void }) {
  const { t } = useI18n();
  const [poolId, setPoolId] = useState("");
  const [invited, setInvited] = useState("10");
  const [seed, setSeed] = useState(randomSeed);
  const [committed, setCommitted] = useState<{ id: string; hash: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const pool = poolId || pools[0]?.id || "";
  const fail = (detail: string | undefined) =>
    setError(detail ? t("console.recruitment.error.refused", { detail }) : t("console.recruitment.error.server"));

  async function commit() {
    setBusy(true);
    setError(undefined);
    try {
      const hash = await sha256Hex(seed);
      const { data, error: e } = await api.sortition.POST("/v1/invitation-draws", {
        body: { assembly_id: assemblyId, pool_id: pool, invited: Number(invited), seed_commitment: hash },
      });
      if (data) setCommitted({ id: data.id ?? "", hash });
      else fail((e as { detail?: string } | undefined)?.detail);
    } finally {
      setBusy(false);
    }
  }
  async function draw() {
    if (!committed) return;
    setBusy(true);
    setError(undefined);
    try {
      const { data, error: e } = await api.sortition.POST("/v1/invitation-draws/{id}/draw", {
        params: { path: { id: committed.id } },
        body: { seed },
      });
      if (data) {
        setCommitted(undefined);
        setSeed(randomSeed());
        onDrawn(data.id ?? committed.id);
      } else fail((e as { detail?: string } | undefined)?.detail);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className={fr.cx("fr-mt-4w")} aria-labelledby="draw-title">
      <h2 id="draw-title">{t("console.recruitment.draw.title")}</h2>
      <p className={fr.cx("fr-text--sm")}>{t("console.recruitment.draw.help")}</p>
      <Select
        label={t("console.recruitment.draw.pool")}
        nativeSelectProps={{ id: "draw-pool", value: pool, onChange: (e) => setPoolId(e.target.value), disabled: !!committed }}
      >
        {pools.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
      <Input
        label={t("console.recruitment.draw.invited")}
        nativeInputProps={{ id: "draw-invited", inputMode: "numeric", value: invited, onChange: (e) => setInvited(e.target.value), disabled: !!committed }}
      />
      <Input
        label={t("console.recruitment.draw.seed")}
        nativeInputProps={{ id: "draw-seed", value: seed, onChange: (e) => setSeed(e.target.value), disabled: !!committed }}
      />
      {error && <Alert severity="error" small description={error} className={fr.cx("fr-mb-2w")} />}
      {committed ? (
        <>
          <p role="status">{t("console.recruitment.draw.committed", { hash: committed.hash })}</p>
          <Button onClick={() => void draw()} disabled={busy}>
            {t("console.recruitment.draw.go")}
          </Button>
        </>
      ) : (
        <Button onClick={() => void commit()} disabled={busy || !pool}>
          {t("console.recruitment.draw.commit")}
        </Button>
      )}
    </section>
  );
}
