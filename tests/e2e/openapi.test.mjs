// docs/openapi.yaml is a valid OpenAPI 3.1 document (checked by a validator we did not write),
// and it names exactly the routes the server has, method by method, both ways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import YAML from "yaml";
import { startStation } from "./station.mjs";

const file = new URL("../../docs/openapi.yaml", import.meta.url);
let station;
before(async () => { station = await startStation(); });
after(async () => station && station.stop());

test("docs/openapi.yaml is valid OpenAPI 3.1", async () => {
  const validator = new Validator();
  const result = await validator.validate(fs.readFileSync(file, "utf8"));
  assert.equal(validator.version, "3.1");
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
});

test("the server's routes and the document's are the same", async () => {
  const document = YAML.parse(fs.readFileSync(file, "utf8"));
  const documented = new Set();
  for (const [path, item] of Object.entries(document.paths))
    for (const method of Object.keys(item))
      if (["get", "post", "put", "patch", "delete"].includes(method)) documented.add(`${method.toUpperCase()} ${path}`);
  const { routes } = await (await fetch(`${station.url}/api/v1/routes`)).json();
  const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
  assert.deepEqual([...served].filter((r) => !documented.has(r)), [], "served but not documented");
  assert.deepEqual([...documented].filter((r) => !served.has(r)), [], "documented but not served");
});
