"""English: one book for every English locale (en-US, en-GB, en-AU, en-CA, en-IN).

Facts come from the source article (GUIDE.md §1); every sentence is written in our own words.
A `{field}` is filled in by the code that says the line (str.format syntax).
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.domain.ids import MomentId, MoveId
from skill.domain.numbers import TENS, UNITS
from skill.domain.words.phrases import LevelWords, MomentWords, MoveWords, Phrase, PhraseId

LINES: Mapping[PhraseId, str] = {
    # lists
    Phrase.LIST_SEPARATOR: ", ",
    Phrase.LIST_LAST: "{first} and {last}",
    Phrase.LIST_OR: "{first} or {last}",
    # greetings, help and hints
    Phrase.SEE_YOU: "See you tomorrow.",
    Phrase.NOT_MEDICAL: "I'm a coach, not a doctor, so stop if anything hurts.",
    Phrase.START_HINT: "Say start my morning moves, or name one move, like squats.",
    Phrase.HELP_IDLE: "I coach {count} quick strength moves and count the reps out loud for you.",
    Phrase.HELP_COACHING: (
        "While we train, say next when you're ready, pause for a break, repeat to go again, "
        "skip to move on, slower or faster for the pace, explain for the form, or how many "
        "left. Ask how am I doing any time, or say stop to finish."
    ),
    Phrase.HELP_FEEDBACK: "Tell me how that felt, in a word, and I'll adjust it next time.",
    Phrase.HELP_MOMENTS: "For a quick moment, say {moments}.",
    Phrase.HELP_GENTLE: "For seated, supported versions, say gentle moves.",
    Phrase.HELP_MORE: (
        "Ask how am I doing, say I'm 42 to set your squat goal, "
        "or say remind me every day at seven."
    ),
    Phrase.WELCOME_NEW: (
        "Welcome to Morning Moves. I coach {count} quick strength moves for runners: "
        "{moves}, and I count the reps out loud for you."
    ),
    Phrase.WELCOME_BACK: "Welcome back to Morning Moves.",
    Phrase.HELLO_NAME: "Hello, {name}.",
    Phrase.YOUR_OWN_PROGRESS: "I know your voice, so the progress you make here is yours alone.",
    Phrase.NAME_NOT_USED: "All right, I won't use your name.",
    Phrase.STREAK: "You're on a {days} day streak.",
    Phrase.LAUNCH_STREAK: "You're on a {days} day streak: today makes it {next}.",
    Phrase.LAUNCH_YESTERDAY: "You trained yesterday, so today makes it two days in a row.",
    Phrase.TODAYS_SQUATS: "Today's squats: {target}.",
    Phrase.SHALL_WE_START: "Shall we start your morning moves?",
    # a move's dose and introduction
    Phrase.DOSE_IN_SETS: "{total} {name} in {sets} sets",
    Phrase.DOSE_SETS_OF: "{sets} sets of {reps} {name}",
    Phrase.REPS_OF: "{reps} {name}",
    Phrase.DOSE_EACH_LEG: "{amount} on each leg",
    Phrase.DOSE_ALTERNATE: "{amount}, swapping legs each time",
    Phrase.DOSE_HOLD: "{amount}, holding for {seconds:g} seconds at the top",
    Phrase.INTRO_ONLY: "Let's do {name}.",
    Phrase.INTRO_FIRST: "First up, {name}.",
    Phrase.INTRO_LAST: "Last one, {name}.",
    Phrase.INTRO_NEXT: "Next, {name}.",
    Phrase.INTRO_TODAY: "Today, {dose}.",
    Phrase.EXPLAIN_HOW: "Here's how to do {name}.",
    Phrase.EXPLAIN_WHY: "Why it helps: {why}",
    # after a set, and how much is left
    Phrase.BREATHER: "Have a breather, and say next for set {set_no}.",
    Phrase.LAST_SET_OF_MOVE: "That's your last set of {name}. Say next when you're ready.",
    Phrase.LAST_SET_OF_ROUTINE: "That's the last one. Say next to finish.",
    Phrase.ONE_MORE_MOVE: "one more move",
    Phrase.MORE_MOVES: "{count} more moves",
    Phrase.ONE_MORE_SET: "One more set",
    Phrase.MORE_SETS: "{count} more sets",
    Phrase.LAST_SET_ALL_DONE: "That was the last set of {name}, and the last move. You're done.",
    Phrase.LAST_SET_MOVES_TO_GO: "That was the last set of {name}. {to_go} to go: {names}.",
    Phrase.SETS_LEFT_THEN_DONE: "{sets_left} of {name}, and then you're done.",
    Phrase.SETS_LEFT_THEN_MOVES: "{sets_left} of {name}, then {to_go}: {names}.",
    # progress and age
    Phrase.NO_STREAK: "No streak yet. Today is a good day to start one.",
    Phrase.GOOD_TO_HAVE_YOU_BACK: "Good to have you back.",
    Phrase.LAST_WORKOUT_ON: "Your last workout was on {weekday}, so today starts a fresh streak.",
    Phrase.LAST_WORKOUT_DAYS_AGO: (
        "Your last workout was {days} days ago, so today starts a fresh streak."
    ),
    Phrase.MONDAY: "Monday",
    Phrase.TUESDAY: "Tuesday",
    Phrase.WEDNESDAY: "Wednesday",
    Phrase.THURSDAY: "Thursday",
    Phrase.FRIDAY: "Friday",
    Phrase.SATURDAY: "Saturday",
    Phrase.SUNDAY: "Sunday",
    Phrase.TRAINED_YESTERDAY: "You trained yesterday.",
    Phrase.KEEP_STREAK_GOING: "Do today's moves to make it {days} days in a row.",
    Phrase.FIRST_DAY_OF_STREAK: "You've trained today: that's day one of a streak.",
    Phrase.STREAK_TODAY_INCLUDED: "You're on a {days} day streak, today included.",
    Phrase.THIS_WEEK: "This week so far: {totals}.",
    Phrase.SQUAT_TARGET: "Today's squat target is {target}.",
    Phrase.ASK_AGE: "Tell me your age, for example say I'm 42, and I'll set your squat goal.",
    Phrase.BIRTHDAY_REACHED: (
        "You've reached {goal} squats a day, the number of your next big birthday."
    ),
    Phrase.BIRTHDAY_AHEAD: (
        "Your next big birthday is {goal}, so you're {gap} squats a day away from {goal}."
    ),
    Phrase.AGE_SET: (
        "Got it, you're {age}. Your next big birthday is {goal}, so your squats will build a "
        "little each week towards {goal} a day. Today's target is {target}."
    ),
    Phrase.BIRTHDAY_SET: (
        "Got it: your next big birthday is {goal}, so your squats will build a little each "
        "week towards {goal} a day. Today's target is {target}."
    ),
    # feedback
    Phrase.FEEDBACK_QUESTION: "How did that feel? Say easy, hard, or about right.",
    Phrase.FEEDBACK_EASY: "Great, I'll make it a little harder next time.",
    Phrase.FEEDBACK_HARD: "Thanks for telling me. I'll ease off a little next time.",
    Phrase.FEEDBACK_RIGHT: "Perfect, we'll keep it just like that.",
    Phrase.FEEDBACK_EASY_AT_LIMIT: (
        "You're already at the top of the plan there, so we'll keep it as it is."
    ),
    Phrase.FEEDBACK_HARD_AT_LIMIT: (
        "That's already the gentlest version, so we'll keep it as it is. Do stop if anything hurts."
    ),
    # the end of a plan
    Phrase.ALL_DONE: "That's all {count} moves done. Brilliant work.",
    Phrase.SOME_DONE: "That's {names} done. Nice work.",
    Phrase.NONE_DONE: "That's the end of the list.",
    # the session's prompts and replies
    Phrase.PROMPT_READY: "Say next when you're ready for {name}, or skip.",
    Phrase.PROMPT_COUNTED: "Say next when you're ready, or repeat to do that set again.",
    Phrase.PROMPT_PAUSED: "Say resume when you're ready to carry on, or stop to finish.",
    Phrase.PROMPT_CONFIRM_FORGET: "Say yes to delete everything, or no to keep it.",
    Phrase.HERE_WE_GO: "Here we go: {count} moves.",
    Phrase.WHICH_MOVE: "Which move would you like? {names}?",
    Phrase.WHICH_MOMENT: "Which moment? {names}?",
    Phrase.WHICH_MOVE_TO_EXPLAIN: "Which move shall I explain? {names}?",
    Phrase.AGE_NOT_HEARD: "Sorry, I didn't get your age. Say, for example, I'm 42.",
    Phrase.HOW_DID_IT_FEEL: "How did it feel?",
    Phrase.FEEDBACK_TOO_EARLY: "Thanks. Tell me again after a move, and I'll adjust it.",
    Phrase.CONFIRM_FORGET: (
        "That deletes your streak, your age and all your history, and it can't be undone. "
        "Are you sure?"
    ),
    Phrase.STOP_UNCOUNTED: "Stopping there, so I won't count that set of {name}.",
    Phrase.YOU_DID: "You did {names}.",
    Phrase.WELL_DONE: "Well done today.",
    Phrase.NOT_CAUGHT: "Sorry, I didn't catch that.",
    Phrase.SLOWEST: "That's as slow as I go.",
    Phrase.QUICKEST: "That's as quick as I go.",
    Phrase.SLOWER: "Slower it is.",
    Phrase.QUICKER: "A bit quicker, then.",
    Phrase.TAKE_SET_AGAIN: "Let's take that set again.",
    Phrase.EVERYTHING_DONE: "That's everything for today.",
    Phrase.NOT_STARTED: "We haven't started a move yet.",
    Phrase.YOUR_MOVES: "Your morning moves are {names}.",
    Phrase.DECLINED: (
        "No problem. You can pick a single move, like squats, or a moment, like "
        "brushing my teeth. Or say stop."
    ),
    Phrase.LOVELY: "Lovely.",
    Phrase.MOVE_DONE: "That's {name} done.",
    Phrase.NO_RUSH: "No rush.",
    Phrase.PAUSED: "Paused. Take your time.",
    Phrase.STILL_PAUSED: "Still paused.",
    Phrase.WELCOME_BACK_FROM_PAUSE: "Welcome back.",
    Phrase.ONCE_MORE: "Once more.",
    Phrase.SKIPPING: "Skipping {name}.",
    Phrase.FROM_THE_TOP: "From the top.",
    Phrase.STARTING_AGAIN: "Starting again from the top.",
    Phrase.NEXT_SET: "Next is set {set_no} of {sets} of {name}.",
    Phrase.NEXT_DOSE: "Next is {dose}.",
    Phrase.NEXT_MOVE: "Next is {name}.",
    Phrase.LAST_MOVE: "This is the last move. After {name}, you're done.",
    Phrase.IN_A_WORD: "Tell me in a word.",
    Phrase.FORGOTTEN: (
        "Done. I've deleted your progress and settings. If you come back, we'll start "
        "fresh. Goodbye."
    ),
    Phrase.KEPT: "Okay, I've kept everything.",
    # counting a set
    Phrase.COUNTDOWN_READY: "Ready?",
    Phrase.COUNTDOWN_NUMBER: "{number},",
    Phrase.COUNTDOWN_GO: "go.",
    Phrase.HALFWAY_1: "Halfway, lovely.",
    Phrase.HALFWAY_2: "Halfway there.",
    Phrase.HALFWAY_3: "Half done, steady.",
    Phrase.RIGHT: "right",
    Phrase.LEFT: "left",
    Phrase.FIRST_BEAT: "{number}, {word}",
    Phrase.FIRST_BEAT_SIDE: "{number}, {side} leg {word}",
    Phrase.SET_OF: "Set {set_no} of {sets}.",
    Phrase.SET_TOTAL: "And that's {total}.",
    Phrase.BEAT_LIFT: "lift",
    Phrase.BEAT_LOWER: "lower",
    Phrase.BEAT_DOWN: "down",
    Phrase.BEAT_UP: "up",
    Phrase.BEAT_RISE: "rise",
    Phrase.BEAT_HOLD: "hold",
    Phrase.BEAT_BACK: "back",
    Phrase.BEAT_SIT: "sit",
    Phrase.BEAT_IN: "in",
    Phrase.BEAT_AND_UP: "and up",
    Phrase.BEAT_LOWER_SLOWLY: "lower slowly",
    Phrase.BEAT_SLOWLY_DOWN: "slowly down",
    # the home card
    Phrase.CARD_TITLE: "Morning Moves: today's workout",
    Phrase.CARD_NOT_MEDICAL: (
        "Morning Moves is a coaching aid, not medical advice. Stop if anything hurts."
    ),
    Phrase.CARD_ITEM: "{title} {reps}",
    Phrase.CARD_TODAY: "Today: {reps}.",
    Phrase.CARD_WARM_UP: "a warm-up",
    Phrase.CARD_STREAK: "Streak: {days} days in a row.",
    Phrase.CARD_STREAK_FIRST: "Streak: day 1. Come back tomorrow to make it two.",
    Phrase.CARD_TOMORROW: "Tomorrow's plan:",
    Phrase.CARD_PLAN_ITEM: "- {dose}",
    # the screen
    Phrase.APP_TITLE: "Morning Moves",
    Phrase.SCREEN_REP: "Rep {rep} of {reps}",
    Phrase.SCREEN_REPS: "{reps} reps",
    Phrase.SCREEN_SET: "Set {set_no} of {sets}",
    Phrase.SCREEN_SIDE: "{side} leg",
    Phrase.SCREEN_MOVE: "Move {number} of {total}",
    Phrase.SCREEN_PROGRESS: "Routine {percent}% done",
    # reminders
    Phrase.NOON: "noon",
    Phrase.MIDNIGHT: "midnight",
    Phrase.AM: "a.m.",
    Phrase.PM: "p.m.",
    Phrase.CLOCK_HOUR: "{hour} {suffix}",
    Phrase.CLOCK_MINUTES: "{hour}:{minute:02d} {suffix}",
    Phrase.REMINDER_TEXT: (
        "Time for your morning moves. {count} quick moves before you get dressed."
    ),
    Phrase.REMINDER_OFFER: (
        "One more thing: moves stick best when they have a fixed moment in your day. "
        "Shall I remind you every day at {time}?"
    ),
    Phrase.REMINDER_OFFER_REPROMPT: "Would you like a daily reminder at {time}? Say yes or no.",
    Phrase.REMINDER_DECLINED: (
        "No problem, I won't ask again. If you change your mind, say remind me every day at seven."
    ),
    Phrase.REMINDER_SET: "Done. I'll remind you every day at {time} to do your morning moves.",
    Phrase.REMINDER_CHANGED: "Okay, your daily reminder is now at {time}",
    Phrase.REMINDER_NONE_TO_CANCEL: (
        "You have no Morning Moves reminder, so there was nothing to cancel."
    ),
    Phrase.REMINDER_CANCELLED: "Okay, I've cancelled your daily reminder.",
    Phrase.REMINDER_NONE: (
        "You have no Morning Moves reminder. Say remind me every day at seven to set one."
    ),
    Phrase.REMINDER_ONE: "You have a daily reminder at {time}",
    Phrase.REMINDER_MANY: "You have daily reminders at {times}",
    Phrase.REMINDER_WHICH_TIME: "What time should I remind you? For example, say seven a.m.",
    Phrase.REMINDER_PERMISSION_CARD: (
        "To set reminders I need your permission. "
        "I've sent a card to your Alexa app where you can allow it."
    ),
    Phrase.REMINDER_PERMISSION_DENIED: (
        "Okay, no reminder. You can allow reminders for Morning Moves in the Alexa app "
        "whenever you like."
    ),
    Phrase.REMINDER_FAILED: (
        "Sorry, I couldn't reach your reminders just now. Please try again later."
    ),
    Phrase.REMINDER_CARRY_ON: "What would you like to do next?",
    # gentle moves
    Phrase.GENTLE_HERE_WE_GO: "Here are your gentle moves: {count} of them, seated or holding on.",
    Phrase.GENTLE_SAFETY: (
        "Go gently: stop if anything hurts or you feel dizzy, and sit down straight away if you "
        "feel light-headed."
    ),
    Phrase.GENTLE_HINT: "For seated and supported versions of the moves, say gentle moves.",
    Phrase.GENTLE_READY: "Your gentle moves are ready.",
    Phrase.GENTLE_CHOSEN: (
        "Gentle moves it is: seated and supported versions of the same {count} moves. "
        "I'll keep to them until you ask for the standard moves."
    ),
    Phrase.STANDARD_CHOSEN: "Back to the standard moves. I'll keep to them from now on.",
    Phrase.GENTLE_ALREADY: "You're on the gentle moves already.",
    Phrase.STANDARD_ALREADY: "You're on the standard moves already.",
    Phrase.SWITCHING_TO_GENTLE: "Let's do the gentle version instead.",
    Phrase.SWITCHING_TO_STANDARD: "Let's do the standard version instead.",
    Phrase.GRADUATE_OFFER: (
        "You've done the top of your gentle moves on {days} days now. Would you like to try the "
        "standard moves today? You can always come back to gentle."
    ),
    Phrase.GRADUATE_OFFER_REPROMPT: "Would you like to try the standard moves today? Yes or no?",
    Phrase.GRADUATE_YES: (
        "Brilliant, the standard moves it is. Keep a counter or a chair close while they're new."
    ),
    Phrase.GRADUATE_NO: "No problem, we'll stay gentle, and I won't ask again for a while.",
    # when something went wrong on our side
    Phrase.SORRY: "Sorry, something went wrong on my side. Let's try that again.",
    Phrase.SORRY_REPROMPT: "Say next to carry on, or stop to finish.",
}

_RIGHT_LEG_FIRST = "Right leg first."
_SWAP_LEGS = "Swap legs every rep, starting with your right."

MOVES: Mapping[MoveId, MoveWords] = {
    MoveId.TOE_TAPS: MoveWords(
        name="toe taps",
        title="Toe taps",
        summary="Balancing on one leg, you lift the other knee high and tap that toe back down.",
        cues=(
            "Stand tall with your feet together and your hands on your hips.",
            "Rest the toes of one foot lightly on the floor.",
            "Drive that knee up until your opposite hand can touch the inside of it.",
            "Point your toes at the ceiling, so hip, knee and ankle each make a right angle.",
            "Lower until your toe just brushes the floor, then lift the same leg again.",
        ),
        quick_cue="Knee up to meet the opposite hand, toes pointing at the ceiling.",
        why=(
            "Running is a long chain of hops from one leg to the other, so balance and strength "
            "on a single leg pay off in every stride. Toe taps also wake up your hip flexors, "
            "which makes them a good warm-up before a run."
        ),
        levels=(
            LevelWords(
                support="Hold a kitchen counter or the back of a chair if you need to.",
                set_cue=_RIGHT_LEG_FIRST,
            ),
            LevelWords(
                news="From today, toe taps without holding on.",
                form="Hands on your hips, and settle your balance over the standing foot "
                "before each lift.",
                support="Keep the counter within reach in case you wobble.",
                set_cue=_RIGHT_LEG_FIRST,
            ),
            LevelWords(
                news="From today, an extra set of toe taps.",
                form="Same taps, one more set: keep the last knee lift as high as the first.",
                set_cue=_RIGHT_LEG_FIRST,
            ),
            LevelWords(
                news="From today, one more set of toe taps again.",
                form="Stay tall right through the last set, toes still pointing up.",
                set_cue=_RIGHT_LEG_FIRST,
            ),
        ),
        progression="Add sets of ten, and work towards balancing without holding on.",
        switch="Now your left leg.",
    ),
    MoveId.SQUATS: MoveWords(
        name="squats",
        title="Squats",
        summary="Sit your hips back as if onto a chair, then stand tall again.",
        cues=(
            "Stand with your feet a little wider than your hips, toes turned out a touch.",
            "Brace your tummy, lift your chest and keep your back flat.",
            "Bring your palms together in front of your chest.",
            "Push your hips back and bend your knees, as if sitting down onto a chair.",
            "Keep your weight in your heels, so you could wiggle your toes at the bottom.",
        ),
        quick_cue="Chest up, hips back, weight in your heels.",
        why=(
            "A squat teaches the hip hinge that powers every stride, and it works nearly every "
            "big muscle you run with. It is also the move you need to sit down and stand up "
            "for the rest of your life."
        ),
        levels=(
            LevelWords(support="Squat towards a real chair behind you if you would like a target."),
        ),
        progression=(
            "Start with ten a day, then add a few more each week until you reach the age of "
            "your next big birthday."
        ),
    ),
    MoveId.HEEL_RISES: MoveWords(
        name="heel rises",
        title="Heel rises",
        summary="Rise slowly up onto your tiptoes, then lower just as slowly.",
        cues=(
            "Stand with your feet hip-width apart on a flat floor, hands on your waist or "
            "resting lightly on something steady.",
            "Picture a balloon tied to the top of your head, drawing you up through your spine.",
            "Let it lift your heels until you are high on your tiptoes.",
            "Lower your heels as slowly as you rose: smooth and steady, no wobbles.",
        ),
        quick_cue="Grow tall, rise smoothly, and lower just as slowly.",
        why=(
            "Every running step rolls your foot through to a push off the toes. Stronger calves "
            "and steadier ankles put more power into that push."
        ),
        levels=(
            LevelWords(support="Rest your fingertips on a counter or a wall."),
            LevelWords(
                news="From today, more heel rises, and try them without holding on.",
                form="Hands on your waist: let the balloon lift you, and stay tall on the way "
                "down.",
                support="Keep a counter within reach in case you wobble.",
            ),
            LevelWords(
                news="From today, heel rises on one foot at a time.",
                form="Lift one foot just off the floor, rise on the other, and lower as slowly "
                "as you rose.",
                support="Hold the counter or a wall with one hand: on one foot, balance is the "
                "hard part.",
                set_cue="Right foot first: lift your left foot, and keep a hand on the counter.",
            ),
            LevelWords(
                news="From today, one-foot heel rises without holding on.",
                form="Stand on one foot with your hands on your waist, and rise with no wobbles.",
                support="Keep the counter within reach, and touch it whenever you wobble.",
                set_cue="Right foot first: lift your left foot, with the counter within reach.",
            ),
        ),
        progression="When two feet feel rock steady, lift one foot and rise on the other.",
        switch="Now your left foot, lifting your right.",
    ),
    MoveId.GLUTE_BRIDGE: MoveWords(
        name="glute bridges",
        title="Glute bridge",
        summary="Lying on your back, lift your hips into a straight line, hold, and lower.",
        cues=(
            "Lie on your back, knees bent, feet flat and about a hand-span apart, "
            "arms by your sides.",
            "Squeeze your bottom and your tummy.",
            "Press through your heels and raise your hips until shoulders, hips and knees make "
            "one straight line.",
            "Hold it there, then lower slowly back down.",
        ),
        quick_cue="Squeeze, press through your heels, and make a straight line.",
        why=(
            "It wakes up your glutes, which often doze even in runners, frees up the hips and "
            "teaches your core to keep your spine in line."
        ),
        levels=(
            LevelWords(support="Keep your arms flat on the floor beside you for stability."),
            LevelWords(
                news="From today, more glute bridges and a longer hold at the top.",
                form="Keep squeezing all through the hold, so your hips stay high and level.",
                support="Press your arms into the floor to keep the hold steady.",
            ),
            LevelWords(
                news="From today, more glute bridges in each set.",
                form="Lower with control every time, and don't let the line sag as you tire.",
                support="Arms flat beside you, palms down.",
            ),
            LevelWords(
                news="From today, an even longer hold at the top of each bridge.",
                form="Breathe steadily through the hold, shoulders, hips and knees in one line.",
                support="Your arms on the floor are your stabilisers: keep them flat.",
            ),
        ),
        progression="To build up, add reps or hold a little longer at the top.",
    ),
    MoveId.REVERSE_LUNGE: MoveWords(
        name="reverse lunges",
        title="Reverse lunge",
        summary="Step one foot back, sink that knee towards the floor, then push back up.",
        cues=(
            "Stand with your feet together, hands on your hips or on something steady.",
            "Step one foot back about two feet, landing on the ball of the foot, heel up.",
            "Brace your bottom and core, and bend both knees to lower the back knee "
            "towards the floor.",
            "Keep your front knee stacked over your front foot.",
            "Push through your front heel to bring the back foot home.",
        ),
        quick_cue="Step back onto the ball of the foot, front knee over front foot.",
        why=(
            "Changing your base of support on every rep trains balance, core and single-leg "
            "strength together, and stepping backwards is kinder to the knees."
        ),
        levels=(
            LevelWords(
                support="Hold a counter or the back of a chair while you learn it.",
                set_cue=_SWAP_LEGS,
            ),
            LevelWords(
                news="From today, reverse lunges without holding on.",
                form="Hands on your hips: step back, lower slowly, and push through your front "
                "heel to come home.",
                support="Keep a chair within reach for the first few.",
                set_cue=_SWAP_LEGS,
            ),
            LevelWords(
                news="From today, more reverse lunges.",
                form="Keep every lowering slow, even as the reps add up.",
                set_cue=_SWAP_LEGS,
            ),
            LevelWords(
                news="From today, more reverse lunges again.",
                form="Stay tall between reps, front knee over front foot to the very last.",
                set_cue=_SWAP_LEGS,
            ),
        ),
        progression="When you feel steady, let go of the support.",
    ),
}

# The gentle variants of the same patterns (catalogue.GENTLE_MOVES), by the pattern's id.
GENTLE_MOVES: Mapping[MoveId, MoveWords] = {
    MoveId.TOE_TAPS: MoveWords(
        name="seated knee lifts",
        title="Seated knee lifts",
        summary="Sitting tall on a chair, lift one knee, then set that foot softly back down.",
        cues=(
            "Sit tall near the front of a steady chair, feet flat and hip-width apart.",
            "Rest your hands on the sides of the seat.",
            "Lift one knee a few inches, keeping your back tall.",
            "Set the foot down softly, then lift the same knee again.",
        ),
        quick_cue="Sit tall, lift the knee, and set the foot down softly.",
        why=(
            "Lifting the knee works the hip flexors, the muscles toe taps wake up, without "
            "balancing on one leg. It is the first step towards standing toe taps."
        ),
        levels=(
            LevelWords(
                support="Hold the sides of the seat if you'd like to feel steadier.",
                set_cue="Right knee first.",
            ),
            LevelWords(
                news="From today, a few more knee lifts.",
                form="Lift a touch higher if it feels fine, with your back still tall.",
                support="Keep your hands on the sides of the seat for steadiness.",
                set_cue="Right knee first.",
            ),
            LevelWords(
                news="From today, more knee lifts again.",
                form="Let each foot land softly, even as the lifts add up.",
                support="Hold the seat whenever you need to.",
                set_cue="Right knee first.",
            ),
            LevelWords(
                news="From today, two sets of knee lifts.",
                form="Same lifts, one more set: sit tall right to the end.",
                support="Keep your hands by the seat, ready to steady you.",
                set_cue="Right knee first.",
            ),
        ),
        progression="Add a few lifts at a time, then try the toe taps standing at the counter.",
        switch="Now your left knee.",
    ),
    MoveId.SQUATS: MoveWords(
        name="sit-to-stands",
        title="Sit-to-stand",
        summary="From a steady chair, stand all the way up, then sit back down slowly.",
        cues=(
            "Sit near the front of a steady chair that can't slide, feet flat and a little apart.",
            "Lean forward a little with your chest lifted, and press through your heels to "
            "stand up tall.",
            "Use the armrests or your thighs to help if you need them.",
            "Push your hips back and lower yourself slowly until you are sitting again.",
        ),
        quick_cue="Lean forward, press through your heels, and sit down slowly.",
        why=(
            "It is the squat with a chair to catch you, and the move everyone needs to get up "
            "from a seat or the toilet. It works nearly every big muscle in your legs."
        ),
        levels=(
            LevelWords(support="Use a chair with armrests, set against a wall so it can't slide."),
            LevelWords(
                news="From today, a few more sit-to-stands.",
                form="Try to use your hands a little less on the way up.",
                support="Keep the chair against the wall, with the armrests in reach.",
            ),
            LevelWords(
                news="From today, more sit-to-stands again.",
                form="Sit down more slowly than you stand up: that is where the strength grows.",
                support="The armrests or your thighs are still there to help you up.",
            ),
            LevelWords(
                news="From today, the most sit-to-stands of the gentle plan.",
                form="Stand up tall each time, and touch down softly instead of dropping.",
                support="A steady chair against the wall, every time.",
            ),
        ),
        progression="Add a few each week, and when twelve feel easy, try the standard squats.",
    ),
    MoveId.HEEL_RISES: MoveWords(
        name="supported heel rises",
        title="Supported heel rises",
        summary="Holding the counter, rise slowly onto your tiptoes and lower just as slowly.",
        cues=(
            "Stand facing a kitchen counter, feet hip-width apart, both hands resting on it.",
            "Grow tall, and lift your heels until you are up on your toes.",
            "Lower your heels slowly back to the floor.",
        ),
        quick_cue="Hands on the counter, rise tall, and lower slowly.",
        why=(
            "Stronger calves and steadier ankles make every step surer, and holding on lets you "
            "work them without worrying about balance."
        ),
        levels=(
            LevelWords(support="Keep both hands on the counter the whole time."),
            LevelWords(
                news="From today, a few more supported heel rises.",
                form="Rise a little higher each time, staying tall through your spine.",
                support="Both hands stay on the counter.",
            ),
            LevelWords(
                news="From today, more heel rises again.",
                form="Lower as slowly as you rose, with no bump at the bottom.",
                support="Keep both hands resting on the counter.",
            ),
            LevelWords(
                news="From today, the most heel rises of the gentle plan.",
                form="Keep the rises even from first to last, your weight over your big toes.",
                support="Hands stay on the counter, however steady you feel.",
            ),
        ),
        progression="Add a few rises at a time, then rest only your fingertips on the counter.",
    ),
    MoveId.GLUTE_BRIDGE: MoveWords(
        name="standing hip extensions",
        title="Standing hip extension",
        summary=(
            "Holding the counter, squeeze your bottom and take one straight leg back a little, "
            "hold, and bring it in."
        ),
        cues=(
            "Stand facing a counter, holding it with both hands, feet together.",
            "Squeeze your bottom and tighten your tummy.",
            "Keep the leg straight and take it back a few inches, without leaning forward or "
            "arching your back.",
            "Hold it there, then bring it back in beside the other foot.",
        ),
        quick_cue="Squeeze your bottom, stay tall, and take the leg back only a little.",
        why=(
            "Like the glute bridge, it wakes up your glutes and teaches your core to keep your "
            "back steady, with no need to get down onto the floor."
        ),
        levels=(
            LevelWords(
                support="Hold the counter with both hands throughout.",
                set_cue="Right leg first.",
            ),
            LevelWords(
                news="From today, a few more hip extensions.",
                form="Squeeze your bottom before the leg moves, not after.",
                support="Both hands on the counter.",
                set_cue="Right leg first.",
            ),
            LevelWords(
                news="From today, more hip extensions again.",
                form="Keep your back still: the leg goes back only as far as it can without "
                "arching.",
                support="Hold the counter with both hands.",
                set_cue="Right leg first.",
            ),
            LevelWords(
                news="From today, the most hip extensions of the gentle plan.",
                form="Hold each one steady, and bring the leg in slowly.",
                support="Both hands on the counter, all the way through.",
                set_cue="Right leg first.",
            ),
        ),
        progression="Add a few reps at a time, then try the glute bridge on your bed.",
        switch="Now your left leg.",
    ),
    MoveId.REVERSE_LUNGE: MoveWords(
        name="supported step-backs",
        title="Supported step-back",
        summary=(
            "Holding the counter, step one foot back a short way, bend your knees a little, "
            "and step it back in."
        ),
        cues=(
            "Stand beside a counter and hold it, feet together.",
            "Step one foot back a short way, landing on the ball of the foot.",
            "Bend both knees just a little, keeping the front knee over the front foot.",
            "Push through the front heel to bring the foot back in.",
        ),
        quick_cue="A small step back onto the ball of the foot, then step in.",
        why=(
            "Stepping back trains balance and single-leg strength, and the counter and a "
            "shallow bend keep it kind to the knees."
        ),
        levels=(
            LevelWords(support="Hold the counter with at least one hand.", set_cue=_SWAP_LEGS),
            LevelWords(
                news="From today, a few more step-backs.",
                form="Step back a little further if it feels fine.",
                support="Keep at least one hand on the counter.",
                set_cue=_SWAP_LEGS,
            ),
            LevelWords(
                news="From today, more step-backs again.",
                form="Bend a little deeper, with the front knee still over the front foot.",
                support="One hand on the counter, always.",
                set_cue=_SWAP_LEGS,
            ),
            LevelWords(
                news="From today, the most step-backs of the gentle plan.",
                form="Keep the steps smooth and even, left and right alike.",
                support="A hand on the counter for every step.",
                set_cue=_SWAP_LEGS,
            ),
        ),
        progression="Step a little further and bend a little deeper as it gets easier.",
    ),
}

MOMENTS: Mapping[MomentId, MomentWords] = {
    MomentId.KETTLE: MomentWords(
        "while the kettle boils",
        ask="kettle",
        intro="Kettle on? Let's fit in {both_legs} toe taps, {reps} on each leg.",
        outro="Enjoy your cuppa.",
    ),
    MomentId.BRUSHING_TEETH: MomentWords(
        "while you brush your teeth",
        ask="brushing my teeth",
        intro=(
            "Heel rises while you brush. Your mouth is busy, so no need to answer: "
            "just listen and rise with me for about {minutes} minutes."
        ),
        outro="That's {minutes} minutes. Rinse, and have a lovely day.",
    ),
    MomentId.BATH: MomentWords(
        "while the bath runs",
        ask="bath",
        intro="While the bath fills, let's do today's squats.",
        outro="Enjoy your bath.",
    ),
}

# Counts said as words ("five quick strength moves"); larger counts are said as digits.
# The same English words the number parser reads (skill/domain/numbers.py), zero to twenty.
NUMBERS: tuple[str, ...] = (*UNITS, TENS[0])

# Lines that one English locale says differently from the book: none so far.
OVERRIDES: Mapping[str, Mapping[PhraseId, str]] = {}
