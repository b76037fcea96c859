// Morning Moves local console: talks to /console/api/*, shows each turn in full and speaks it.
"use strict";

const $ = (id) => document.getElementById(id);
let sessionId = null;
let speechRun = 0;
let optionsShown = false;

async function api(path, body) {
  const options = body === undefined
    ? { method: "GET" }
    : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const reply = await fetch(`/console/api/${path}`, options);
  const data = await reply.json().catch(() => ({ error: `HTTP ${reply.status}` }));
  if (!reply.ok) throw Object.assign(new Error(data.error || `HTTP ${reply.status}`), { status: reply.status });
  return data;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function showError(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function seconds(value) {
  return `${Number(value).toFixed(1)} s`;
}

// ---- JSON blocks: collapsible, copyable -------------------------------------------------------

function copyText(text, button) {
  const done = () => { button.textContent = "Copied"; setTimeout(() => { button.textContent = "Copy"; }, 1200); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => { button.textContent = "Copy failed"; });
  } else {
    const area = el("textarea", { value: text });
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    done();
  }
}

function jsonBlock(title, value, testid) {
  const text = JSON.stringify(value, null, 2);
  const copy = el("button", { type: "button", class: "small", text: "Copy" });
  copy.setAttribute("aria-label", `Copy ${title}`);
  copy.addEventListener("click", () => copyText(text, copy));
  const summary = el("summary", {}, el("span", { class: "json-head" }, title, " "));
  const block = el("details", { "data-testid": testid }, summary, copy, el("pre", { text, tabIndex: 0 }));
  return block;
}

function intentTable(intent) {
  if (!intent) return el("p", { class: "muted", text: "Not sent to the skill." });
  const table = el("table", { "data-testid": "intent" });
  const row = (name, value) => {
    const tr = table.insertRow();
    tr.append(el("th", { text: name, scope: "row" }), el("td", { text: value }));
  };
  row("Request", intent.type || "–");
  if (intent.name) row("Intent", intent.name);
  for (const [name, slot] of Object.entries(intent.slots || {})) {
    row(`Slot ${name}`, slot.id ? `${slot.value} → ${slot.id}` : slot.value);
  }
  return table;
}

function turnDetails(turn, progress) {
  const details = el("details", { class: "turn-details", "data-testid": "turn-details" },
    el("summary", { text: "Turn details: intent, session, JSON, stored record" }));
  details.append(
    el("h3", { class: "small", text: "Matched" }),
    intentTable(turn.intent),
    jsonBlock("Session attributes, decoded", turn.session, "session-attributes"),
    jsonBlock("Request JSON", turn.request, "request-json"),
    jsonBlock("Response JSON", turn.response, "response-json"),
    jsonBlock("Stored record after the turn", progress && progress.progress, "stored-record"),
  );
  return details;
}

// ---- A counted set as a timeline ------------------------------------------------------------

function drawTimeline(timeline) {
  const total = timeline.seconds || 1;
  const pct = (s) => `${(100 * s / total).toFixed(3)}%`;
  const track = el("div", { class: "track" });
  track.setAttribute("aria-hidden", "true");
  timeline.items.forEach((item, index) => {
    if (item.kind !== "say") return;
    const cls = "rep" in item ? `seg rep${item.rep % 2 ? " odd" : ""}` : "seg say";
    const seg = el("div", { class: cls, title: item.text });
    seg.style.left = pct(item.start);
    seg.style.width = `max(2px, ${pct(item.seconds)})`;
    seg.dataset.index = index;
    if ("rep" in item) seg.dataset.rep = `${item.run}-${item.rep}`;
    track.appendChild(seg);
  });
  const cursor = el("div", { class: "cursor" });
  track.appendChild(cursor);
  const phases = el("div", { class: "phases" });
  for (const part of timeline.phases) {
    const phase = el("div", { class: "phase", text: part.label, title: `${part.label}: ${seconds(part.end - part.start)}` });
    phase.style.left = pct(part.start);
    phase.style.width = pct(part.end - part.start);
    phases.appendChild(phase);
  }
  const numbers = el("div", { class: "repnums" });
  numbers.setAttribute("aria-hidden", "true");
  const starts = timeline.items.filter((i, n) => "rep" in i && !(n && "rep" in timeline.items[n - 1]
    && timeline.items[n - 1].rep === i.rep && timeline.items[n - 1].run === i.run));
  const every = starts.length > 24 ? 5 : 1; // keep the numbers readable on long sets
  for (const start of starts) {
    if (start.rep % every && start.rep !== 1) continue;
    const number = el("span", { class: "tick", text: String(start.rep) });
    number.style.left = pct(start.start);
    numbers.appendChild(number);
  }
  const axis = el("div", { class: "axis" });
  const step = total > 60 ? 10 : 5;
  for (let s = 0; s <= total * 0.96; s += step) { // no tick squeezed against the end
    const tick = el("span", { class: "tick", text: `${s}s` });
    tick.style.left = pct(s);
    axis.appendChild(tick);
  }
  const reps = new Set(timeline.items.filter((i) => "rep" in i).map((i) => `${i.run}-${i.rep}`)).size;
  const now = el("span", { class: "now", "data-testid": "current-rep", text: "" });
  const play = el("button", { type: "button", class: "small", text: "Play the set" });
  const box = el("figure", { class: "timeline", "data-testid": "timeline" },
    el("figcaption", { class: "muted", text: `A counted reply on a time axis: ${reps} reps, ${seconds(timeline.seconds)} (words estimated at the engine's speaking rate).` }),
    numbers, track, phases, axis, el("div", { class: "controls" }, play, now));
  box.playback = () => playTimeline(timeline, box);
  play.addEventListener("click", () => box.playback());
  return box;
}

function highlight(box, item) {
  for (const seg of box.querySelectorAll(".seg.current")) seg.classList.remove("current");
  const now = box.querySelector(".now");
  const cursor = box.querySelector(".cursor");
  if (!item) { now.textContent = ""; cursor.style.display = "none"; return; }
  cursor.style.display = "block";
  cursor.style.left = `${(100 * item.start / box.total).toFixed(3)}%`;
  if ("rep" in item) {
    for (const seg of box.querySelectorAll(`.seg[data-rep="${item.run}-${item.rep}"]`)) seg.classList.add("current");
    now.textContent = `Rep ${item.rep}` + (item.run > 1 ? ` (part ${item.run})` : "");
  } else if (item.kind === "say") {
    now.textContent = ""; // talk between the reps
  }
}

async function playTimeline(timeline, box) {
  const run = ++speechRun;
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  box.total = timeline.seconds || 1;
  for (const item of timeline.items) {
    if (run !== speechRun) break;
    highlight(box, item);
    if (item.kind === "pause") await sleep(item.seconds * 1000);
    else await utter(item.text, item.seconds);
  }
  if (run === speechRun) highlight(box, null);
}

// ---- Speech -----------------------------------------------------------------------------------

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function utter(text, estimate) {
  return new Promise((resolve) => {
    if (!("speechSynthesis" in window) || !$("speak").checked) {
      setTimeout(resolve, (estimate || 0.4) * 1000); // silent: keep the rhythm on screen
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = $("locale").value;
    // Some browsers never fire onend (no voices installed): don't let the plan stall.
    const guard = setTimeout(resolve, estimate ? 500 + estimate * 1500 : 2000 + text.length * 120);
    utterance.onend = utterance.onerror = () => { clearTimeout(guard); resolve(); };
    window.speechSynthesis.speak(utterance);
  });
}

async function speak(segments) {
  const run = ++speechRun;
  if (!("speechSynthesis" in window)) return;
  window.speechSynthesis.cancel();
  if (!$("speak").checked) return;
  for (const segment of segments) {
    if (run !== speechRun) return;
    if ("pause" in segment) await sleep(segment.pause * 1000);
    else await utter(segment.say);
  }
}

function stopSpeaking() {
  speechRun++;
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
}

// ---- The conversation -----------------------------------------------------------------------

function addLine(item) {
  const empty = $("transcript").querySelector(".empty");
  if (empty) empty.remove();
  const list = $("transcript");
  list.appendChild(item);
  list.scrollTop = list.scrollHeight; // the list scrolls, not the page: the form stays put
}

function replyText(turn) {
  const body = el("p", { class: "said" });
  if (!turn.segments.length) body.append(turn.heard.startsWith("not sent") ? turn.heard : "(no speech)");
  for (const segment of turn.segments) {
    if ("pause" in segment) body.append(" ", el("span", { class: "pause", text: `· ${segment.pause}s ·` }), " ");
    else body.append(segment.say);
  }
  return body;
}

// The server measures it with the engine's own speaking estimate (skill/domain/speech.py).
function spokenLength(turn) {
  return turn.timeline ? turn.timeline.seconds : turn.spoken_seconds;
}

function showTurn(turn, progress) {
  addLine(el("li", { class: "user" }, turn.user, el("span", { class: "meta", text: `heard as ${turn.heard}` })));
  const reply = el("li", { class: "alexa", "data-testid": "reply" });
  let timeline = null;
  if (turn.timeline) {
    // The count is drawn, not written out: the words around it, then the full text on request.
    timeline = drawTimeline(turn.timeline);
    const items = turn.timeline.items;
    const first = items.findIndex((i) => "rep" in i);
    const last = items.length - 1 - [...items].reverse().findIndex((i) => "rep" in i);
    const words = (part) => part.filter((i) => i.kind === "say").map((i) => i.text).join(" ");
    reply.append(
      el("p", { class: "said" }, words(items.slice(0, first)), " ",
        el("em", { text: "[the count: see the timeline]" }), " ", words(items.slice(last + 1))),
      timeline,
      el("details", {}, el("summary", { text: "Full text with pauses" }), replyText(turn)));
  } else {
    reply.append(replyText(turn));
  }
  const length = spokenLength(turn);
  reply.append(el("span", { class: "meta", text: `about ${seconds(length)} of speech` + (turn.reprompt ? ` · if you say nothing: ${turn.reprompt}` : "") }));
  reply.append(turnDetails(turn, progress));
  addLine(reply);
  $("announce").textContent = turn.text || turn.heard;
  $("phase").textContent = turn.phase || "–";
  $("listening").textContent = turn.ended ? "closed (session over)" : "open";
  $("spoken").textContent = turn.segments.length ? seconds(length) : "–";
  showScreen(turn.screen);
  showCard(turn.card);
  showSuggestions(turn.suggestions);
  if (timeline && $("speak").checked) timeline.playback();
  else speak(turn.segments);
}

function showScreen(screen) {
  const box = $("screen");
  box.replaceChildren();
  if ($("device").value === "speaker") {
    box.append(el("p", { class: "muted", text: "A speaker has no screen: switch the device to an Echo Show to see one." }));
    return;
  }
  if (!screen) {
    box.append(el("p", { class: "muted", text: "The screen shows nothing new for this turn." }));
    return;
  }
  const bar = el("div", { class: "bar" }, el("span"));
  bar.firstChild.style.width = screen.progressWidth || "0%";
  box.append(
    el("span", { class: "label", text: "Preview in HTML, from the APL document's data sources" }),
    el("div", { class: "screen", "data-testid": "screen-preview" },
      el("div", {}, el("div", { class: "title", text: screen.title }), el("div", { class: "cue", text: screen.cue })),
      el("div", { class: "counter", text: screen.counter || "" }),
      el("div", {}, bar, el("div", { class: "foot" }, el("span", { text: screen.step || "" }), el("span", { text: screen.progressText || "" })))));
}

function showCard(card) {
  if (!card) return; // the last card stays in the Alexa app
  const box = $("card");
  box.replaceChildren(el("div", { class: "card" },
    el("strong", { text: card.title || card.type }),
    el("span", { text: card.content || card.text || (card.permissions ? `asks for: ${card.permissions.join(", ")}` : "") })));
}

// ---- Progress -------------------------------------------------------------------------------

function dateText(iso) {
  return el("time", { dateTime: iso, text: iso });
}

function showProgress(state) {
  const box = $("progress");
  box.replaceChildren();
  if (!state || !state.available) {
    box.textContent = "The progress store is unavailable right now.";
    return;
  }
  const p = state.panel;
  const facts = el("dl", { class: "facts" });
  const fact = (name, value) => facts.append(el("dt", { text: name }), el("dd", {}, value));
  fact("Today", dateText(p.today));
  fact("Streak", `${p.streak} day${p.streak === 1 ? "" : "s"}`);
  fact("Week", String(p.week));
  fact("Squat target", `${p.target} (ceiling ${p.ceiling})`);
  fact("Tempo", `× ${p.tempo}`);
  fact("Age", p.age ? String(p.age) : "not said");
  fact("Since", p.first_active ? dateText(p.first_active) : "nothing recorded yet");
  const table = el("table", { "data-testid": "moves" });
  table.createCaption().textContent = "Today, in routine order: dose (sets x reps), its adjustment, reps done";
  table.caption.className = "visually-hidden";
  const head = table.createTHead().insertRow();
  for (const [name, cls] of [["Move", ""], ["Dose", ""], ["Adj.", "num"], ["Done", "num"]]) head.append(el("th", { text: name, class: cls, scope: "col" }));
  const body = table.createTBody();
  for (const m of p.moves) {
    const row = body.insertRow();
    row.append(el("td", { text: m.move, class: "nowrap" }), el("td", { text: m.dose }),
      el("td", { class: "num", text: m.adjustment > 0 ? `+${m.adjustment}` : String(m.adjustment) }),
      el("td", { class: "num", text: String(m.today) }));
  }
  box.append(facts, el("div", { class: "scroll" }, table));
  if (p.days.length) {
    const days = el("table", { "data-testid": "days" });
    for (const d of p.days) {
      const row = days.insertRow();
      row.append(el("td", {}, dateText(d.date)), el("td", { class: "num", text: `${d.reps} reps` }));
    }
    box.append(el("h3", { class: "small", text: "Recent days" }), days);
  }
}

function showSuggestions(phrases) {
  const box = $("suggestions");
  box.replaceChildren();
  for (const { say, event } of phrases) {
    const button = el("button", { type: "button", text: say, title: `becomes the engine event "${event}"` });
    button.addEventListener("click", () => send(say));
    box.appendChild(button);
  }
}

// ---- Settings and sessions ------------------------------------------------------------------

function fillSelect(select, choices, value) {
  const entries = Array.isArray(choices) ? choices.map((c) => [c, c]) : Object.entries(choices);
  select.replaceChildren(...entries.map(([key, label]) => el("option", { value: key, text: label })));
  select.value = value;
}

function settings() {
  const clock = $("clock").value;
  return {
    locale: $("locale").value, device: $("device").value, user: $("user").value,
    person: $("person").value, clock: clock || null,
  };
}

async function newSession(chosen) {
  stopSpeaking();
  const data = await api("sessions", chosen || (optionsShown ? settings() : {}));
  sessionId = data.session;
  const s = data.settings;
  if (!optionsShown) {
    fillSelect($("locale"), data.options.locales, s.locale);
    fillSelect($("device"), data.options.devices, s.device);
    fillSelect($("user"), data.options.users, s.user);
    fillSelect($("person"), data.options.persons, s.person);
    optionsShown = true;
  }
  document.documentElement.lang = s.locale;
  $("export").href = `/console/api/export?session=${encodeURIComponent(sessionId)}`;
  $("transcript").replaceChildren(el("li", { class: "empty", text: "New session: say something, or click a suggestion." }));
  $("announce").textContent = "New session started.";
  $("phase").textContent = "–";
  $("listening").textContent = "waiting for you";
  $("spoken").textContent = "–";
  $("card").replaceChildren(el("p", { class: "muted", text: "No card yet." }));
  showScreen(null);
  showSuggestions(data.suggestions);
  showProgress(data.progress);
  showError("");
}

async function send(text) {
  showError("");
  try {
    if (!sessionId) await newSession();
    let data;
    try {
      data = await api("say", { session: sessionId, text });
    } catch (error) {
      if (error.status !== 404) throw error;
      await newSession(); // the server forgot us (restart): carry on in a fresh session
      data = await api("say", { session: sessionId, text });
    }
    showTurn(data.turn, data.progress);
    showProgress(data.progress);
  } catch (error) {
    showError(error.message);
  }
}

function restart() {
  newSession().catch((error) => showError(error.message));
}

function nextDay() {
  const base = $("clock").value ? new Date(`${$("clock").value}:00Z`) : new Date();
  base.setUTCDate(base.getUTCDate() + 1);
  $("clock").value = base.toISOString().slice(0, 16);
  restart();
}

document.addEventListener("DOMContentLoaded", () => {
  $("say-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("utterance").value;
    $("utterance").value = "";
    send(text);
  });
  $("silence").addEventListener("click", () => send(""));
  $("new-session").addEventListener("click", restart);
  $("next-day").addEventListener("click", nextDay);
  for (const id of ["locale", "device", "user", "person", "clock"]) $(id).addEventListener("change", restart);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") stopSpeaking(); });
  restart();
});
