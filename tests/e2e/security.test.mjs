// Security checks over every route the server lists (GET /api/v1/routes): no session 401, wrong
// role 403, a foreign Origin on a state change 403, bodies over the limit 413, malformed JSON
// 400 with a message, and traversal on static files 404.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startStation, signIn, people } from "./station.mjs";

let station, routes, cookies = {};
before(async () => {
  station = await startStation();
  routes = (await (await fetch(`${station.url}/api/v1/routes`)).json()).routes;
  for (const [role, who] of Object.entries(people)) cookies[role] = await signIn(station.url, who);
});
after(async () => station && station.stop());

const sample = (path) => path.replace("{number}", "RO-000001X");
const roleOf = { warehouse: "warehouse", technician: "technician", supervisor: "supervisor", parts: "parts_manager" };

async function call(route, { cookie, origin, body, raw } = {}) {
  const headers = { "Content-Type": "application/json" };
  if (cookie) headers.Cookie = cookie;
  if (origin !== null) headers.Origin = origin ?? station.url;
  return fetch(`${station.url}${sample(route.path)}`, {
    method: route.method, headers,
    body: route.method === "GET" || route.method === "DELETE" ? undefined : raw ?? JSON.stringify(body ?? {}),
  });
}

test("the server lists its routes", () => {
  assert.ok(routes.length >= 15, JSON.stringify(routes));
});

test("every session route answers 401 without a session", async () => {
  for (const route of routes.filter((r) => r.access === "session")) {
    const response = await call(route);
    assert.equal(response.status, 401, `${route.method} ${route.path}`);
    assert.ok((await response.json()).error.message);
  }
});

test("every route with roles answers 403 to a person without one", async () => {
  let checked = 0;
  for (const route of routes.filter((r) => r.access === "session" && r.roles.length)) {
    const outsider = Object.keys(roleOf).find((key) => !route.roles.includes(roleOf[key]));
    if (!outsider) continue;
    const response = await call(route, { cookie: cookies[outsider] });
    assert.equal(response.status, 403, `${route.method} ${route.path} as ${outsider}`);
    assert.match((await response.json()).error.message, /role/);
    checked++;
  }
  assert.ok(checked >= 8);
});

// Bench agents prove themselves with a bearer token, which no page can borrow: Origin does not
// apply to them, the token does.
test("every bench-agent route answers 401 without its token or with a wrong one", async () => {
  const bench = routes.filter((r) => r.access === "bench");
  assert.ok(bench.length >= 2);
  for (const route of bench) {
    for (const authorization of [undefined, "Bearer " + "0".repeat(64), "Basic abc"]) {
      const headers = { "Content-Type": "application/json" };
      if (authorization) headers.Authorization = authorization;
      const response = await fetch(`${station.url}${route.path}`, { method: route.method, headers, body: "{}" });
      assert.equal(response.status, 401, `${route.method} ${route.path} with ${authorization}`);
      assert.match((await response.json()).error.message, /token/);
    }
  }
});

test("every state change from a foreign Origin (or none) is 403", async () => {
  for (const route of routes.filter((r) => r.method !== "GET" && r.access !== "bench")) {
    for (const origin of ["http://evil.example", null]) {
      const response = await call(route, { cookie: cookies.supervisor, origin });
      assert.equal(response.status, 403, `${route.method} ${route.path} from ${origin}`);
      assert.equal((await response.json()).error.code, "foreign_origin");
    }
  }
});

test("bodies over the limit are 413 and malformed JSON is 400 with a message", async () => {
  // Bench-agent routes check their token first (above); the body checks after it are the same.
  for (const route of routes.filter((r) => r.method === "POST" && r.access !== "bench")) {
    const big = await call(route, { cookie: cookies.supervisor, raw: JSON.stringify({ code: "x".repeat(70 * 1024) }) });
    assert.equal(big.status, 413, `${route.method} ${route.path}`);
    const bad = await call(route, { cookie: cookies.supervisor, raw: "{\"code\": " });
    assert.equal(bad.status, 400, `${route.method} ${route.path}`);
    const error = (await bad.json()).error;
    assert.equal(error.code, "malformed_json");
    assert.match(error.message, /not JSON/);
  }
});

// The path exactly as written (fetch would resolve the dot segments before sending).
function rawGet(path) {
  const { hostname, port } = new URL(station.url);
  return new Promise((resolve, reject) => {
    http.get({ hostname, port, path, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on("error", reject);
  });
}

test("traversal and unknown static paths are 404", async () => {
  for (const path of ["/../station.toml", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                      "/..%2fetc%2fpasswd", "/%2E%2E%5Cstation.db", "/app.js/..", "/./app.js",
                      "/ui/../app.js", "/%61pp.js", "/nothing.js", "/app.js%00.png"]) {
    assert.equal(await rawGet(path), 404, path);
  }
  assert.equal(await rawGet("/app.js"), 200);
});

test("the session cookie is HttpOnly and SameSite=Strict; signing out ends it", async () => {
  const response = await fetch(`${station.url}/api/v1/session`, {
    method: "POST", headers: { "Content-Type": "application/json", Origin: station.url },
    body: JSON.stringify(people.technician) });
  const cookie = response.headers.get("set-cookie");
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const session = cookie.split(";")[0];
  const out = await fetch(`${station.url}/api/v1/session`, { method: "DELETE", headers: { Cookie: session, Origin: station.url } });
  assert.equal(out.status, 200);
  assert.equal((await fetch(`${station.url}/api/v1/session`, { headers: { Cookie: session } })).status, 401);
});
