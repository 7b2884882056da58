// The web UI in a real browser: Playwright drives Debian's chromium (never a downloaded one)
// against `station run --demo`. Screenshots of each main screen go to $SCREENSHOT_DIR.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import WebSocket from "ws";
import { startStation, signIn, people } from "./station.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const shots = process.env.SCREENSHOT_DIR || path.join(process.cwd(), "screenshots");
fs.mkdirSync(shots, { recursive: true });

let station, browser;
before(async () => {
  station = await startStation();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                    args: ["--no-sandbox", "--autoplay-policy=no-user-gesture-required"] });
});
after(async () => {
  if (browser) await browser.close();
  if (station) await station.stop();
});

async function page(width = 1366, height = 768) {
  const context = await browser.newContext({ viewport: { width, height } });
  // axe-core comes in through the browser's devtools side: the station's Content-Security-Policy
  // (rightly) refuses any script the page did not load from the station itself.
  await context.addInitScript({ content: axeSource });
  return context.newPage();
}

async function signInPage(p, who) {
  await p.goto(station.url + "/");
  await p.fill("#badge", who.badge);
  await p.fill("#pin", who.pin);
  await p.press("#pin", "Enter");
  await p.waitForSelector("#signout:not([hidden])");
}

// axe-core on the page as it is: no serious or critical violation.
async function checkAccessibility(p, name) {
  const result = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], name);
}

test("sign in with badge and PIN, keyboard only", async () => {
  const p = await page();
  await p.goto(station.url + "/");
  await checkAccessibility(p, "sign-in");
  await p.screenshot({ path: path.join(shots, "sign-in.png") });
  await p.keyboard.type(people.warehouse.badge);  // the badge field has the focus
  await p.keyboard.press("Tab");
  await p.keyboard.type(people.warehouse.pin);
  await p.keyboard.press("Enter");
  await p.waitForSelector("#signout:not([hidden])");
  assert.match(await p.textContent("#who"), /warehouse/);
  await p.context().close();
});

test("five wrong PINs lock the badge, even for the right PIN", async () => {
  const p = await page();
  await p.goto(station.url + "/");
  // The sign-in form is drawn by the page's script after load.
  await p.waitForSelector("#sign-message", { state: "attached" });
  for (let i = 0; i < 5; i++) {
    await p.evaluate(() => { document.querySelector("#sign-message").textContent = ""; });
    await p.fill("#badge", people.parts.badge);
    await p.fill("#pin", "9999");
    await p.press("#pin", "Enter");
    await p.waitForFunction(() => document.querySelector("#sign-message").textContent.length > 0);
    if (i < 4) assert.match(await p.textContent("#sign-message"), new RegExp(`${4 - i}`));
  }
  assert.match(await p.textContent("#sign-message"), /locked/);
  await p.evaluate(() => { document.querySelector("#sign-message").textContent = ""; });
  await p.fill("#badge", people.parts.badge);
  await p.fill("#pin", people.parts.pin);
  await p.press("#pin", "Enter");
  await p.waitForFunction(() => document.querySelector("#sign-message").textContent.length > 0);
  assert.match(await p.textContent("#sign-message"), /locked/);
  assert.ok(await p.isHidden("#signout"));
  await p.context().close();
});

test("a scan from the bench's scanner shows on Receiving with no field focused", async () => {
  const p = await page();
  await signInPage(p, people.warehouse);
  await p.goto(station.url + "/#/receiving");
  await p.waitForSelector("#cards");
  await p.evaluate(() => document.activeElement?.blur());
  station.scan("EA123456785CN");
  const card = await p.waitForSelector(".card[data-outcome='received']", { timeout: 10000 });
  assert.match(await card.textContent(), /EA123456785CN/);
  assert.equal(await p.evaluate(() => document.activeElement === document.body || document.activeElement === null), true);
  station.scan("3318810025");
  await p.waitForSelector(".card[data-outcome='arrival']");
  await checkAccessibility(p, "receiving");
  await p.screenshot({ path: path.join(shots, "receiving.png") });
  await p.context().close();
});

