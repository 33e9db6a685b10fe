// Builds the web application into OUT_DIR (ops/build: ${BUILD_DIR}/web): index.html and assets/
// with hashed names (long-cached by the gateway). `npm run dev` serves it with the API and
// Keycloak paths proxied to the local stack's ports, as the gateway routes them.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const services = {
  sortition: port("SORTITION_PORT", 8081),
  membership: port("MEMBERSHIP_PORT", 8082),
  workshops: port("WORKSHOPS_PORT", 8083),
  recommendations: port("RECOMMENDATIONS_PORT", 8084),
  followup: port("FOLLOWUP_PORT", 8085),
  notifications: port("NOTIFICATIONS_PORT", 8086),
};
const proxy = Object.fromEntries(
  Object.entries(services).map(([name, p]) => [
    `/api/${name}`,
    { target: `http://127.0.0.1:${p}`, rewrite: (path: string) => path.replace(`/api/${name}`, "") },
  ]),
);

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.OUT_DIR ?? "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    // No inline data: URLs for fonts and icons: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    rollupOptions: {
      // Two entries: the application (index.html) and the public site's frame (src/site/site.ts),
      // whose script and stylesheet keep fixed names (/site/site.js, /site/site.css) because the
      // services' pages name them; their fonts and icons are the application's hashed assets.
      input: { main: "index.html", site: "src/site/site.ts", "site-style": "src/site/site.css" },
      output: {
        entryFileNames: (chunk) => (chunk.name === "site" ? "site/site.js" : "assets/[name]-[hash].js"),
        assetFileNames: (asset) =>
          (asset.names ?? []).some((n) => n.startsWith("site-style")) ? "site/site.css" : "assets/[name]-[hash][extname]",
      },
    },
  },
  server: { port: port("WEB_DEV_PORT", 5173), strictPort: true, proxy },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"], restoreMocks: true, testTimeout: 30000 },
});
