// The station's web UI: plain modern JavaScript, no library. Screens are drawn from the API;
// the WebSocket brings scans and changes, resuming after the last event seen.
import { messages } from "/messages.js";

const state = { lang: localStorage.getItem("lang") || "en", me: null, screen: null,
                cards: [], seq: 0, epoch: null, socket: null };

function t(key, vars = {}) {
  const text = messages[state.lang][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

// Elements without innerHTML: text from the server is never parsed as markup.
function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value != null) element.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method, credentials: "same-origin",
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.headers.get("Content-Type")?.startsWith("image/")) {
    if (!response.ok) throw { status: response.status, message: response.statusText };
    return response.blob();
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw { status: response.status, ...(data.error || { message: response.statusText }) };
  return data;
}

function banner(text, kind = "error") {
  const element = document.getElementById("banner");
  element.textContent = text;
  element.className = kind;
  element.hidden = !text;
}

function time(ms) {
  return ms ? new Date(ms).toLocaleString(state.lang === "zh" ? "zh-CN" : "en-GB") : "";
}

// A short tone per kind of result, so the person at the bench hears it without looking.
function beep(kind) {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = kind === "ok" ? 880 : kind === "warn" ? 520 : 220;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (kind === "ok" ? 0.12 : 0.35));
  } catch { /* no sound device */ }
}

const k_screens = {
  receiving: ["warehouse", "technician", "supervisor"],
  bench: ["technician", "warehouse", "parts_manager", "supervisor"],
  shipping: ["warehouse", "supervisor"],
  parts: ["parts_manager", "supervisor"],
  suppliers: ["parts_manager", "warehouse", "supervisor"],
  station: ["supervisor"],
  reports: ["technician", "warehouse", "parts_manager", "supervisor"],
};

function translateStatic() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("app.title");
  for (const element of document.querySelectorAll("[data-i18n]"))
    element.textContent = t(element.dataset.i18n);
  document.getElementById("lang").textContent = t("lang.switch");
  document.getElementById("lang").setAttribute("lang", state.lang === "zh" ? "en" : "zh-CN");
}

function drawNav() {
  const nav = document.getElementById("nav");
  nav.replaceChildren();
  document.getElementById("signout").hidden = !state.me;
  document.getElementById("who").textContent = state.me ? `${state.me.name} · ${state.me.role}` : "";
  if (!state.me) return;
  for (const [screen, roles] of Object.entries(k_screens)) {
    if (!roles.includes(state.me.role)) continue;
    nav.append(h("a", { href: `#/${screen}`, "aria-current": state.screen === screen ? "page" : false },
                 t(`screen.${screen}`)));
  }
}

function route() {
  const [, screen = "", arg] = location.hash.split("/");
  if (!state.me) return drawSignIn();
  const allowed = Object.keys(k_screens).filter((s) => k_screens[s].includes(state.me.role));
  state.screen = screen === "order" ? "bench" : allowed.includes(screen) ? screen : allowed[0];
  drawNav();
  // Each drawing gets a view of its own: one that finishes after a newer one fills a view no
  // longer shown.
  const view = h("div");
  document.getElementById("main").replaceChildren(view);
  state.refresh = () => route();  // what a change announced by the server redraws
  if (screen === "order" && arg) return drawOrder(view, decodeURIComponent(arg));
  ({ receiving: drawReceiving, bench: drawBench, shipping: drawShipping, parts: drawParts,
     suppliers: drawSuppliers, station: drawStation, reports: drawReports })[state.screen](view);
}

// ---- sign in --------------------------------------------------------------------------------
function drawSignIn() {
  drawNav();
  const main = document.getElementById("main");
  const badge = h("input", { id: "badge", name: "badge", autocomplete: "username", required: true });
  const pin = h("input", { id: "pin", name: "pin", type: "password", inputmode: "numeric",
                           autocomplete: "current-password", required: true });
  const message = h("p", { id: "sign-message", role: "status" });
  const form = h("form", { class: "panel narrow", onsubmit: async (event) => {
      event.preventDefault();
      try {
        // A bench PC of a center opens the server's page as ...?bench=NAME (its agent's bench).
        const sign = { badge: badge.value.trim(), pin: pin.value };
        const bench = new URLSearchParams(location.search).get("bench");
        if (bench) sign.bench = bench;
        const reply = await api("POST", "/api/v1/session", sign);
        pin.value = "";
        await signedIn(reply.operator);
      } catch (error) {
        pin.value = "";
        message.textContent = error.code === "locked" ? t("sign.locked")
          : error.code === "no_pin" ? t("sign.no_pin")
          : error.code === "wrong_pin" ? t("sign.wrong", { n: error.attempts_left })
          : t("error.generic", { message: error.message });
        message.className = "bad";
      }
    } },
    h("h1", {}, t("sign.title")),
    h("p", {}, t("sign.hint")),
    h("label", { for: "badge" }, t("sign.badge")), badge,
    h("label", { for: "pin" }, t("sign.pin")), pin,
    h("button", { type: "submit" }, t("sign.submit")),
    message);
  main.replaceChildren(form);
  badge.focus();
  connectEvents();  // at the bench, a scanned badge fills in by itself
}

async function signedIn(person) {
  state.me = person;
  state.cards = [];
  connectEvents(true);
  if (!location.hash || location.hash === "#/") location.hash = "#/";
  route();
}

// ---- events ---------------------------------------------------------------------------------
let reconnectTimer = null;
let refreshTimer = null;
let pendingChanges = [];

