// Generates the TypeScript types of each service's API from its OpenAPI document into
// OUT/<service>.ts (by default generated/ beside this file), for the typed clients of openapi-fetch
// (client.ts here, and the web application's services/web/src/api).
//   node generate.mjs DIR [OUT]   DIR holds <service>.json, the documents as the services serve them
import fs from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const [dir, outArg] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node generate.mjs DIR [OUT] (DIR: the <service>.json OpenAPI documents)");
  process.exit(2);
}
const out = outArg ?? path.join(path.dirname(new URL(import.meta.url).pathname), "generated");
fs.mkdirSync(out, { recursive: true });
const docs = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f.replace(/\.json$/, ""), path.join(dir, f)]);
if (docs.length === 0) {
  console.error(`no OpenAPI documents in ${dir}`);
  process.exit(1);
}
for (const [service, file] of docs) {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  const ast = await openapiTS(doc);
  const target = path.join(out, `${service}.ts`);
  fs.writeFileSync(target, astToString(ast));
  console.log(`${path.relative(process.cwd(), target)}: ${Object.keys(doc.paths).length} paths`);
}
