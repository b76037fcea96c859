// Morning Moves local console: talks to /console/api/*, shows and speaks the replies.
"use strict";

const $ = (id) => document.getElementById(id);
let sessionId = null;
let speechRun = 0;

async function api(path, body) {
  const options = body === undefined
    ? { method: "GET" }
    : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const reply = await fetch(`/console/api/${path}`, options);
  const data = await reply.json().catch(() => ({ error: `HTTP ${reply.status}` }));
  if (!reply.ok) throw Object.assign(new Error(data.error || `HTTP ${reply.status}`), { status: reply.status });
  return data;
}

function showError(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function addLine(who, build) {
  const item = document.createElement("li");
  item.className = who;
  build(item);
  $("transcript").appendChild(item);
  item.scrollIntoView({ block: "end" });
}

function addMeta(item, text) {
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = text;
  item.appendChild(meta);
}

function showTurn(turn) {
  addLine("user", (item) => {
    item.textContent = turn.user;
    addMeta(item, `heard as ${turn.heard}`);
  });
  addLine("alexa", (item) => {
    item.dataset.testid = "reply";
    if (!turn.segments.length) item.append("(no speech)");
    for (const segment of turn.segments) {
      if ("pause" in segment) {
        const chip = document.createElement("span");
        chip.className = "pause";
        chip.textContent = `pause ${segment.pause}s`;
        item.append(" ", chip, " ");
      } else {
        item.append(segment.say);
      }
    }
    if (turn.reprompt) addMeta(item, `if you say nothing: ${turn.reprompt}`);
  });
  $("phase").textContent = turn.phase || "–";
  $("listening").textContent = turn.ended ? "closed (session over)" : "open";
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function utter(text) {
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    // Some browsers never fire onend (no voices installed): don't let the plan stall.
    const guard = setTimeout(resolve, 2000 + text.length * 120);
    utterance.onend = utterance.onerror = () => { clearTimeout(guard); resolve(); };
    window.speechSynthesis.speak(utterance);
  });
}

// Speak the reply segment by segment, waiting out each pause as Alexa would.
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

function moveName(id) {
  return String(id).replace(/_/g, " ");
}

function showProgress(state) {
  const box = $("progress");
  box.replaceChildren();
  if (!state.available) {
    box.textContent = "The progress store is unavailable right now.";
    return;
  }
  const progress = state.progress || {};
  const days = [...(progress.days || [])].reverse().slice(0, 7);
  const profile = progress.profile || {};
  const facts = document.createElement("p");
  facts.textContent = progress.first_active
    ? `With us since ${progress.first_active}.` + (profile.age ? ` Age ${profile.age}.` : "")
    : "Nothing recorded yet: finish a move and it shows up here.";
  box.appendChild(facts);
  if (!days.length) return;
  const table = document.createElement("table");
  for (const day of days) {
    const row = table.insertRow();
    row.insertCell().textContent = day.local_date;
    row.insertCell().textContent = Object.entries(day.reps || {})
      .map(([move, reps]) => `${moveName(move)} ${reps}`).join(", ");
  }
  box.appendChild(table);
}

function showSuggestions(phrases) {
  const box = $("suggestions");
  box.replaceChildren();
  for (const phrase of phrases) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = phrase;
    button.addEventListener("click", () => send(phrase));
    box.appendChild(button);
  }
}

async function newSession() {
  speechRun++;
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  const data = await api("sessions", {});
  sessionId = data.session;
  $("transcript").replaceChildren();
  $("phase").textContent = "–";
  $("listening").textContent = "waiting for you";
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
    showTurn(data.turn);
    showProgress(data.progress);
    speak(data.turn.segments);
  } catch (error) {
    showError(error.message);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("say-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("utterance").value;
    $("utterance").value = "";
    send(text);
  });
  $("silence").addEventListener("click", () => send(""));
  $("new-session").addEventListener("click", () => newSession().catch((e) => showError(e.message)));
  newSession().catch((error) => showError(error.message));
});