function connectEvents(fresh = false) {
  if (state.socket && !fresh) return;
  if (state.socket) { state.socket.onclose = null; state.socket.close(); }
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  // Only a reconnection resumes: a fresh connection (a page just loaded, a person just signed in)
  // draws everything anew, so replaying older events would only redraw it again later.
  const resuming = Boolean(state.epoch) && !fresh;
  const resume = resuming ? `?since=${state.seq}&epoch=${state.epoch}` : "";
  const socket = new WebSocket(`${scheme}://${location.host}/api/v1/events${resume}`);
  state.socket = socket;
  socket.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.type === "hello") {
      banner("");
      const reload = !event.complete || (state.epoch && state.epoch !== event.epoch);
      state.epoch = event.epoch;
      if (reload || !resuming) state.seq = event.seq;
      if (reload && state.me) route();
      return;
    }
    state.seq = Math.max(state.seq, event.seq);
    handleEvent(event);
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    state.socket = null;
    if (state.me) banner(t("net.offline"), "warn");
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(async () => {
      if (state.me) {
        try { await api("GET", "/api/v1/session"); }
        catch (error) { if (error.status === 401) { state.me = null; banner(""); return route(); } }
      }
      connectEvents();
    }, 1000);
  };
}

function handleEvent(event) {
  if (event.type === "badge") {
    const badge = document.getElementById("badge");
    if (badge) { badge.value = event.data.badge; document.getElementById("pin").focus(); }
    return;
  }
  if (event.type === "scan") return showScan(event.data);
  if (["order", "print", "sync", "device"].includes(event.type) && state.me) {
    // Changes come in bursts: redraw once, 300 ms after the last, with every change of the burst
    // (a screen that redraws only for some of them must see them all, not only the last).
    pendingChanges.push(event);
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      const changes = pendingChanges;
      pendingChanges = [];
      if (!document.activeElement?.matches("input, textarea")) state.refresh?.(changes);
    }, 300);
  }
}

// ---- receiving ------------------------------------------------------------------------------
const k_good = ["received", "identity_confirmed", "identity_recorded", "order_selected", "operator_changed", "lookup"];
const k_warn = ["already_received", "arrival", "badge", "needs_sign_in"];

function cardKind(outcome) {
  return k_good.includes(outcome) ? "ok" : k_warn.includes(outcome) ? "warn" : "bad";
}

function showScan(scan) {
  state.cards.unshift(scan);
  state.cards.length = Math.min(state.cards.length, 20);
  beep(cardKind(scan.outcome));
  const list = document.getElementById("cards");
  if (list) drawCards(list);
  else if (state.me) banner(`${t(`outcome.${scan.outcome}`)}: ${scan.code ?? ""} ${scan.message ?? ""}`, cardKind(scan.outcome));
}

function drawCards(list) {
  list.replaceChildren(...(state.cards.length ? state.cards.map((scan) =>
    h("li", { class: `card ${cardKind(scan.outcome)}`, "data-outcome": scan.outcome },
      h("strong", {}, t(`outcome.${scan.outcome}`)),
      h("code", {}, scan.code ?? ""),
      h("p", {}, scan.message ?? ""),
      ...(scan.orders || []).map((number) => h("a", { href: `#/order/${number}` }, number))))
    : [h("li", { class: "empty" }, t("receiving.none"))]));
}

async function drawReceiving(main) {
  const code = h("input", { id: "code", name: "code", autocomplete: "off" });
  const cards = h("ul", { id: "cards", class: "cards", "aria-live": "polite" });
  drawCards(cards);
  const arrivals = h("tbody");
  const loadArrivals = async () => {
    try {
      const { arrivals: rows } = await api("GET", "/api/v1/arrivals");
      arrivals.replaceChildren(...rows.map((row) => h("tr", {}, h("td", {}, h("code", {}, row.code)),
                                                       h("td", {}, row.reason), h("td", {}, row.times_seen))));
    } catch (error) { banner(t("error.generic", { message: error.message })); }
  };
  state.refresh = loadArrivals;
  main.append(
    h("h1", {}, t("screen.receiving")),
    h("p", { class: "hint" }, t("receiving.hint")),
    h("form", { class: "inline", onsubmit: async (event) => {
        event.preventDefault();
        if (!code.value.trim()) return;
        try { showScan(await api("POST", "/api/v1/scans", { code: code.value.trim() })); code.value = ""; }
        catch (error) { banner(t("error.generic", { message: error.message })); }
      } },
      h("label", { for: "code" }, t("receiving.type")), code,
      h("button", { type: "submit" }, t("receiving.send"))),
    cards,
    h("h2", {}, t("receiving.arrivals")),
    h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, t("col.code")), h("th", {}, t("col.reason")),
                                     h("th", {}, t("col.seen")))), arrivals));
  await loadArrivals();
}

// ---- my bench and the order page -----------------------------------------------------------
function orderTable(orders) {
  return h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, t("col.number")), h("th", {}, t("col.rma")),
                     h("th", {}, t("col.state")), h("th", {}, t("col.created")))),
    h("tbody", {}, orders.map((order) => h("tr", {},
      h("td", {}, h("a", { href: `#/order/${order.number}` }, order.number)),
      h("td", {}, order.rma_number), h("td", {}, order.state), h("td", {}, time(order.created_ms))))));
}

async function drawBench(main) {
  main.append(h("h1", {}, t("bench.mine")));
  try {
    const { orders } = await api("GET", "/api/v1/orders?mine=1");
    main.append(orders.length ? orderTable(orders) : h("p", {}, t("bench.none")));
  } catch (error) { banner(t("error.generic", { message: error.message })); }
}

