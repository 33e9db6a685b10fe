import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { I18nProvider } from "../../i18n/i18n";
import { DocumentUpload, type Answer, type Transport, type UploadFields } from "./DocumentUpload";

afterEach(cleanup);

const pdf = (bytes = 10, name = "pv-signe.pdf") => new File([new Uint8Array(bytes)], name, { type: "application/pdf" });
const LIMITS = { maxBytes: 3 << 20, types: ["application/pdf" as const] };

function show(transport: Transport, onUploaded = vi.fn(), fields?: UploadFields) {
  localStorage.setItem("lang", "fr");
  const user = userEvent.setup({ applyAccept: false });
  render(
    <I18nProvider>
      <DocumentUpload
        id="signed-record"
        label="Procès-verbal signé"
        url="/api/sortition/v1/selections/s1/signed-record"
        limits={LIMITS}
        onUploaded={onUploaded}
        transport={transport}
        fields={fields}
      />
    </I18nProvider>,
  );
  return { user, onUploaded, input: screen.getByLabelText(/Procès-verbal signé/) as HTMLInputElement };
}

describe("the document upload widget", () => {
  it("says the limits before the choice", () => {
    show(vi.fn());
    expect(screen.getByText("PDF, 3 Mo au plus.")).toBeTruthy();
    expect(screen.getByLabelText(/Procès-verbal signé/).getAttribute("accept")).toBe("application/pdf");
  });

  it("sends the chosen file, shows its progress, and hands the answer over", async () => {
    let finish: (a: Answer) => void = () => {};
    const transport = vi.fn<Transport>((_url, _file, progress) => {
      progress(0.4);
      return new Promise<Answer>((resolve) => (finish = resolve));
    });
    const { user, input, onUploaded } = show(transport);
    await user.upload(input, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(transport).toHaveBeenCalledWith("/api/sortition/v1/selections/s1/signed-record", expect.any(File), expect.any(Function));
    expect((await screen.findByRole("status")).textContent).toBe("Envoi : 40 %");
    expect((screen.getByRole("progressbar") as HTMLProgressElement).value).toBe(40);
    finish({ status: 201, body: { id: "d1", label: "PV" } });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Fichier conservé : pv-signe.pdf"));
    expect(onUploaded).toHaveBeenCalledWith({ id: "d1", label: "PV" });
  });

  it("refuses before sending what the limits exclude", async () => {
    const transport = vi.fn<Transport>();
    const { user, input } = show(transport);
    await user.upload(input, new File(["<html>"], "page.html", { type: "text/html" }));
    expect(screen.getByText("Ce type de fichier n’est pas accepté : PDF seulement.")).toBeTruthy();
    await user.upload(input, pdf((3 << 20) + 1));
    expect(screen.getByText("Le fichier fait 3 Mo : 3 Mo au plus.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(transport).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input);
  });

  it("shows the service's refusal next to the field, tied to it", async () => {
    const transport: Transport = async () => ({
      status: 422,
      body: { status: 422, errors: [{ pointer: "/file", detail: "the file's content is of no accepted type" }] },
    });
    const { user, input } = show(transport);
    await user.upload(input, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    const message = await screen.findByText("the file's content is of no accepted type");
    expect(input.getAttribute("aria-describedby")).toContain(message.id);
    expect(document.activeElement).toBe(input);
  });

  it("says when the account may not upload", async () => {
    const { user, input } = show(async () => ({ status: 403, body: { status: 403 } }));
    await user.upload(input, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(await screen.findByText("Votre compte ne peut pas déposer ce document.")).toBeTruthy();
  });

  it("takes a dropped file", async () => {
    const transport = vi.fn<Transport>(async () => ({ status: 201, body: {} }));
    const { user } = show(transport);
    fireEvent.drop(screen.getByTestId("signed-record-drop"), { dataTransfer: { files: [pdf(20, "depose.pdf")] } });
    expect(screen.getByText(/Fichier choisi : depose.pdf/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(transport.mock.calls[0][1].name).toBe("depose.pdf");
  });

  it("checks the screen's own fields first, and hands their refusals back to the screen", async () => {
    const fields = { check: vi.fn(() => false), pointers: ["label"], refused: vi.fn() };
    const transport = vi.fn<Transport>(async () => ({
      status: 422,
      body: { status: 422, errors: [{ pointer: "label", detail: "the label is a text of 1 to 300 characters" }] },
    }));
    const { user, input } = show(transport, vi.fn(), fields);
    await user.upload(input, pdf());
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(fields.check).toHaveBeenCalled();
    expect(transport).not.toHaveBeenCalled();
    expect(document.activeElement).not.toBe(input); // the screen focuses its own field

    fields.check.mockReturnValue(true);
    await user.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    await waitFor(() => expect(fields.refused).toHaveBeenCalledWith([{ pointer: "label", detail: "the label is a text of 1 to 300 characters" }]));
    expect(screen.queryByText(/the label is a text/)).toBeNull(); // not under the file
  });
});
