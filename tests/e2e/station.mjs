// Starts `station run --demo` on a free port (simulated scanner on its stdin, the reference
// platform and the printer emulator in-process) and reads the address it prints. With
// RS_TEST_ENGINE=postgres (the `postgres: e2e: ...` copies) its store is a fresh database of the
// test cluster, dropped when it stops.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";

export const STATION = process.env.STATION_BINARY;
export const people = {
  warehouse: { badge: "OP-0001U", pin: "1111" },
  technician: { badge: "OP-0002S", pin: "2222" },
  supervisor: { badge: "OP-0003Q", pin: "3333" },
  parts: { badge: "OP-0004O", pin: "4444" },
};

let databases = 0;

// A database of its own on the PostgreSQL test cluster, and how to drop it; null on SQLite.
function postgresStore() {
  if (process.env.RS_TEST_ENGINE !== "postgres") return null;
  const admin = fs.readFileSync(process.env.RS_TEST_POSTGRES_URL_FILE, "utf8").trim();
  const name = `e2e_${process.pid}_${++databases}`;
  execFileSync("psql", ["-q", admin, "-c", `CREATE DATABASE ${name}`]);
  return {
    url: admin.replace(/\/[^/]*$/, `/${name}`),
    drop: () => execFileSync("psql", ["-q", admin, "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

export async function startStation() {
  const store = postgresStore();
  const args = ["run", "--demo", "--port", "0", ...(store ? ["--db", store.url] : [])];
  const child = spawn(STATION, args, { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (chunk) => { out += chunk; });
  child.stderr.on("data", (chunk) => { out += chunk; });
  const url = await new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const found = out.match(/web UI at (http:\/\/[^\s]+)/);
      if (found) { clearInterval(timer); resolve(found[1].replace(/\/$/, "")); }
    }, 50);
    child.on("exit", (code) => { clearInterval(timer); reject(new Error(`station exited ${code}: ${out}`)); });
  });
  const labels = out.match(/are kept in (\S+)/)?.[1];
  return {
    url, labels, child, output: () => out,
    scan: (code) => child.stdin.write(code + "\n"),  // the simulated bench scanner
    stop: () => new Promise((resolve) => {
      child.on("exit", () => { if (store) store.drop(); resolve(); });
      child.kill("SIGTERM");
    }),
  };
}

// Signs in through the API (not the page) and returns the cookie header.
export async function signIn(url, who) {
  const response = await fetch(`${url}/api/v1/session`, {
    method: "POST", headers: { "Content-Type": "application/json", Origin: url },
    body: JSON.stringify(who),
  });
  if (response.status !== 200) throw new Error(`sign-in ${response.status} ${await response.text()}`);
  return response.headers.get("set-cookie").split(";")[0];
}
