// Starts the DSFR's own JavaScript (menus, modals) for React. Not react-dsfr's startReactDsfr:
// its colour-scheme logic adds an inline <style> element, which the site's Content Security
// Policy (style-src 'self') refuses; the page keeps the light theme set on <html> instead.
export async function startDsfr(): Promise<void> {
  (window as unknown as { dsfr: object }).dsfr = { verbose: false, mode: "react" };
  // @ts-expect-error: the DSFR module has no type declarations
  await import("@codegouvfr/react-dsfr/dsfr/dsfr.module");
  (window as unknown as { dsfr: { start: () => void } }).dsfr.start();
}
