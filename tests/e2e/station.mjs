// Starts `station run --demo` on a free port (simulated scanner on its stdin, the reference
// platform and the printer emulator in-process) and reads the address it prints.
import { spawn } from "node:child_process";

export const STATION = process.env.STATION_BINARY;
export const people = {
  warehouse: { badge: "OP-0001U", pin: "1111" },
  technician: { badge: "OP-0002S", pin: "2222" },
  supervisor: { badge: "OP-0003Q", pin: "3333" },
  parts: { badge: "OP-0004O", pin: "4444" },
};

export async function startStation() {
  const child = spawn(STATION, ["run", "--demo", "--port", "0"], { stdio: ["pipe", "pipe", "pipe"] });
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
    stop: () => new Promise((resolve) => { child.on("exit", resolve); child.kill("SIGTERM"); }),
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
