import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { I18nProvider } from "../../i18n/i18n";
import { DocumentList, type KeptDocument } from "./DocumentList";
import type { Transport } from "./DocumentUpload";
import { DocumentUploadForm, labelFault } from "./DocumentUploadForm";

afterEach(cleanup);

const pdf = () => new File([new Uint8Array(10)], "pv.pdf", { type: "application/pdf" });
const ROUTE = "/api/sortition/v1/selections/s1/signed-record";

function show(transport: Transport, onUploaded = vi.fn()) {
  localStorage.setItem("lang", "fr");
  const user = userEvent.setup({ applyAccept: false });
  render(
    <I18nProvider>
      <DocumentUploadForm
        id="up"
        title="Déposer"
        route={ROUTE}
        limits={{ maxBytes: 3 << 20, types: ["application/pdf"] }}
        fileLabel="Le fichier"
        onUploaded={onUploaded}
        transport={transport}
      />
    </I18nProvider>,
  );
  return {
    user,
    onUploaded,
    label: screen.getByLabelText(/Intitulé du document/) as HTMLInputElement,
    file: screen.getByLabelText(/Le fichier/) as HTMLInputElement,
  };
}

describe("a document uploaded with its label", () => {
  it("checks the label as the services do", () => {
    expect(labelFault("  ")?.key).toBe("console.ui.upload.label.missing");
    expect(labelFault("é".repeat(300))).toBeUndefined();
    expect(labelFault("é".repeat(301))?.key).toBe("console.ui.upload.label.tooLong");
  });

  it("sends nothing without a label, said next to its field, which takes the focus", async () => {
    const transport = vi.fn<Transport>();
    const { user, label, file } = show(transport);
    await user.upload(file, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(transport).not.toHaveBeenCalled();
    const message = screen.getByText("Donnez un intitulé au document.");
    expect(label.getAttribute("aria-describedby")).toContain(message.id);
    await waitFor(() => expect(document.activeElement).toBe(label));
  });

  it("sends the label in the query, the file as the body, and empties the label once kept", async () => {
    const transport = vi.fn<Transport>(async () => ({ status: 201, body: { id: "d1", label: "PV signé & daté" } }));
    const { user, label, file, onUploaded } = show(transport);
    await user.type(label, "PV signé & daté");
    await user.upload(file, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(transport.mock.calls[0][0]).toBe(`${ROUTE}?label=PV%20sign%C3%A9%20%26%20dat%C3%A9`);
    expect(transport.mock.calls[0][1].name).toBe("pv.pdf");
    await waitFor(() => expect(onUploaded).toHaveBeenCalledWith({ id: "d1", label: "PV signé & daté" }));
    expect(label.value).toBe("");
  });

  it("places the service's refusal of the label next to it, of the file next to the file", async () => {
    let body: unknown = { status: 422, errors: [{ pointer: "label", detail: "label: at most 300 characters" }] };
    const { user, label, file } = show(async () => ({ status: 422, body }));
    await user.type(label, "PV");
    await user.upload(file, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    const onLabel = await screen.findByText(/label: at most 300 characters/);
    expect(label.getAttribute("aria-describedby")).toContain(onLabel.id);
    await waitFor(() => expect(document.activeElement).toBe(label));

    body = { status: 422, errors: [{ pointer: "/file", detail: "the file's content is of no accepted type" }] };
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    const onFile = await screen.findByText("the file's content is of no accepted type");
    expect(file.getAttribute("aria-describedby")).toContain(onFile.id);
    await waitFor(() => expect(document.activeElement).toBe(file));
  });
});

describe("the list of documents kept", () => {
  const doc: KeptDocument = {
    id: "d1",
    label: "PV signé",
    media_type: "application/pdf",
    size_bytes: 48213,
    uploaded_at: "2026-06-11T09:30:00Z",
    url: "/v1/documents/d1?expires=1&signature=ab",
  };
  const list = (documents: KeptDocument[], who?: string) => {
    localStorage.setItem("lang", "fr");
    render(
      <I18nProvider>
        <DocumentList caption="Procès-verbaux" service="sortition" documents={documents} who={who} empty="Aucun." />
      </I18nProvider>,
    );
  };

  it("links each document through the gateway, with its kind, size, day and uploader", () => {
    list([doc, { ...doc, id: "d2", label: "Photo", media_type: "image/png", size_bytes: 300, uploaded_by: "staff-7" }], "Le secrétariat");
    const link = screen.getByRole("link", { name: /PV signé/ });
    expect(link.getAttribute("href")).toBe("/api/sortition/v1/documents/d1?expires=1&signature=ab");
    expect(link.textContent).toContain("PDF – 47 Ko");
    expect(screen.getByRole("link", { name: /Photo/ }).textContent).toContain("image PNG – 300 octets");
    expect(screen.getByText("Le secrétariat")).toBeTruthy();
    expect(screen.getByText("staff-7")).toBeTruthy();
  });

  it("says when there is none", () => {
    list([]);
    expect(screen.getByText("Aucun.")).toBeTruthy();
  });
});
