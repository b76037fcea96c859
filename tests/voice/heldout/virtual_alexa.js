// Resolves phrasings with virtual-alexa (npm), an independent exact matcher, against our
// interaction models: for the held-out test (tests/voice/heldout/test_heldout.py).
//
// stdin: {"models": {"en-US": "<path to en-US.json>", ...},
//         "phrasings": [{"locale": "en-US", "text": "ask morning moves to start my workout"}, ...]}
// stdout: one answer per phrasing, in order: {"launch": true}, or
//         {"intent": "StartMoveIntent", "slots": {"move": "squats"}} (value ids where resolved).
//
// A phrasing that names the skill goes through virtual-alexa's own invocation parsing; any other
// is matched as said within a session. What matches nothing is AMAZON.FallbackIntent, as on a
// device (virtual-alexa itself throws instead).
"use strict";

const fs = require("fs");
const path = require("path");
const { VirtualAlexa } = require("virtual-alexa");
const { Utterance } = require("virtual-core");

const NAMES_THE_SKILL = /^(ask|open|launch|talk to|tell) morning moves\b/;

function slotValues(envelope) {
  const slots = (envelope.request.intent && envelope.request.intent.slots) || {};
  const values = {};
  for (const [name, slot] of Object.entries(slots)) {
    if (slot.value === undefined) continue;
    const authorities = (slot.resolutions && slot.resolutions.resolutionsPerAuthority) || [];
    const matched = authorities.find((a) => a.status.code === "ER_SUCCESS_MATCH");
    values[name] = matched ? matched.values[0].value.id : slot.value;
  }
  return values;
}

function resolve(alexa, text) {
  let said = text;
  if (NAMES_THE_SKILL.test(text)) {
    const parsed = alexa.parseLaunchRequest(text);
    if (parsed === true) return { launch: true };
    said = parsed;
  }
  const utterance = new Utterance(alexa.context().interactionModel(), said);
  if (!utterance.matched()) return { intent: "AMAZON.FallbackIntent", slots: {} };
  const envelope = alexa.request().intent(utterance.intent()).slots(utterance.toJSON()).json();
  return { intent: utterance.intent(), slots: slotValues(envelope) };
}

function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const skills = {};
  for (const [locale, file] of Object.entries(input.models)) {
    skills[locale] = VirtualAlexa.Builder()
      .interactionModelFile(file)
      .handler(path.join(__dirname, "virtual_alexa.handler"))
      .locale(locale)
      .create();
  }
  const answers = input.phrasings.map((p) => resolve(skills[p.locale], p.text));
  process.stdout.write(JSON.stringify(answers));
}

// The builder wants a skill to send requests to; nothing is sent to it here.
exports.handler = (event, context, callback) => callback(null, {});

if (require.main === module) main();