async function drawOrder(main, number) {
  let order;
  try { order = await api("GET", `/api/v1/orders/${encodeURIComponent(number)}`); }
  catch (error) { return banner(t("error.generic", { message: error.message })); }
  // Redrawn only when this order changes, so a refusal stays on the screen.
  state.refresh = (changes) => { if (changes?.some((change) => change.data?.order === number)) route(); };
  const note = h("input", { id: "note", name: "note" });
  const result = h("p", { id: "move-result", role: "status" });
  const facts = [["order.state", order.state], ["order.rma", order.rma?.number], ["order.customer", order.rma?.customer],
                 ["order.model", order.rma?.model], ["order.identity", `${order.identity_status} ${order.device_identity}`]];
  main.append(
    h("h1", {}, order.number),
    h("dl", { class: "facts" }, facts.map(([key, value]) => [h("dt", {}, t(key)), h("dd", {}, value ?? "")])),
    h("h2", {}, t("order.moves")),
    h("label", { for: "note" }, t("order.note")), note,
    h("div", { class: "moves" }, order.moves.filter((move) => !k_form_moves.includes(move.to)).map((move) =>
      h("button", { type: "button", class: move.allowed ? "" : "locked", "data-to": move.to,
                    title: move.allowed ? "" : t("order.needs", { roles: move.roles.join(", ") }),
                    onclick: async () => {
                      try {
                        const moved = await api("POST", `/api/v1/orders/${encodeURIComponent(number)}/moves`,
                                                { to: move.to, note: note.value });
                        banner(t("order.moved", { state: moved.state }), "ok");
                        route();
                      } catch (error) {
                        result.textContent = t("order.refused", { why: error.message });
                        result.className = "bad";
                      }
                    } },
        move.to, move.allowed ? "" : ` (${t("order.needs", { roles: move.roles.join(", ") })})`))),
    result,
    returnsSection(order, note),
    await qaSection(order),
    h("h2", {}, t("order.history")),
    h("ol", { class: "history" }, order.history.map((entry) =>
      h("li", {}, `${time(entry.time_ms)} · ${entry.operator} · ${entry.action} ${entry.from || ""}→${entry.to || ""}`))));
}

// The moves that take more than a button: the unit leaves or enters stock with them.
const k_form_moves = ["exchanged", "restocked"];

function choice(id, name, values, label) {
  return h("select", { id, name }, values.map((value) => h("option", { value }, label(value))));
}

// The end of the exchange and no-reason return routes: a form for the move the order's state
// allows (and its route chose, when one is in force). The server applies the rules and refuses
// with the reason, shown here.
function returnsSection(order, note) {
  const can = (to, route) => order.moves.some((move) => move.to === to) && (!order.route || order.route === route);
  const base = `/api/v1/orders/${encodeURIComponent(order.number)}`;
  const forms = [];
  const submit = (status, path, body, done) => async (event) => {
    event.preventDefault();
    try {
      const reply = await api("POST", `${base}/${path}`, { ...body(), note: note.value });
      banner(done(reply), "ok");
      route();
    } catch (error) {
      status.textContent = t("order.refused", { why: error.message });
      status.className = "bad";
    }
  };
  if (can("exchanged", "exchange")) {
    const serial = h("input", { id: "exchange-serial", name: "serial", autocomplete: "off", required: true });
    const fate = choice("exchange-fate", "returned_unit", ["refurbishment", "supplier_return", "scrap"],
                        (value) => t(`exchange.fate.${value}`));
    // The open supplier-return batch a unit for its maker joins: asked only for that fate.
    const batch = h("input", { id: "exchange-batch", name: "supplier_return", autocomplete: "off",
                               placeholder: "SR-…" });
    const batchLabel = h("label", { for: "exchange-batch" }, t("exchange.batch"));
    const showBatch = () => { batch.hidden = batchLabel.hidden = fate.value !== "supplier_return"; };
    fate.addEventListener("change", showBatch);
    showBatch();
    const status = h("p", { id: "exchange-result", role: "status" });
    forms.push(h("form", { id: "exchange", class: "panel", onsubmit: submit(status, "exchange",
        () => ({ serial: serial.value.trim(), returned_unit: fate.value,
                 supplier_return: fate.value === "supplier_return" ? batch.value.trim() : "" }),
        (done) => t("exchange.done", { order: done.repair_order, product: done.product, serial: done.replacement_serial,
                                       fate: t(`exchange.fate.${done.returned_unit}`) })) },
      h("h2", {}, t("exchange.title")), h("p", { class: "hint" }, t("exchange.hint")),
      h("label", { for: "exchange-serial" }, t("exchange.serial")), serial,
      h("label", { for: "exchange-fate" }, t("exchange.returned")), fate, batchLabel, batch,
      h("button", { type: "submit" }, t("exchange.submit")), status));
  }
  if (can("restocked", "return_accepted")) {
    const grade = choice("inspect-grade", "grade", ["A", "B", "C", "D"], (value) => t(`inspect.grade.${value}`));
    const outcome = choice("inspect-outcome", "outcome", ["restock", "return_to_vendor"],
                           (value) => t(`inspect.outcome.${value}`));
    const bin = h("input", { id: "inspect-bin", name: "bin", autocomplete: "off" });
    outcome.addEventListener("change", () => { bin.disabled = outcome.value !== "restock"; });
    const status = h("p", { id: "inspect-result", role: "status" });
    forms.push(h("form", { id: "inspect", class: "panel", onsubmit: submit(status, "returns/inspect",
        () => ({ grade: grade.value, outcome: outcome.value, ...(bin.disabled ? {} : { bin: bin.value.trim() }) }),
        (done) => [t("inspect.done", { order: done.repair_order, grade: done.grade, outcome: t(`inspect.outcome.${done.outcome}`),
                                       where: done.bin ? ` ${done.bin}` : "" }),
                   done.missing_accessories.length ? t("inspect.missing", { items: done.missing_accessories.join(", ") }) : ""]
                  .join(" ").trim()) },
      h("h2", {}, t("inspect.title")), h("p", { class: "hint" }, t("inspect.hint")),
      h("label", { for: "inspect-grade" }, t("inspect.grade")), grade,
      h("label", { for: "inspect-outcome" }, t("inspect.outcome")), outcome,
      h("label", { for: "inspect-bin" }, t("inspect.bin")), bin,
      h("button", { type: "submit" }, t("inspect.submit")), status));
  }
  return h("section", { id: "returns" }, forms);
}

