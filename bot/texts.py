"""Every sentence a trainee reads, in one place, so it can be reviewed and translated."""

from __future__ import annotations

EMPTY_MESSAGE = "Your message was empty. Write what you would say to the client."
TOO_LONG = (
    "That message is {length:,} characters; the limit is {limit:,}. "
    "Please shorten it: real replies to a client are rarely that long. Nothing was sent."
)
NO_ACTIVE_SESSION = "You have no practice session going. Pick a client to start one."
UNKNOWN_PERSONA = "There is no client called '{persona_id}'. Available: {available}."
NO_PERSONAS = (
    "No client personas are available. An instructor can add YAML files to the personas "
    "folder (see personas/README.md)."
)
CLIENT_UNAVAILABLE = (
    "The client needs a moment and could not answer. Your message is saved: "
    "use /retry to try again."
)
NOTHING_TO_RETRY = "There is nothing to try again yet: write your first message to the client."
SUPERSEDED = "That message was replaced by a newer one before the client answered."
REWOUND = 'Rewound your last message. {name} is back to: "{line}" Try it another way.'
SESSION_STARTED = "You are the peer specialist. {name} ({situation}) is the client."
SESSION_RESUMED = "Resuming your session with {name} ({exchanges} exchanges so far)."
SESSION_SAVED = "Session saved. Run the same command again to pick up where you left off."
FEEDBACK_MODE_SET = "Feedback will now appear: {mode}."
FEEDBACK_MODES = {
    "each": "after each exchange",
    "end": "only in the summary at the end",
    "off": "not at all (the summary still has it)",
}
BAD_FEEDBACK_MODE = "Feedback can be: each, end or off."
NO_PROGRESS = "No finished practice yet. Your progress appears after your first exchanges."
DISCLAIMER = (
    "This is practice with a simulated client, not a real person. It is not monitored in "
    "real time, so please do not type real personal details."
)
