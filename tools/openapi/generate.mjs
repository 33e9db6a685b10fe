// Generates the TypeScript types of each service's API from its OpenAPI document into
// generated/<service>.ts, for the typed client (openapi-fetch) of client.ts.
//   node generate.mjs DIR    DIR holds <service>.json, the documents as the services serve them
import fs from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node generate.mjs DIR (the <service>.json OpenAPI documents)");
  process.exit(2);
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), "generated");
fs.mkdirSync(out, { recursive: true });
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
if (files.length === 0) {
  console.error(`no OpenAPI documents in ${dir}`);
  process.exit(1);
}
for (const file of files) {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const ast = await openapiTS(doc);
  const target = path.join(out, file.replace(/\.json$/, ".ts"));
  fs.writeFileSync(target, astToString(ast));
  console.log(`generated/${path.basename(target)}: ${Object.keys(doc.paths).length} paths`);
}