// QA of a repaired order: the checklist of its category, a result per step, then finish.
async function qaSection(order) {
  const base = `/api/v1/orders/${encodeURIComponent(order.number)}/qa`;
  const section = h("section", { id: "qa" }, h("h2", {}, t("qa.title")));
  const status = h("p", { id: "qa-result", role: "status" });
  const act = async (path, body) => {
    try { await api("POST", `${base}/${path}`, body); route(); }
    catch (error) { status.textContent = t("order.refused", { why: error.message }); status.className = "bad"; }
  };
  let attempts = [];
  try { ({ attempts } = await api("GET", base)); }
  catch (error) {
    status.textContent = error.message;
    section.append(status);
    return section;
  }
  const open = attempts.find((attempt) => attempt.outcome === "open");
  if (order.state === "in_repair" && !open)
    section.append(h("button", { type: "button", id: "qa-start", onclick: () => act("start", {}) }, t("qa.start")));
  for (const attempt of attempts) {
    section.append(h("h3", {}, t("qa.attempt", { n: attempt.attempt, title: attempt.checklist, outcome: attempt.outcome })));
    if (attempt.reason) section.append(h("p", { class: "bad" }, attempt.reason));
    section.append(h("table", { class: "qa" }, attempt.steps.map((step) => {
      const controls = [];
      if (attempt === open) {
        const note = h("input", { "aria-label": t("order.note"), class: "qa-note" });
        if (step.kind === "pass_fail")
          controls.push(h("button", { type: "button", onclick: () => act("results", { step: step.step, passed: true, note: note.value }) }, t("qa.pass")),
                        h("button", { type: "button", onclick: () => act("results", { step: step.step, passed: false, note: note.value }) }, t("qa.fail")));
        else {
          const input = h("input", { "aria-label": step.kind === "measured" ? `${t("qa.value")} (${step.unit})` : t("qa.photo"),
                                     class: "qa-input", "data-step": step.step });
          controls.push(input, h("button", { type: "button", onclick: () => act("results", step.kind === "measured"
            ? { step: step.step, value: input.value, note: note.value }
            : { step: step.step, photo: input.value, note: note.value }) }, t("qa.record")));
        }
        controls.push(note);
      }
      const shown = [step.value ? `${step.value} ${step.unit ?? ""}` : "", step.photo ? step.photo.slice(0, 8) : ""].join(" ").trim();
      return h("tr", { "data-result": step.result },
        h("td", {}, step.step), h("td", {}, step.text),
        h("td", {}, step.limits ? `${step.expected} (${step.limits})` : step.expected),
        h("td", {}, t(`qa.result.${step.result}`), shown ? ` ${shown}` : ""), h("td", {}, controls));
    })));
  }
  if (open) section.append(h("button", { type: "button", id: "qa-finish", onclick: () => act("finish", {}) }, t("qa.finish")));
  section.append(status);
  return section;
}

// ---- shipping -------------------------------------------------------------------------------
async function drawShipping(main) {
  main.append(h("h1", {}, t("screen.shipping")));
  const ready = h("section", {}, h("h2", {}, t("shipping.ready")));
  const jobs = h("section", {}, h("h2", {}, t("shipping.jobs")));
  const printers = h("section", {}, h("h2", {}, t("shipping.printers")));
  main.append(ready, printers, jobs);
  // Print progress redraws the printers and the queue, never a label being filled in.
  state.refresh = () => drawQueue(printers, jobs);
  try {
    const { orders } = await api("GET", "/api/v1/orders?state=ready_to_ship");
    if (!orders.length) ready.append(h("p", {}, t("shipping.none")));
    for (const order of orders) ready.append(shipForm(order));
  } catch (error) { banner(t("error.generic", { message: error.message })); }
  await drawQueue(printers, jobs);
}

async function drawQueue(printers, jobs) {
  try {
    const { printers: rows } = await api("GET", "/api/v1/printers");
    printers.replaceChildren(h("h2", {}, t("shipping.printers")),
      h("ul", {}, rows.map((row) => h("li", { class: row.readiness === "ready" ? "ok" : "bad" },
        `${row.name}: ${row.message || row.readiness}`))));
    const { jobs: list } = await api("GET", "/api/v1/print-jobs");
    jobs.replaceChildren(h("h2", {}, t("shipping.jobs")), h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, t("col.number")), h("th", {}, t("col.template")),
                       h("th", {}, t("col.printer")), h("th", {}, t("col.state")), h("th", {}, t("col.actions")))),
      h("tbody", {}, list.map((job) => h("tr", { "data-job": job.number },
        h("td", {}, job.number), h("td", {}, job.template), h("td", {}, job.printer),
        h("td", {}, `${job.state} ${job.attention || job.last_error || ""}`),
        h("td", {}, jobButtons(job)))))));
  } catch (error) { banner(t("error.generic", { message: error.message })); }
}

function jobButtons(job) {
  const act = (action, body) => async () => {
    try { await api("POST", `/api/v1/print-jobs/${job.number}/${action}`, body); state.refresh?.(); }
    catch (error) { banner(t("error.generic", { message: error.message })); }
  };
  const buttons = [];
  if (job.state === "failed") buttons.push(h("button", { type: "button", onclick: act("retry") }, t("job.retry")));
  if (job.state === "queued" || job.state === "failed")
    buttons.push(h("button", { type: "button", onclick: act("cancel") }, t("job.cancel")));
  if (job.state === "sent")
    buttons.push(h("button", { type: "button", onclick: () => {
      const reason = prompt(t("job.reason"));
      if (reason) act("reprint", { reason })();
    } }, t("job.reprint")));
  return buttons;
}