test("a move refused for the role shows why", async () => {
  const p = await page();
  await signInPage(p, people.technician);
  // The technician opens an order received by the warehouse and tries each move.
  const orders = await (await fetch(`${station.url}/api/v1/orders?state=received`, {
    headers: { Cookie: await signIn(station.url, people.technician) } })).json();
  const number = orders.orders[0].number;
  await p.goto(`${station.url}/#/order/${number}`);
  await p.waitForSelector(".moves button");
  const locked = p.locator(".moves button.locked");
  assert.ok((await locked.count()) > 0, "some move needs another role");
  await locked.first().click();
  await p.waitForSelector("#move-result.bad");
  assert.match(await p.textContent("#move-result"), /technician may not .* who may: .*supervisor/);
  await checkAccessibility(p, "order");
  await p.screenshot({ path: path.join(shots, "order.png") });
  await p.goto(`${station.url}/#/bench`);
  await p.waitForSelector("h1");
  await p.screenshot({ path: path.join(shots, "my-bench.png") });
  await p.context().close();
});

test("the order page shows its QA checklist with each step's result", async () => {
  const p = await page();
  await signInPage(p, people.technician);
  // `station run --demo` passes one phone through QA (every step recorded, a photo for the last).
  const cookie = await signIn(station.url, people.technician);
  const ready = await (await fetch(`${station.url}/api/v1/orders?state=ready_to_ship`, {
    headers: { Cookie: cookie } })).json();
  const number = ready.orders[0].number;
  const qa = await (await fetch(`${station.url}/api/v1/orders/${number}/qa`, { headers: { Cookie: cookie } })).json();
  assert.equal(qa.attempts.length, 1);
  assert.equal(qa.attempts[0].outcome, "passed");
  assert.equal(qa.first_pass, true);
  // Its QA is over: a result recorded now is refused with what to do.
  const late = await fetch(`${station.url}/api/v1/orders/${number}/qa/results`, {
    method: "POST", headers: { Cookie: cookie, Origin: station.url, "Content-Type": "application/json" },
    body: JSON.stringify({ step: 1, passed: true }) });
  assert.equal(late.status, 409);
  assert.match((await late.json()).error.message, /no QA open: start it with `station qa start/);
  await p.goto(`${station.url}/#/order/${number}`);
  await p.waitForSelector("#qa table.qa tr");
  assert.equal(await p.locator("#qa tr[data-result='pass']").count(), qa.attempts[0].steps.length);
  assert.match(await p.textContent("#qa h3"), /Phone final test \(passed\)/);
  assert.equal(await p.locator("#qa-start").count(), 0, "no new QA for an order that passed");
  await checkAccessibility(p, "order QA");
  await p.context().close();
});

test("the order page exchanges a unit: a wrong serial refused on screen, then the replacement leaves stock", async () => {
  const p = await page();
  await signInPage(p, people.technician);
  // `station run --demo` diagnoses the exchange RMA's phone for an exchange, hands it to the
  // technician and puts a replacement on the shelf.
  const serial = station.output().match(/serial (\S+) is on the shelf/)?.[1];
  assert.ok(serial, "the demo names the replacement's serial");
  const cookie = await signIn(station.url, people.technician);
  const diagnosed = await (await fetch(`${station.url}/api/v1/orders?state=diagnosed`, { headers: { Cookie: cookie } })).json();
  assert.equal(diagnosed.orders.length, 1);
  const number = diagnosed.orders[0].number;
  await p.goto(`${station.url}/#/order/${number}`);
  await p.waitForSelector("form#exchange");
  // The move is the form, not a button the workflow would refuse.
  assert.equal(await p.locator(".moves button[data-to='exchanged']").count(), 0);
  assert.equal(await p.locator("form#inspect").count(), 0, "no resale inspection on the exchange route");
  await p.fill("#exchange-serial", "PX2W99999999");
  await p.click("form#exchange button[type='submit']");
  await p.waitForSelector("#exchange-result.bad");
  assert.match(await p.textContent("#exchange-result"), /no unit with serial PX2W99999999/);
  await checkAccessibility(p, "order exchange");
  await p.screenshot({ path: path.join(shots, "order-exchange.png") });
  await p.fill("#exchange-serial", serial);
  // A unit for its maker asks for the supplier-return batch it joins; without one the domain
  // refuses, in its words. The demo has none for phones: the unit goes to refurbishment.
  await p.selectOption("#exchange-fate", "supplier_return");
  assert.equal(await p.isVisible("#exchange-batch"), true, "the batch field shows for supplier_return");
  await p.click("form#exchange button[type='submit']");
  await p.waitForFunction(() => /name the open batch/.test(document.querySelector("#exchange-result").textContent));
  await p.selectOption("#exchange-fate", "refurbishment");
  assert.equal(await p.isVisible("#exchange-batch"), false, "no batch field for refurbishment");
  await p.click("form#exchange button[type='submit']");
  await p.waitForSelector("#banner.ok");
  assert.match(await p.textContent("#banner"), new RegExp(`${number} exchanged: .*serial ${serial}.*Refurbishment`));
  await p.waitForSelector("dl.facts dd:has-text('exchanged')");
  assert.equal(await p.locator("form#exchange").count(), 0, "exchanged once");
  const order = await (await fetch(`${station.url}/api/v1/orders/${number}`, { headers: { Cookie: cookie } })).json();
  assert.equal(order.state, "exchanged");
  const event = order.history.find((entry) => entry.to === "exchanged");
  assert.equal(event.operator, people.technician.badge);
  await p.context().close();
});

test("a parcel is shipped: its label previewed, a waybill number from the pool, both labels printed", async () => {
  const p = await page();
  await signInPage(p, people.warehouse);
  await p.goto(station.url + "/#/shipping");
  const form = p.locator("form[data-order]").first();
  await form.waitFor();
  const before = fs.readdirSync(station.labels).length;
  // Only the weight is entered: carrier, number and address come from the policy, pool and RMA.
  assert.equal(await form.locator("input").count(), 1);
  await form.locator("input[id^='weight-']").fill("0.45");
  const ship = form.locator("button:not([type='submit'])");
  assert.ok(await ship.isDisabled(), "no shipping before the preview");
  await form.locator("button[type='submit']").click();
  await form.locator("img.preview:not([hidden])").waitFor();
  const size = await form.locator("img.preview").evaluate(async (img) => { await img.decode(); return img.naturalWidth; });
  assert.ok(size > 400, `preview width ${size}`);
  // The packing checklist: what came in goes back out, the packing slip's own list. Ship waits
  // until every item is ticked.
  const boxes = form.locator("fieldset.packing input[type='checkbox']");
  await boxes.first().waitFor();
  const items = await boxes.evaluateAll((list) => list.map((box) => box.dataset.item));
  const preview = await (await fetch(`${station.url}/api/v1/orders/${await form.getAttribute("data-order")}/ship/preview`, {
    method: "POST", headers: { Cookie: await signIn(station.url, people.warehouse), Origin: station.url,
                               "Content-Type": "application/json" },
    body: JSON.stringify({ weight_kg: 0.45 }) })).json();
  assert.deepEqual(items, preview.contents.map((line) => line.item));
  assert.ok(items.length >= 2, `the device and its accessories: ${items}`);
  assert.equal(items[0], "device");
  await checkAccessibility(p, "shipping checklist");
  for (let n = 0; n < items.length; n++) {
    assert.ok(await ship.isDisabled(), `Ship waits with ${items.length - n} items unticked`);
    await boxes.nth(n).check();
  }
  assert.ok(await ship.isEnabled(), "every item ticked: Ship is possible");
  await boxes.last().uncheck();
  assert.ok(await ship.isDisabled(), "unticking an item stops it again");
  await boxes.last().check();
  await ship.click();
  const status = form.locator("p[role='status'].ok");
  await status.waitFor();
  const tracking = (await status.textContent()).match(/SF\d{12}/)?.[0];
  assert.ok(tracking, `a waybill number in "${await status.textContent()}"`);
  // The print queue of `station run` sends both to the emulator, which keeps the labels.
  const deadline = Date.now() + 15000;
  while (fs.readdirSync(station.labels).length < before + 2 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const files = fs.readdirSync(station.labels).sort().slice(before);
  assert.equal(files.length, 2, "the return label and the packing slip");
  for (const file of files)
    assert.match(fs.readFileSync(path.join(station.labels, file), "latin1"), new RegExp(tracking));
  await p.goto(station.url + "/#/shipping");
  await p.waitForSelector("tr[data-job] td:has-text('sent')", { timeout: 15000 });
  await checkAccessibility(p, "shipping");
  await p.screenshot({ path: path.join(shots, "shipping.png") });
  await p.context().close();
});

test("the Suppliers screen shows an open supplier return with its lines and ships it with its label", async () => {
  const p = await page();
  await signInPage(p, people.supervisor);  // the parts manager's badge is locked by then
  await p.goto(station.url + "/#/suppliers");
  // `station run --demo` puts a screen found dead in its bin into a box for its supplier.
  const box = p.locator("section[data-return]");
  await box.waitFor();
  const name = await box.getAttribute("data-return");
  assert.match(await box.locator("tr[data-line]").first().textContent(), /SKU-LCD-X2Q.*HQ-LCD-X2.*DOA/);
  assert.match(await p.textContent("main"), /李伟/);
  await checkAccessibility(p, "suppliers");
  await p.screenshot({ path: path.join(shots, "suppliers.png") });
  const before = fs.readdirSync(station.labels).length;
  await box.locator("input[name='carrier']").fill("SF Express");
  await box.locator("button[type='submit']").click();
  await p.waitForSelector("#banner.ok");
  assert.match(await p.textContent("#banner"), new RegExp(`${name} shipped to 深圳华强配件: 1 units left stock`));
  await p.waitForSelector(`li[data-return='${name}']`);
  assert.equal(await p.locator("section[data-return]").count(), 0, "no open return left");
  // Its label reaches the printer emulator, with the batch's name.
  const deadline = Date.now() + 15000;
  while (fs.readdirSync(station.labels).length < before + 1 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const files = fs.readdirSync(station.labels).sort().slice(before);
  assert.equal(files.length, 1, "the supplier return's label");
  assert.match(fs.readFileSync(path.join(station.labels, files[0]), "latin1"), new RegExp(name));
  await p.context().close();
});

test("the Station screen shows devices, sync and people to a supervisor", async () => {
  const p = await page();
  await signInPage(p, people.supervisor);
  await p.goto(station.url + "/#/station");
  await p.waitForSelector("text=OP-0004O");
  assert.match(await p.textContent("main"), /bench \(scanner, intake\): connected/);
  await checkAccessibility(p, "station");
  await p.screenshot({ path: path.join(shots, "station.png") });
  await p.context().close();
});

test("the Parts screen searches the catalog and shows the reorder report", async () => {
  const p = await page();
  await signInPage(p, people.supervisor);  // the parts manager's badge is locked by then
  await p.goto(station.url + "/#/parts");
  await p.waitForSelector("text=SKU-BAT-X2S");
  await p.fill("#part-query", "OEM");
  await p.press("#part-query", "Enter");
  await p.waitForFunction(() => !document.querySelector("main section").textContent.includes("SKU-BAT-X2S"));
  assert.match(await p.textContent("main section"), /SKU-BAT-X2-OEM2/);
  await checkAccessibility(p, "parts");
  await p.screenshot({ path: path.join(shots, "parts.png") });
  await p.context().close();
});

// A report as the page's API serves it (the chart must draw these rows, by their columns' names).
async function served(report, query = "") {
  const cookie = await signIn(station.url, people.supervisor);
  const response = await fetch(`${station.url}/api/v1/reports/${report}?${query}`, { headers: { Cookie: cookie } });
  assert.equal(response.status, 200);
  return response.json();
}

async function showReport(p, report, by) {
  await p.selectOption("#report-name", report);
  await p.selectOption("#report-by", by);
  await p.click("#report-show");
  await p.waitForSelector(`#report-output[data-shown='${report}?by=${by}']`);
}

// A download's file, read as text.
async function downloaded(p, selector) {
  const [file] = await Promise.all([p.waitForEvent("download"), p.click(selector)]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

test("the Reports page draws the fault Pareto, speaks Chinese and downloads the CSV", async () => {
  const p = await page();
  await signInPage(p, people.supervisor);
  await p.goto(station.url + "/#/reports");
  await p.waitForSelector("#report-output[data-shown]");  // the first report, shown at once
  // Every report of the catalog is offered, with nothing on the page naming them.
  const cookie = await signIn(station.url, people.supervisor);
  const catalog = await (await fetch(`${station.url}/api/v1/reports`, { headers: { Cookie: cookie } })).json();
  assert.deepEqual(await p.$$eval("#report-name option", (options) => options.map((o) => o.value)),
                   catalog.reports.map((report) => report.name));

  await showReport(p, "pareto", "all");
  const pareto = await served("pareto", "by=all");
  assert.ok(pareto.rows.length >= 2, "`station run --demo` diagnoses cases with several findings");
  const bars = p.locator("figure[data-chart='pareto'] rect.bar");
  assert.deepEqual(await bars.evaluateAll((rects) => rects.map((r) => [r.dataset.category, Number(r.dataset.value)])),
                   pareto.rows.map((row) => [row.finding, Number(row.cases)]));
  const heights = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
  assert.deepEqual(heights, [...heights].sort((a, b) => b - a), "most cases first");
  assert.equal(await p.locator("figure[data-chart='pareto'] path.line[data-series='cumulative_share']").count(), 1);
  assert.match(await p.textContent("figure[data-chart='pareto'] svg"), /100%/);
  assert.equal(await p.locator("#report-table tbody tr").count(), pareto.rows.length);
  await checkAccessibility(p, "reports");
  await p.screenshot({ path: path.join(shots, "reports.png"), fullPage: true });

  await p.click("#lang");
  await p.waitForSelector("h1:has-text('报表')");
  await p.waitForSelector("figure[data-chart='pareto'] figcaption:has-text('故障帕累托图')");
  assert.match(await p.textContent("#report-table thead"), /故障.*案例数.*累计占比/);
  assert.match(await p.textContent("#report-csv"), /下载 CSV/);
  assert.equal(await p.inputValue("#report-name"), "pareto", "the choice stays in the other language");
  await p.screenshot({ path: path.join(shots, "reports-zh.png"), fullPage: true });

  const csv = await downloaded(p, "#report-csv");
  assert.equal(csv.name, "pareto-all.csv");
  assert.equal(csv.text.split("\r\n")[0], "all,finding,cases,share,cumulative_share");
  assert.equal(csv.text.trim().split("\r\n").length, pareto.rows.length + 1);
  const chartCsv = await downloaded(p, "figure[data-chart='pareto'] a.csv");
  assert.equal(chartCsv.text, csv.text, "the chart's CSV is its report's");
  await p.click("#lang");
  await p.waitForSelector("h1:has-text('Reports')");

  // First-pass yield per week: one bar a week, on a 0-100% axis.
  await showReport(p, "fpy", "week");
  const fpy = await served("fpy", "by=week");
  assert.ok(fpy.rows.length >= 1, "the demo passes a phone through QA");
  assert.deepEqual(await p.locator("figure[data-chart='fpy'] rect.bar").evaluateAll(
    (rects) => rects.map((r) => [r.dataset.category, Number(r.dataset.value)])),
    fpy.rows.filter((row) => row.fpy !== "").map((row) => [row.week, Number(row.fpy) * 100]));
  const fpyCsv = await downloaded(p, "figure[data-chart='fpy'] a.csv");
  assert.equal(fpyCsv.name, "fpy-week.csv");
  assert.equal(fpyCsv.text.split("\r\n")[0], "week,reached_qa,first_pass,fpy");

  // Turnaround and deadlines count shipped cases: the demo's ready parcel is shipped as the
  // Shipping screen ships it, unless the shipping test did already.
  const cookie2 = await signIn(station.url, people.supervisor);
  const { orders: ready } = await (await fetch(`${station.url}/api/v1/orders?state=ready_to_ship`, {
    headers: { Cookie: cookie2 } })).json();
  for (const order of ready)
    await fetch(`${station.url}/api/v1/orders/${order.number}/ship`, {
      method: "POST", headers: { Cookie: cookie2, Origin: station.url, "Content-Type": "application/json" },
      body: JSON.stringify({ weight_kg: 0.4 }) });

  // One small histogram per stage, a bar per bucket, the last bucket open-ended.
  await showReport(p, "turnaround-histogram", "all");
  const histogram = await served("turnaround-histogram", "by=all");
  const stages = [...new Set(histogram.rows.map((row) => row.stage))];
  assert.ok(stages.includes("total") && stages.length >= 2, "a shipped case has stages");
  const figures = p.locator("figure[data-chart='histogram']");
  assert.equal(await figures.count(), stages.length);
  for (const [n, stage] of stages.entries()) {
    const buckets = histogram.rows.filter((row) => row.stage === stage);
    assert.deepEqual(await figures.nth(n).locator("rect.bar").evaluateAll((rects) => rects.map((r) => Number(r.dataset.value))),
                     buckets.map((row) => Number(row.cases)));
  }
  assert.match(await figures.first().textContent(), /Turnaround: Receipt to shipping.*30\+ days/s);
  const histogramCsv = await downloaded(p, "figure[data-chart='histogram'] a.csv >> nth=0");
  assert.equal(histogramCsv.text.split("\r\n")[0], "all,stage,from_days,to_days,cases");

  // Deadlines met per week: both shares, a share of no deadline drawn as nothing.
  await showReport(p, "deadlines", "week");
  const deadlines = await served("deadlines", "by=week");
  assert.ok(deadlines.rows.length >= 1);
  for (const key of ["review_share", "complete_share"])
    assert.deepEqual(await p.locator(`figure[data-chart='deadlines'] rect.bar[data-series='${key}']`).evaluateAll(
      (rects) => rects.map((r) => [r.dataset.category, Number(r.dataset.value)])),
      deadlines.rows.filter((row) => row[key] !== "").map((row) => [row.week, Number(row[key]) * 100]));
  const deadlinesCsv = await downloaded(p, "figure[data-chart='deadlines'] a.csv");
  assert.equal(deadlinesCsv.name, "deadlines-week.csv");
  assert.equal(deadlinesCsv.text.split("\r\n")[0],
               "week,reviewed,reviewed_in_time,review_share,completed,completed_in_time,complete_share");
  await checkAccessibility(p, "reports charts");
  await p.screenshot({ path: path.join(shots, "reports-deadlines.png"), fullPage: true });

  // A bad period is refused with the parameter's name, on the page.
  await p.fill("#report-from", "2026-03-01");
  await p.fill("#report-to", "2026-02-01");
  await p.click("#report-show");
  await p.waitForSelector("#report-error");
  assert.match(await p.textContent("#report-error"), /from: 2026-03-01 is not before to 2026-02-01/);
  await p.context().close();
});

test("switching to Chinese and back changes every label", async () => {
  const p = await page(1280, 800);  // a 10-inch tablet
  await signInPage(p, people.warehouse);
  await p.goto(station.url + "/#/receiving");
  await p.click("#lang");
  await p.waitForSelector("h1:has-text('收货')");
  assert.match(await p.textContent("nav"), /发货/);
  await p.screenshot({ path: path.join(shots, "receiving-zh.png") });
  await p.click("#lang");
  await p.waitForSelector("h1:has-text('Receiving')");
  await p.context().close();
});

test("a client that reconnects gets the events it missed", async () => {
  const cookie = await signIn(station.url, people.warehouse);  // from this machine: at the bench
  const open = (query = "") => new WebSocket(`${station.url.replace("http", "ws")}/api/v1/events${query}`,
                                             { headers: { Cookie: cookie, Origin: station.url } });
  const first = open();
  const hello = await new Promise((resolve) => first.once("message", (m) => resolve(JSON.parse(m))));
  first.close();
  // While it is away: two scans at the bench.
  station.scan("EA123456785CN");
  station.scan("YT7512345678901");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const again = open(`?since=${hello.seq}&epoch=${hello.epoch}`);
  const got = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(JSON.stringify(got))), 10000);
    again.on("message", (m) => {
      got.push(JSON.parse(m));
      if (got.filter((e) => e.type === "scan").length >= 2) { clearTimeout(timer); resolve(); }
    });
  });
  again.close();
  assert.equal(got[0].type, "hello");
  assert.equal(got[0].complete, true);
  const scans = got.filter((e) => e.type === "scan").map((e) => e.data.code);
  assert.deepEqual(scans, ["EA123456785CN", "YT7512345678901"]);
  const seqs = got.slice(1).map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  assert.ok(seqs[0] > hello.seq);
});

test("the page itself reconnects and shows the scans it missed", async () => {
  const p = await page();
  // Every connection of the page to the event stream goes through this route, so the test can
  // drop it as a lost Wi-Fi would, and refuse reconnects for a while.
  let live = null, refuse = false;
  await p.routeWebSocket(/\/api\/v1\/events/, (ws) => {
    if (refuse) return ws.close();
    ws.connectToServer();
    live = ws;
  });
  await signInPage(p, people.warehouse);
  await p.goto(station.url + "/#/receiving");
  await p.waitForSelector("#cards");
  await p.waitForFunction(() => true);
  refuse = true;
  await live.close();
  await p.waitForSelector("#banner:not([hidden])");  // "connection lost: reconnecting"
  station.scan("RMA-26110005P");
  await new Promise((resolve) => setTimeout(resolve, 2500));  // scanned while disconnected
  assert.equal(await p.$(".card:has-text('RMA-26110005P')"), null);
  refuse = false;
  await p.waitForSelector(".card:has-text('RMA-26110005P')", { timeout: 15000 });
  await p.context().close();
});
