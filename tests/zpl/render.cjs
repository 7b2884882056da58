// Renders ZPL files to PNG with zpl-renderer-js, for the label tests (never our own code).
// Usage: node render.cjs IN.zpl OUT.png WIDTH_MM HEIGHT_MM DOTS_PER_MM [IN OUT W H DPMM ...]
// One process renders many labels: starting the WebAssembly renderer takes seconds.
"use strict";
const fs = require("node:fs");
let renderer;
try {
  renderer = require("zpl-renderer-js");
} catch (error) {
  console.error("render.cjs: zpl-renderer-js is not installed: run scripts/install-npm.sh (" +
                error.message + ")");
  process.exit(2);
}
(async () => {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.length % 5 !== 0) {
    console.error("usage: node render.cjs IN.zpl OUT.png WIDTH_MM HEIGHT_MM DOTS_PER_MM [...]");
    process.exit(2);
  }
  const { api } = await renderer.ready;
  for (let i = 0; i < args.length; i += 5) {
    const zpl = fs.readFileSync(args[i], "utf8");
    const png = await api.zplToBase64Async(zpl, Number(args[i + 2]), Number(args[i + 3]),
                                           Number(args[i + 4]));
    fs.writeFileSync(args[i + 1], Buffer.from(png, "base64"));
  }
  process.exit(0);
})().catch((error) => {
  console.error("render.cjs: " + error);
  process.exit(1);
});