// Shipping one order: the weight is all a person enters; carrier, service, the waybill number
// and the address come from the policy, the station's pool and the RMA. The label is seen first.
function shipForm(order) {
  const id = order.number;
  const weight = h("input", { id: `weight-${id}`, type: "number", step: "0.001", min: "0.001",
                              inputmode: "decimal", required: true });
  const preview = h("img", { class: "preview", alt: `${t("shipping.label")} ${id}`, hidden: true });
  const checklist = h("fieldset", { class: "packing", hidden: true });
  const ship = h("button", { type: "button", disabled: true }, t("shipping.ship"));
  const result = h("p", { role: "status" });
  const body = () => ({ weight_kg: Number(weight.value) });
  // The packing checklist is a screen aid for the person at the table: Ship waits until every
  // item that came in is ticked as packed. The API's ship call does not ask for it (a script or
  // `station ship` ships without a screen); the packing slip printed with the label lists the same.
  const boxes = () => [...checklist.querySelectorAll("input[type='checkbox']")];
  const gate = () => { ship.disabled = preview.hidden || !boxes().every((box) => box.checked); };
  const drawChecklist = (contents) => {
    checklist.replaceChildren(h("legend", {}, t("packing.title")),
      ...contents.map((line, n) => {
        const box = h("input", { type: "checkbox", id: `pack-${id}-${n}`, "data-item": line.item, onchange: gate });
        const item = messages[state.lang][`packing.item.${line.item}`] ?? line.item;
        return h("div", { class: "check" }, box,
                 h("label", { for: `pack-${id}-${n}` }, line.detail ? `${item}: ${line.detail}` : item));
      }),
      h("p", { class: "hint" }, t("packing.all")));
    checklist.hidden = false;
  };
  weight.addEventListener("input", () => { preview.hidden = true; gate(); });
  ship.addEventListener("click", async () => {
    try {
      const parcel = await api("POST", `/api/v1/orders/${encodeURIComponent(id)}/ship`, body());
      result.textContent = t("shipping.shipped", { carrier: parcel.carrier, tracking: parcel.tracking_number,
                                                   label: parcel.label_job, slip: parcel.slip_job });
      result.className = "ok";
      ship.disabled = true;
    } catch (error) { result.textContent = t("error.generic", { message: error.message }); result.className = "bad"; }
  });
  return h("form", { class: "panel", "data-order": id, onsubmit: async (event) => {
      event.preventDefault();
      try {
        const planned = await api("POST", `/api/v1/orders/${encodeURIComponent(id)}/ship/preview`, body());
        preview.src = `data:image/png;base64,${planned.label_png}`;
        preview.hidden = false;  // the label is seen before the parcel ships
        drawChecklist(planned.contents);
        gate();
      } catch (error) { result.textContent = t("error.generic", { message: error.message }); result.className = "bad"; }
    } },
    h("h3", {}, `${id} · ${order.rma_number}`),
    h("label", { for: `weight-${id}` }, t("shipping.weight")), weight,
    h("button", { type: "submit" }, t("shipping.preview")), checklist, ship, preview, result);
}

// ---- parts ----------------------------------------------------------------------------------
function table(columns, rows) {
  return h("table", {},
    h("thead", {}, h("tr", {}, columns.map(([key]) => h("th", {}, t(key))))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map(([, field]) => h("td", {}, row[field]))))));
}

async function drawParts(main) {
  const query = h("input", { id: "part-query", name: "q", type: "search", autocomplete: "off" });
  const found = h("section", { "aria-live": "polite" });
  const search = async () => {
    try {
      const { parts } = await api("GET", `/api/v1/parts?q=${encodeURIComponent(query.value)}`);
      const described = parts.map((part) => ({ ...part,
        description: state.lang === "zh" ? part.description_zh : part.description_en }));
      found.replaceChildren(table([["col.sku", "sku"], ["col.description", "description"],
                                   ["col.on_hand", "on_hand"], ["col.reserved", "reserved"],
                                   ["col.available", "available"]], described));
    } catch (error) { banner(t("error.generic", { message: error.message })); }
  };
  main.append(h("h1", {}, t("screen.parts")),
    h("form", { class: "inline", role: "search", onsubmit: (event) => { event.preventDefault(); search(); } },
      h("label", { for: "part-query" }, t("parts.search")), query,
      h("button", { type: "submit" }, t("parts.find"))),
    found);
  await search();
  try {
    const [{ stock }, { lines }] = await Promise.all([api("GET", "/api/v1/parts/stock"),
                                                      api("GET", "/api/v1/parts/reorder")]);
    main.append(h("h2", {}, t("parts.stock")),
      stock.length ? table([["col.sku", "sku"], ["col.bin", "location"], ["col.lot", "lot"],
                            ["col.serial", "serial"], ["col.qty", "qty"]], stock)
                   : h("p", {}, t("parts.no_stock")),
      h("h2", {}, t("parts.reorder")),
      table([["col.sku", "sku"], ["col.position", "position"], ["col.reorder_point", "reorder_point"],
             ["col.suggested", "suggested"]], lines));
  } catch (error) { banner(t("error.generic", { message: error.message })); }
}

// ---- suppliers and supplier returns ----------------------------------------------------------
// What `station suppliers list` and `station supplier-returns list|show|ship` show and do; opening
// a return and adding its lines stay on the command line.
function returnLines(batch) {
  if (!batch.lines.length) return h("p", {}, t("suppliers.no_lines"));
  return h("table", { class: "lines" },
    h("thead", {}, h("tr", {}, ["col.part", "col.qty", "col.reason", "col.origin", "col.reference", "col.state"]
      .map((key) => h("th", {}, t(key))))),
    h("tbody", {}, batch.lines.map((line) => h("tr", { "data-line": line.id, "data-state": line.state },
      h("td", {}, line.sku, line.supplier_part_number ? ` [${line.supplier_part_number}]` : "",
        line.serial ? ` ${t("col.serial")} ${line.serial}` : "", line.lot ? ` ${t("col.lot")} ${line.lot}` : ""),
      h("td", {}, line.qty), h("td", {}, t(`reason.${line.reason}`)), h("td", {}, line.origin),
      h("td", {}, line.reference), h("td", {}, line.state)))));
}

