// A document uploaded with its label (docs/documents.md): the label's field (1 to 300 characters,
// as the services check it: the query parameter `label`), then DocumentUpload sending the file to
// `route` (through the gateway, without its query). A missing or too long label is said next to its
// field, which takes the focus, before anything is sent; the service's refusal naming /label lands
// there too, the others under the file's field.
import { fr } from "@codegouvfr/react-dsfr";
import Input from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";

import { messageOf, stateOf } from "../../forms/forms";
import type { FieldError } from "../../forms/problem";
import { useI18n } from "../../i18n/i18n";
import { DocumentUpload, type Transport, type UploadLimits } from "./DocumentUpload";

export const LABEL_MAX = 300;

// The label's own check, as the services make it: undefined when it may be sent.
export function labelFault(label: string): FieldError | undefined {
  const l = label.trim();
  if (!l) return { key: "console.ui.upload.label.missing" };
  if ([...l].length > LABEL_MAX) return { key: "console.ui.upload.label.tooLong" };
  return undefined;
}

interface Props {
  id: string;
  title: string;
  route: string;
  limits: UploadLimits;
  labelHint?: string;
  fileLabel: string;
  onUploaded: (answer: unknown) => void;
  transport?: Transport;
}

export function DocumentUploadForm({ id, title, route, limits, labelHint, fileLabel, onUploaded, transport }: Props) {
  const { t } = useI18n();
  const [label, setLabel] = useState("");
  const [fault, setFault] = useState<FieldError | undefined>();
  const labelId = `${id}-label`;
  const focusLabel = () => setTimeout(() => document.getElementById(labelId)?.focus(), 0);
  return (
    <section className={fr.cx("fr-mt-3w")} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={fr.cx("fr-h6")}>
        {title}
      </h3>
      <Input
        label={t("console.ui.upload.label")}
        hintText={labelHint ?? t("console.ui.upload.label.hint", { max: LABEL_MAX })}
        state={stateOf(fault)}
        stateRelatedMessage={messageOf(t, fault)}
        nativeInputProps={{
          id: labelId,
          value: label,
          maxLength: LABEL_MAX + 20,
          onChange: (e) => {
            setLabel(e.target.value);
            setFault(undefined);
          },
        }}
      />
      <DocumentUpload
        id={id}
        label={fileLabel}
        url={`${route}?label=${encodeURIComponent(label.trim())}`}
        limits={limits}
        transport={transport}
        before={() => {
          const found = labelFault(label);
          setFault(found);
          if (found) focusLabel();
          return !found;
        }}
        onFieldRefused={(pointer, detail) => {
          // The services name the query parameter by its name ("label": docs/api.md).
          if (pointer !== "label" && pointer !== "/label") return false;
          setFault({ key: "forms.refused", detail });
          focusLabel();
          return true;
        }}
        onUploaded={(answer) => {
          setLabel("");
          onUploaded(answer);
        }}
      />
    </section>
  );
}