function shipReturnForm(batch) {
  const key = batch.name;
  const carrier = h("input", { id: `carrier-${key}`, name: "carrier", autocomplete: "off" });
  const tracking = h("input", { id: `tracking-${key}`, name: "tracking_number", autocomplete: "off" });
  const status = h("p", { role: "status" });
  return h("form", { class: "inline", onsubmit: async (event) => {
      event.preventDefault();
      try {
        const shipped = await api("POST", `/api/v1/supplier-returns/${encodeURIComponent(key)}/ship`,
                                  { carrier: carrier.value.trim(), tracking_number: tracking.value.trim() });
        banner(t("suppliers.shipped_now", { name: shipped.name, supplier: shipped.supplier, units: shipped.shipped,
                                            job: shipped.label_job, printer: shipped.printer }), "ok");
        route();
      } catch (error) {
        status.textContent = t("order.refused", { why: error.message });
        status.className = "bad";
      }
    } },
    h("label", { for: `carrier-${key}` }, t("suppliers.carrier")), carrier,
    h("label", { for: `tracking-${key}` }, t("suppliers.tracking")), tracking,
    h("button", { type: "submit" }, t("suppliers.ship")), status);
}

async function drawSuppliers(main) {
  main.append(h("h1", {}, t("suppliers.title")));
  try {
    const [{ suppliers }, { returns }] = await Promise.all([api("GET", "/api/v1/suppliers"),
                                                           api("GET", "/api/v1/supplier-returns")]);
    const open = returns.filter((batch) => batch.state === "open");
    const shipped = returns.filter((batch) => batch.state === "shipped");
    main.append(
      h("h2", {}, t("suppliers.open")),
      h("div", {}, open.length ? open.map((batch) => h("section", { class: "panel", "data-return": batch.name },
        h("h3", {}, t("suppliers.batch", { name: batch.name, supplier: batch.supplier, held: batch.held }),
          batch.supplier_rma ? ` · ${batch.supplier_rma}` : ""),
        returnLines(batch), shipReturnForm(batch)))
        : h("p", {}, t("suppliers.no_open"))),
      h("h2", {}, t("suppliers.list")),
      suppliers.length ? h("table", {},
        h("thead", {}, h("tr", {}, ["col.name", "col.contact", "col.phone", "col.email", "col.parts"]
          .map((key) => h("th", {}, t(key))))),
        h("tbody", {}, suppliers.map((supplier) => h("tr", {},
          h("td", {}, supplier.name), h("td", {}, supplier.contact), h("td", {}, supplier.phone),
          h("td", {}, supplier.email), h("td", {}, supplier.parts.map((part) => part.sku).join(", "))))))
        : h("p", {}, t("suppliers.none")),
      h("h2", {}, t("suppliers.shipped")),
      h("ul", {}, shipped.map((batch) => h("li", { "data-return": batch.name },
        t("suppliers.batch_shipped", { name: batch.name, supplier: batch.supplier, shipped: batch.shipped,
                                       when: time(batch.shipped_ms), carrier: batch.carrier,
                                       tracking: batch.tracking_number })))));
  } catch (error) { banner(t("error.generic", { message: error.message })); }
}

// ---- station --------------------------------------------------------------------------------
async function drawStation(main) {
  main.append(h("h1", {}, t("screen.station")));
  try {
    const [{ devices }, sync, { operators }] = await Promise.all([
      api("GET", "/api/v1/devices"), api("GET", "/api/v1/sync"), api("GET", "/api/v1/operators")]);
    main.append(
      h("h2", {}, t("station.devices")),
      h("ul", {}, devices.map((device) => h("li", { class: device.problem ? "bad" : "ok" },
        `${device.name || device.source} (${device.kind}, ${device.role || ""}): ${device.state} ${device.problem || ""}`))),
      h("h2", {}, t("station.sync")),
      h("dl", { class: "facts" },
        h("dt", {}, t("sync.pending")), h("dd", {}, sync.pending),
        h("dt", {}, t("sync.held")), h("dd", {}, sync.held),
        h("dt", {}, t("sync.rejected")), h("dd", {}, sync.rejected_total)),
      h("h2", {}, t("station.people")),
      h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, t("col.badge")), h("th", {}, t("col.name")),
                                      h("th", {}, t("col.role")))),
        h("tbody", {}, operators.map((person) => h("tr", {}, h("td", {}, person.badge),
                                                     h("td", {}, person.name), h("td", {}, person.role))))));
  } catch (error) { banner(t("error.generic", { message: error.message })); }
}

// ---- reports --------------------------------------------------------------------------------
// The reports of the catalog (GET /api/v1/reports, the list `station report` reads): a report
// added there shows here as a table with no change to this page. A few get a chart too, drawn
// from their columns' names, where a person would rather look than read.
const k_svg = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS(k_svg, tag);
  for (const [name, value] of Object.entries(attrs))
    if (value != null) element.setAttribute(name, value);
  for (const child of children.flat(Infinity))
    if (child != null) element.append(child instanceof Node ? child : String(child));
  return element;
}

// A catalog entry's words in the page's language when the message catalog has them, else the
// server's (a report the page has not met yet still reads in English).
function known(key, fallback) {
  return messages[state.lang][key] ?? messages.en[key] ?? fallback;
}

// A share as the reports give it ("0.8750"; "" for a share of no cases) in percent, or null.
function percent(cell) {
  return cell === "" || cell == null ? null : Number(cell) * 100;
}

// The rows by the value of one column, in the order served.
function rowsBy(rows, column) {
  const groups = new Map();
  for (const row of rows) {
    const key = row[column] ?? "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  return groups;
}

// Categories along x; bars (series side by side) on the left axis, counts or 0–100%; lines on
// a 0–100% right axis. A null value is drawn as nothing (a share of no cases is not zero).
function chart({ kind, title, categories, bars = [], lines = [], barPercent = false, csv, small = false }) {
  const slot = Math.max(small ? 44 : 40, 16 * bars.length + 20);
  const left = 52, right = lines.length ? 48 : 12, top = 14;
  const rotate = categories.some((label) => String(label).length > 6) || categories.length > 8;
  const bottom = rotate ? 78 : 30;
  const width = Math.max(small ? 260 : 420, left + right + categories.length * slot);
  const height = (small ? 170 : 240) + bottom;
  const plotH = height - top - bottom;
  const highest = Math.max(1, ...bars.flatMap((series) => series.values.filter((v) => v != null)));
  // Whole numbers of cases on the left axis: at most four steps above zero.
  const steps = barPercent ? 4 : Math.min(4, Math.ceil(highest));
  const tick = barPercent ? 25 : Math.ceil(highest / steps);
  const barMax = tick * steps;
  const y = (value, max) => top + plotH - (value / max) * plotH;
  const x = (index) => left + index * slot;
  const colours = ["#2f5f8f", "#c77a1a", "#5b8c3a"];
  const parts = [svg("title", {}, title)];
  for (let i = 0; i <= steps; i++) {
    const at = y(i * tick, barMax);
    parts.push(svg("line", { x1: left, x2: width - right, y1: at, y2: at, stroke: "#ddd" }),
               svg("text", { x: left - 6, y: at + 4, "text-anchor": "end", class: "tick" },
                   barPercent ? `${i * tick}%` : i * tick));
  }
  if (lines.length)
    for (let i = 0; i <= 4; i++)
      parts.push(svg("text", { x: width - right + 6, y: y(i * 25, 100) + 4, class: "tick" }, `${i * 25}%`));
  categories.forEach((label, index) => {
    bars.forEach((series, n) => {
      const value = series.values[index];
      if (value == null) return;
      const top_ = y(value, barMax);
      parts.push(svg("rect", { x: x(index) + 10 + n * 16, y: top_, width: 14, height: y(0, barMax) - top_,
                               fill: colours[n % colours.length], class: "bar", "data-series": series.key,
                               "data-category": label, "data-value": value },
                     svg("title", {}, `${label} · ${series.name}: ${barPercent ? `${value.toFixed(1)}%` : value}`)));
    });
    const text = String(label).length > 14 ? `${String(label).slice(0, 13)}…` : label;
    const cx = x(index) + slot / 2;
    parts.push(rotate
      ? svg("text", { x: cx, y: top + plotH + 12, "text-anchor": "end", class: "tick",
                      transform: `rotate(-35 ${cx} ${top + plotH + 12})` }, text)
      : svg("text", { x: cx, y: top + plotH + 18, "text-anchor": "middle", class: "tick" }, text));
  });
  for (const series of lines) {
    const points = series.values.map((value, index) => value == null ? null : [x(index) + slot / 2, y(value, 100)]);
    const path = points.map((point, index) => point && `${index && points[index - 1] ? "L" : "M"}${point[0]},${point[1]}`)
      .filter(Boolean).join(" ");
    parts.push(svg("path", { d: path, fill: "none", stroke: "#b00020", "stroke-width": 2, class: "line",
                             "data-series": series.key }),
               ...points.filter(Boolean).map(([px, py], index) => svg("circle", { cx: px, cy: py, r: 3.5, fill: "#b00020" },
                 svg("title", {}, `${series.name}: ${series.values.filter((v) => v != null)[index].toFixed(1)}%`))));
  }
  parts.push(svg("line", { x1: left, x2: width - right, y1: y(0, barMax), y2: y(0, barMax), stroke: "#333" }));
  const legend = [...bars.map((series, n) => [series.name, colours[n % colours.length]]),
                  ...lines.map((series) => [series.name, "#b00020"])];
  return h("figure", { class: small ? "chart small" : "chart", "data-chart": kind },
    h("figcaption", {}, title),
    h("div", { class: "plot" },
      svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": title }, parts)),
    h("ul", { class: "legend" }, legend.map(([name, colour]) =>
      h("li", {}, svg("svg", { width: 14, height: 14, "aria-hidden": "true" },
                        svg("rect", { width: 14, height: 14, fill: colour })), ` ${name}`))),
    h("a", { href: csv, download: "", class: "csv" }, t("reports.chart_csv")));
}

// The charts of a report, by its name and its columns' names; none for the others.
function reportCharts(name, by, table, csv) {
  const has = (...columns) => columns.every((column) => table.columns.includes(column));
  const groups = table.columns.includes(by) ? rowsBy(table.rows, by) : new Map([["", table.rows]]);
  const suffix = (group) => (groups.size > 1 ? ` · ${group}` : "");
  const charts = [];
  if (name === "pareto" && has("finding", "cases", "cumulative_share"))
    for (const [group, rows] of groups)  // served most cases first, as the cumulative share runs
      charts.push(chart({ kind: "pareto", csv, title: t("reports.chart.pareto") + suffix(group),
        categories: rows.map((row) => row.finding),
        bars: [{ key: "cases", name: t("rcol.cases"), values: rows.map((row) => Number(row.cases)) }],
        lines: [{ key: "cumulative_share", name: t("rcol.cumulative_share"),
                  values: rows.map((row) => percent(row.cumulative_share)) }] }));
  if (name === "fpy" && by === "week" && has("week", "fpy"))
    charts.push(chart({ kind: "fpy", csv, title: t("reports.chart.fpy"), barPercent: true,
      categories: table.rows.map((row) => row.week),
      bars: [{ key: "fpy", name: t("rcol.fpy"), values: table.rows.map((row) => percent(row.fpy)) }] }));
  if (name === "deadlines" && by === "week" && has("week", "review_share", "complete_share"))
    charts.push(chart({ kind: "deadlines", csv, title: t("reports.chart.deadlines"), barPercent: true,
      categories: table.rows.map((row) => row.week),
      bars: ["review_share", "complete_share"].map((key) =>
        ({ key, name: t(`rcol.${key}`), values: table.rows.map((row) => percent(row[key])) })) }));
  if (name === "turnaround-histogram" && has("stage", "from_days", "to_days", "cases"))
    for (const [group, rows] of groups)
      for (const [stage, buckets] of rowsBy(rows, "stage"))
        charts.push(chart({ kind: "histogram", csv, small: true,
          title: t("reports.chart.histogram", { stage: known(`stage.${stage}`, stage) }) + suffix(group),
          categories: buckets.map((bucket) => bucket.to_days === ""
            ? t("reports.last_open", { from: bucket.from_days })
            : t("reports.days", { from: bucket.from_days, to: bucket.to_days })),
          bars: [{ key: "cases", name: t("rcol.cases"), values: buckets.map((bucket) => Number(bucket.cases)) }] }));
  return charts;
}

async function drawReports(main) {
  state.refresh = () => {};  // a report is read when asked for, not at every change of an order
  main.append(h("h1", {}, t("screen.reports")), h("p", { class: "hint" }, t("reports.hint")));
  let catalog;
  try { catalog = await api("GET", "/api/v1/reports"); }
  catch (error) { return banner(t("error.generic", { message: error.message })); }
  if (!catalog.reports.length) return;
  // What was chosen stays when the page is redrawn (another language, back from another screen).
  const choice = state.reportChoice ??= { name: "", from: "", to: "", by: "all", repeat_days: "90" };
  if (!catalog.reports.some((report) => report.name === choice.name)) choice.name = catalog.reports[0].name;
  const report = h("select", { id: "report-name", name: "report" }, catalog.reports.map((entry) =>
    h("option", { value: entry.name, selected: entry.name === choice.name }, known(`report.${entry.name}`, entry.title))));
  const from = h("input", { id: "report-from", name: "from", type: "date", value: choice.from });
  const to = h("input", { id: "report-to", name: "to", type: "date", value: choice.to });
  const by = h("select", { id: "report-by", name: "by" }, catalog.groups.map((group) =>
    h("option", { value: group, selected: group === choice.by }, t(`group.${group}`))));
  const days = h("input", { id: "report-days", name: "repeat_days", type: "number", min: 1, max: 3650,
                            value: choice.repeat_days });
  const byField = h("span", { class: "field" }, h("label", { for: "report-by" }, t("reports.by")), by);
  const daysField = h("span", { class: "field" }, h("label", { for: "report-days" }, t("reports.repeat_days")), days);
  const output = h("section", { id: "report-output", "aria-live": "polite" });
  const entry = () => catalog.reports.find((each) => each.name === report.value);
  const fit = () => { byField.hidden = !entry().grouped; daysField.hidden = !entry().repeat_window; };
  let shown = 0;
  const show = async () => {
    Object.assign(choice, { name: report.value, from: from.value, to: to.value, by: by.value, repeat_days: days.value });
    const kind = entry();
    const query = new URLSearchParams();
    if (choice.from) query.set("from", choice.from);
    if (choice.to) query.set("to", choice.to);
    if (kind.grouped) query.set("by", choice.by);
    if (kind.repeat_window) query.set("repeat_days", choice.repeat_days);
    const path = `/api/v1/reports/${encodeURIComponent(kind.name)}`;
    const csv = `${path}?${new URLSearchParams([...query, ["format", "csv"]])}`;
    const mine = ++shown;  // an answer that comes after a newer question is dropped
    let table;
    try { table = await api("GET", `${path}?${query}`); }
    catch (error) {
      if (mine === shown)
        output.replaceChildren(h("p", { id: "report-error", class: "bad", role: "alert" }, t("error.generic", { message: error.message })));
      return;
    }
    if (mine !== shown) return;
    const grouping = kind.grouped ? choice.by : "all";
    output.replaceChildren(
      h("h2", {}, known(`report.${kind.name}`, kind.title)),
      h("p", { class: "hint" }, known(`report.summary.${kind.name}`, kind.summary)),
      h("div", { class: "charts" }, reportCharts(kind.name, grouping, table, csv)),
      h("p", {}, h("a", { id: "report-csv", class: "button", href: csv, download: "" }, t("reports.csv"))),
      table.rows.length
        ? h("table", { id: "report-table" },
            h("thead", {}, h("tr", {}, table.columns.map((column) => h("th", { scope: "col", "data-column": column },
              known(`rcol.${column}`, column))))),
            h("tbody", {}, table.rows.map((row) => h("tr", {}, table.columns.map((column) => h("td", {}, row[column]))))))
        : h("p", {}, t("reports.none")));
    output.dataset.shown = `${kind.name}?${query}`;  // what is on the screen (tests wait for it)
  };
  report.addEventListener("change", () => { fit(); show(); });
  fit();
  main.append(
    h("form", { class: "inline report-choice", onsubmit: (event) => { event.preventDefault(); show(); } },
      h("span", { class: "field" }, h("label", { for: "report-name" }, t("reports.report")), report),
      h("span", { class: "field" }, h("label", { for: "report-from" }, t("reports.from")), from),
      h("span", { class: "field" }, h("label", { for: "report-to" }, t("reports.to")), to),
      byField, daysField,
      h("button", { type: "submit", id: "report-show" }, t("reports.show"))),
    output);
  await show();
}

// ---- start ----------------------------------------------------------------------------------
document.getElementById("lang").addEventListener("click", () => {
  state.lang = state.lang === "en" ? "zh" : "en";
  localStorage.setItem("lang", state.lang);
  translateStatic();
  route();
});
document.getElementById("signout").addEventListener("click", async () => {
  try { await api("DELETE", "/api/v1/session"); } catch { /* signed out already */ }
  state.me = null;
  state.cards = [];
  connectEvents(true);
  location.hash = "";
  route();
});
window.addEventListener("hashchange", route);

translateStatic();
try { state.me = (await api("GET", "/api/v1/session")).operator; } catch { state.me = null; }
if (state.me) connectEvents();
route();
