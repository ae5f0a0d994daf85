"""RuleJudge: a deterministic, offline judge built from the rubric's definitions.

It reads the trainee's message sentence by sentence. Each cue is a pattern for one move a
peer specialist makes (an open question about the client's wishes, naming their right to
refuse, an order, a plan made for them...), with a one-line reason. Evidence is always the
trainee's own sentence. The rules follow principles, not particular messages:

- A question invites input only when it asks for the client's view, wish, choice or
  permission; fact-finding ("how many", "did you") and leading questions ("don't you
  think", "have you tried") do not.
- Self-advocacy is the client's voice and control: the decision is theirs, their rights,
  what *they* will tell a provider, family or landlord, or affirming them as the one who
  decided. Generic praise is not.
- Overriding takes the decision away: directives, plans, timelines or goals set for them,
  acting for them unasked, warnings and moralising, dismissing what they said they want.
  Suggestions framed with real choice and a check-back are not overriding; nor is advice
  the client asked for, unless it is an outright order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rubric.model import DIMENSIONS, Assessment, Dimension, Exchange, Verdict

_INV = Dimension.INVITED_INPUT
_ADV = Dimension.ENCOURAGED_SELF_ADVOCACY
_OVR = Dimension.OVERRODE_AUTONOMY


@dataclass(frozen=True, slots=True)
class Cue:
    dimension: Dimension
    name: str
    pattern: re.Pattern[str]
    why: str
    # How firmly an override cue holds: "strong" always (orders, plans made for the client);
    # "push" unless the client asked for advice or it backs what they chose; "soft" also
    # yields to a real check-back ("you could try X, what do you think?").
    level: str = "soft"
    question_only: bool = False


def _cue(
    dimension: Dimension,
    name: str,
    pattern: str,
    why: str,
    *,
    level: str = "soft",
    question_only: bool = False,
) -> Cue:
    return Cue(dimension, name, re.compile(pattern, re.IGNORECASE), why, level, question_only)


_YOU = r"(?:you|u|ya)"
_WANT = r"(?:want|wanna|like|prefer|think|feel|need|hope|wish|imagine|picture|make of|see)"

INVITE_CUES: tuple[Cue, ...] = (
    _cue(
        _INV,
        "their view or wish",
        rf"\b(?:what|how|which|where|when)\b[^.?!]{{0,40}}\b(?:do|did|would|could|might|are|'?d)"
        rf"\s+{_YOU}\s+(?:\w+\s+){{0,2}}?(?:{_WANT}|rather|choose|pick|decide|lean|leaning|"
        r"say|tell|ask|do|handle|go|start|focus|use|get|stand|weigh)\b",
        "asks for the client's own view or wishes",
        question_only=True,
    ),
    _cue(
        _INV,
        "what matters to them",
        r"\b(?:what(?:'s| is| are| feels| seems| sounds| would feel| would be| would make)|"
        r"which\b[^?]{0,30})\b[^?]{0,40}\b(?:important|matters?|right|doable|manageable|"
        r"helpful|useful|best|fit|okay|ok|comfortable|worth|priority|priorities|"
        r"like to you|most)\b[^?]{0,30}\b(?:you|your|yourself|for you|to you)\b",
        "asks what matters to the client",
        question_only=True,
    ),
    _cue(
        _INV,
        "their take",
        r"\b(?:your (?:thoughts|take|view|sense|gut|call|read|opinion|idea|plan)|"
        r"thoughts|how (?:does|do) (?:that|this|it|those|these) (?:sound|feel|sit|land|fit)|"
        r"does (?:that|this|any of (?:that|this|those)|it) (?:fit|sound|feel|work|make sense)"
        r"(?: (?:right|true|ok|okay|good))? (?:to|for) you|"
        r"how (?:are|were) you (?:feeling|thinking) about|what do you reckon|"
        r"where (?:are|is) your head at|am i (?:getting|hearing) (?:that|this|you) right|"
        r"did i get (?:that|it) right|what (?:feels|sounds|seems|would feel|would work|works|"
        r"would help) (?:right|best|doable|manageable|okay|ok|good|most|like a)|"
        r"what (?:would|could) help)\b",
        "checks what the client thinks",
        question_only=True,
    ),
    _cue(
        _INV,
        "an offer to choose",
        rf"\b(?:would|do|are|did|will)\s+{_YOU}\s+(?:\w+\s+)?(?:want|like|prefer|wanna|"
        r"be (?:open|interested|up for|okay with|ok with)|rather|care|feel like|mind|fancy)\b",
        "offers the client a choice to accept or refuse",
        question_only=True,
    ),
    _cue(
        _INV,
        "options to pick from",
        r"\b(?:or would you rather|or (?:would|do) you (?:want|prefer)|or something else|"
        r"or not\b|or neither|which (?:one|of (?:these|those|them)|option|sounds|feels|"
        r"would)|up to you which|whichever you)",
        "offers options and lets the client pick",
        question_only=True,
    ),
    _cue(
        _INV,
        "asking permission",
        r"\b(?:(?:can|could|may|might|should) i (?:share|offer|suggest|tell you|throw|"
        r"mention|ask|give|add|say)|"
        r"(?:is it|would it be|would that be|are you) (?:ok|okay|alright|all right|cool|"
        r"fine|helpful|useful)(?: with you)?(?: if| to| for me)|"
        r"(?:would|do) you mind if|mind if i|want (?:me to|to hear|some|my|ideas)|"
        r"would it help (?:if|to)|would (?:it|that) be (?:helpful|useful|worth)|"
        r"(?:do|would) you want (?:my|some|to hear))",
        "asks permission before offering something",
        question_only=True,
    ),
    _cue(
        _INV,
        "their own experience",
        r"\bwhat(?:'s| has| have| had)? (?:\w+ )?(?:worked|helped)\b|"
        r"\bwhat (?:have|did) you (?:tried|done|found|noticed|learned|learnt)\b|"
        r"\bwhat (?:do|did) you (?:usually |normally )?do (?:when|that|to get)\b",
        "draws on what the client already knows works for them",
        question_only=True,
    ),
    _cue(
        _INV,
        "their agenda",
        r"\b(?:where (?:would|do|should) (?:you|we) (?:like to |want to )?(?:start|begin|go)|"
        r"what (?:would|do) you (?:like|want) to (?:talk|focus|work|start|get|cover)|"
        r"what(?:'s| is) on your mind|what brings you|"
        r"what(?:'s| is| would be) (?:the )?most (?:pressing|important|useful|helpful)|"
        r"how can i (?:help|support|be (?:helpful|useful))|"
        r"what (?:would|do) you (?:want|need) from (?:me|today|this))\b",
        "lets the client set the agenda",
        question_only=True,
    ),
    _cue(
        _INV,
        "how they see it",
        r"\b(?:how (?:do|did|would) you (?:see|feel|think|want|decide|like|know)|"
        r"how(?:'d| did) (?:you|u) (?:decide|choose|pick|figure|know)|"
        r"what (?:made|makes|helped|helps) you (?:decide|choose|pick|want|feel|think)|"
        r"what(?:'s| is) (?:your|the) (?:sense|feeling|worry|hope|concern|reason)|"
        r"what(?:'s| is| are) (?:worrying|bothering|scaring|pulling) you|"
        r"what worries you|what scares you|what do you make of|"
        r"what (?:are you|were you) (?:hoping|thinking|leaning|wanting|considering|"
        r"looking for|weighing))\b",
        "asks how the client sees it",
        question_only=True,
    ),
    _cue(
        _INV,
        "an open question about them",
        # Asked as a question (not a reflection with a question mark), about them and their wishes.
        r"^(?=(?:|.*?(?:[,;:]\s*|\s-\s|\b(?:so|and|but|or|then)\s+))(?:what|how|which|where|when|"
        r"would|could|do|does|did|is|are|can|may|might|will|want|wanna|any|anything|either|"
        r"whichever|if)\b)"
        r"(?=.*\b(?:you|your|yours|yourself|you'd|you're|you'll|u|ur)\b)(?=.*\b(?:want|"
        r"wanna|wish|like|prefer|feel|feels|think|rather|matters?|important|help|helps|helpful|"
        r"appeal|appeals|fit|fits|right|work|works|workable|sounds?|look like|looks like|mean|"
        r"means|hope|choose|decide|ready|comfortable|make sense|worth|interested|drawing|"
        r"draws|questions|own words|different|doable|okay|ok|safe|up for|open to|"
        r"make of|take on|leaning|worried|worry|bothers?|scares?|concerns?|hardest|most)\b)",
        "asks a real question about what the client wants or thinks",
        question_only=True,
    ),
    _cue(
        _INV,
        "an offer, briefly",
        r"^(?:(?:so|ok|okay|and|also|or|maybe)[, ]+)*(?:want|wanna|any of|either of|"
        r"is there anything|anything (?:you|else)|is (?:that|this|it) something|"
        r"(?:does|do) (?:any|either|both|that|this|one)|whichever)\b|"
        r"\bif (?:you|u) (?:want|like|wanna|'d like|would like)\s*\?+$",
        "offers the client something to accept or refuse",
        question_only=True,
    ),
    _cue(
        _INV,
        "a conditional offer",
        r"\bif (?:it'd|it would|you'd|you would|you want|you like|that would)\b[^.?!]{0,25}\bi "
        r"(?:could|can|'d be happy to|would be happy to|'m happy to) (?:share|tell|offer|go over|"
        r"send|show|walk|help|sit|look)",
        "offers something only if the client wants it",
    ),
    _cue(
        _INV,
        "an open invitation",
        r"\b(?:tell me (?:more|about|what you)|say more|i'd (?:love|like) to hear (?:what|how|"
        r"more)|i(?:'m| am) curious (?:what|how|about what)|help me understand (?:what|how)|"
        r"i wonder what you)\b",
        "opens the floor to the client's own view",
    ),
)

ADVOCACY_CUES: tuple[Cue, ...] = (
    _cue(
        _ADV,
        "their decision",
        r"\b(?:(?:it's|it is|that's|that is|this is|its|thats|still) (?:(?:totally|entirely|"
        r"completely|really|all|ultimately|still) )?(?:your|ur) (?:call|choice|decision|life|"
        r"body|recovery|plan|business|say|pace|terms|treatment|kid|son|daughter|money|home|"
        r"apartment|future|taper|meeting|appointment|time|session|rules|health|meds|care|voice|"
        r"story|kids|children|family|job|lease|case)|(?:totally |entirely |completely )?up to you|"
        r"(?:is|'s|stays|remains) (?:totally |entirely |still |always )?(?:your|ur) (?:call|"
        r"choice|decision)|(?:can't|cannot|won't|not going to|not gonna) (?:make|decide) "
        r"(?:that|this|it|the)\b[^.?!]{0,15}\bfor you|"
        r"you (?:have|get|deserve) (?:a|the|every) (?:say|voice|vote)|you get to be heard|"
        r"you(?:'re| are) the (?:one|boss|expert|decider|decision[- ]maker)|"
        r"you (?:get|got) to (?:decide|choose|say|pick|set|make)|you decide|you choose|"
        r"(?:the )?(?:decision|choice|call)(?:'s| is| stays| remains) (?:yours|still yours)|"
        r"yours to (?:decide|make|choose)|you know (?:yourself|your (?:body|life|kid|son|"
        r"daughter|needs|limits|mind|situation|family))(?: better| best)?|"
        r"nobody (?:else )?(?:gets to|can|should) (?:decide|make|choose)\b[^.?!]{0,20}|"
        r"(?:she|he|they|her|his|their)(?:'s| is| are)? not the one who (?:decides|gets to)|"
        r"not (?:their|her|his) (?:call|decision|choice))",
        "reinforces that the decision is the client's",
    ),
    _cue(
        _ADV,
        "their rights",
        r"\b(?:you (?:have|got|still have) (?:every |the |a )?rights?|(?:it's|it is|that's) "
        r"your right|within your rights?|you(?:'re| are) (?:allowed|entitled) to|"
        r"you (?:can|could|get to|are able to) (?:always )?(?:say no|refuse|decline|ask|request|"
        r"appeal|push back|disagree|change your mind|get (?:a )?second opinion|"
        r"ask for|bring (?:someone|a)|record|have (?:someone|an advocate)|see your|"
        r"file|turn (?:it|that|them) down|stop|take your time)|"
        r"(?:a |the )?second opinion|(?:an |patient |peer |legal )?advocate\b|"
        r"ombuds|grievance|(?:an |the |to )appeal\b|appeal (?:it|the|that|this|their|her|his)|"
        r"legal aid|(?:is|'s) (?:totally |completely |absolutely )?(?:your|ur) right|"
        r"\b(?:demand|insist on|push for|fight (?:it|for|this|that|back)|sue\b|"
        r"take (?:them|it|her|him) to court|file (?:a|an) (?:complaint|grievance|claim|appeal)|"
        r"stand your ground|don't take no|ask for (?:a |an |the |your |more |what |some )?\w+)|"
        r"tenant(?:s)?(?:'| )? ?(?:union|rights)|"
        r"patient rights|informed consent|reasonable accommodation|"
        r"(?:saying|say) no is (?:ok|okay|allowed|fine)|"
        r"no is a (?:full|complete) (?:sentence|answer)|"
        r"you don't (?:have|need) to (?:agree|accept|sign|decide|say yes|go along|explain|"
        r"justify|take|do (?:anything|what)))",
        "names the client's right to ask, refuse or choose",
    ),
    _cue(
        _ADV,
        "their voice",
        r"\b(?:(?:what|how) (?:would|do|could|might|will) you (?:want to |like to )?"
        r"(?:say|tell|ask|put|bring|raise|phrase|explain|word)|"
        r"(?:tell|ask|let) (?:her|him|them|your \w+|the \w+)\b[^.?!]{0,30}"
        r"\b(?:what you|how you|that you|you(?:'re| are| want| need| don't| do not| aren't))|"
        r"(?:let|letting) (?:her|him|them|your \w+) know (?:what|how|that you)|"
        r"speak (?:up|for yourself)|stand up for|advocate for yourself|self-advoca|"
        r"(?:(?:you|u) (?:could|can|might) (?:say|start with|go with|put it|open with)|"
        r"something like)[:,]?\s*['\"]|"
        r"your (?:own )?voice|(?:practi[cs]e|rehearse|role-?play|"
        r"run through|write (?:down|out)|jot down|plan out) (?:what|how|it|some|your|the "
        r"(?:words|questions|conversation))|"
        r"questions (?:to ask|for) (?:her|him|them|your|the)|"
        r"(?:bring|take) (?:a list|your questions|notes|it up|that up|this up)|"
        r"(?:your|the) (?:concerns|questions|worries|side) (?:to|with) (?:her|him|them|your)|"
        r"what (?:do|would|did) you want (?:her|him|them|your \w+|the \w+) to (?:know|hear|"
        r"understand|see|get)|"
        r"(?<!me to )\b(?:tell|ask|show|remind|explain to|sit|demand|insist with)\s+"
        r"(?:her|him|them|your (?:doctor|doc|psychiatrist|prescriber|"
        r"therapist|caseworker|case manager|worker|landlord|boss|employer|manager|hr|wife|"
        r"husband|partner|sister|brother|mom|mother|dad|father|parents|family|son|daughter|"
        r"kids|team|provider|nurse|lawyer|attorney|counselor|pcp|psych|care team|"
        r"social worker|pharmacist|p\.?o\.?|probation officer)|the (?:doctor|judge|landlord|"
        r"team|caseworker|psychiatrist|nurse|court|clinic|office|school|va|agency))"
        r"\s+(?:(?:straight up|directly|honestly|too|that|exactly|again) )?(?:what you|how you|"
        r"that you|you(?:'re| are| want| need| don't| do not| aren't| can't| won't|'ve| have)|"
        r"about (?:the |your |how |what )|your |for (?:a |an |the |more |what )|to (?:slow|stop|"
        r"pause|change|lower|review|explain|wait|give|let|include|put)|down and))",
        "helps the client speak for themselves",
    ),
    _cue(
        _ADV,
        "affirming them as the decider",
        r"(?<!if )(?<!when )(?<!whether )\b(?:you (?:(?:really |actually |finally )?"
        r"(?:spoke up|stood up|pushed back|said no|"
        r"told (?:her|him|them)|asked (?:for|her|him|them|about)|made (?:that|the|this) "
        r"(?:call|choice|decision)|decided|chose|picked|advocated|set (?:a |that |the )"
        r"?(?:boundary|limit)|held your ground|knew what you (?:needed|wanted)|"
        r"went (?:for|after) it|took charge|handled|did (?:that|it|this) (?:yourself|on your own|"
        r"your way|when you)))|"
        r"(?:say|put|tell|do|word) it (?:however|your (?:own )?way|in your (?:own )?words)|"
        r"you (?:already |clearly |really |totally |obviously )?(?:know|knew|figured out|said|"
        r"went after|trusted|picked|found|named|know better)"
        r"\b[^.?!]{0,25}\b(?:what you|your (?:gut|instinct|own)|yourself|what fits|"
        r"better than|something you (?:wanted|needed))|knowing yourself|taking charge|"
        r"(?:asking|speaking up|saying no|pushing back|standing up|telling (?:her|him|them)) "
        r"(?:for|about|like that|at all)?[^.?!]{0,30}(?:big deal|huge|brave|took guts|"
        r"takes guts|not easy|matters|counts|powerful|strong)|"
        r"(?:that|this) was your (?:call|choice|decision|idea)|on your (?:own )?terms|"
        r"your (?:instinct|gut|judgment|judgement) (?:is|was|sounds|seems) (?:right|good|solid|"
        r"worth))",
        "affirms the client as the one who decides",
    ),
)

OVERRIDE_CUES: tuple[Cue, ...] = (
    _cue(
        _OVR,
        "an order",
        rf"(?<!what )(?<!whatever )(?<!if )(?<!would )(?<!do )(?<!did )(?<!when )(?<!things )"
        rf"\b{_YOU}(?:'ve| have)? (?:really |just |seriously |absolutely |definitely |probably |"
        r"kinda |kind of |honestly |totally |still |both |all |also )?"
        r"(?:need to|needa|have to|hafta|must|"
        r"gotta|got to|ought to|'d better|had better|better)\b(?! (?:than|not to))",
        "tells the client what they must do",
        level="strong",
    ),
    _cue(
        _OVR,
        "should",
        rf"\b(?:{_YOU}|i think you|i really think you|honestly,? you)\s*(?:really |just |"
        r"seriously |definitely |totally |probably |absolutely |still |def |prob )?"
        r"(?:should|shouldn't|should not|shoulda)\b(?!\s*(?:really |so |totally |definitely )?"
        r"(?:be (?:really |so )?proud|feel (?:proud|good|ok|okay)|be happy|give yourself credit|"
        r"celebrate|know that))",
        "tells the client what they should do",
        level="push",
    ),
    _cue(
        _OVR,
        "persuasion",
        r"\b(?:i(?:'d| would) (?:really |honestly |definitely |totally |probably )?(?:not |never )?"
        r"(?:skip|take|go|do|stay|stick|try|wait|mess|quit|stop|avoid|get|keep|leave|pick|choose|"
        r"say|tell|move|sign|start|give)|i (?:really |honestly )?(?:wouldn'?t|would never|"
        r"would not) \w+|if i were you|(?:would|will|'d|'ll) (?:probably |really |"
        r"definitely )?be (?:good|better|best|great) for you|(?:be|are|be way) better off|"
        r"the way to go|give it a (?:shot|try|chance)|(?:is|'s) your (?:best|only|safest) "
        r"(?:shot|bet|option|move|choice|chance)|at least (?:try|visit|go|give|call|talk|"
        r"see|think)|(?<!if )(?<!whether )(?:he|she|they|your \w+)(?:'s| is| are) "
        r"(?:probably |totally |kinda )?"
        r"(?:right|not wrong)\b|(?:might|may|do|does) have a point|(?:is|'s|are|'re) just "
        r"(?:worried|trying to help|looking out|scared for you)|(?:there's|there is|there might "
        r"be) something to (?:it|that|what)|realistically|(?:you'll|you will) get used to)\b",
        "argues for a choice the client did not make",
        level="push",
    ),
    _cue(
        _OVR,
        "a leading question",
        r"^(?:(?:ok|so|but|and|well|honestly|seriously|dude|come on)[, ]+)*(?:don'?t you "
        r"(?:think|want|agree|feel)|wouldn'?t (?:it|you|that) be|isn'?t (?:it|that)|"
        r"shouldn'?t you|why (?:don'?t|wouldn'?t|not)|(?:would|do|are|did) you (?:really|"
        r"honestly|seriously|actually) (?:think|want|believe|rather|wanna|need)|"
        r"are you sure|what'?s the rush|what'?s (?:one|a little|it|the harm)\b[^?]{0,20}"
        r"(?:gonna|going to|)\s*(?:hurt|harm))",
        "steers the client with a question that already has its answer",
        level="push",
        question_only=False,
    ),
    _cue(
        _OVR,
        "a plan made for them",
        r"\b(?:here(?:'s| is) (?:the|what|my) (?:plan|deal|thing)|(?:the|your|our) (?:plan|goal)"
        r" (?:is|will be|for (?:you|this week|now))|(?:the|this) (?:plan|goal)(?::| -)|"
        r"(?:so )?(?:we(?:'ll| will| are going to|'re going to| gonna)|let's|lets) "
        r"(?:get you|make it|set (?:you|up|a)|sign you|put you|make (?:a|sure|you)|aim|start you|"
        r"schedule|book|plan on|have you|move you|find you|call|take (?:you|care))|"
        r"i(?:'m| am) (?:going to|gonna) (?:need|have) you|i want you to|"
        r"i(?:'d| would) like you to|i need you to|i expect you|"
        r"by (?:next|this) (?:week|month|friday|monday)|by tomorrow|by the end of|"
        r"starting (?:today|tomorrow|now|monday)|(?:every|each) (?:day|morning|night)\b[^.?!]{0,20}"
        r"\b(?:you|for)|(?:no more|zero) \w+ (?:until|till|for)|next step\b|"
        r"\b(?:\d+|one|two|three|four|five|six|seven|ten) \w+ (?:a|per|every|each) "
        r"(?:day|week|month))",
        "sets a plan or goal for the client",
        level="strong",
    ),
    _cue(
        _OVR,
        "acting for them",
        r"\b(?:(?:i|we)(?:'ll| will|'m going to| am going to|'m gonna| can just| could just|"
        r" just| already| went ahead and|'ve already| have already|'re going to| are going to|"
        r"'re gonna)(?: just| go ahead and)? "
        r"(?:call|email|text|talk to|tell|let (?:her|him|them|your)|ring|write to|phone|"
        r"set (?:it|that|you|up)|book|sign you|make (?:the|an|you)|schedule|sort|handle|"
        r"deal with|get you|put you|speak (?:to|with)|reach out|message|contact|fill|"
        r"register|enroll|cancel|arrange|take care of (?:it|that|this))|"
        r"let me (?:just )?(?:call|email|text|talk to|tell|handle|deal|sort|take care|"
        r"set (?:it|that|you|up)|book|sign|make|speak|contact|reach|write|fill|get you)|"
        r"(?:i've|i have|i) (?:already |just |went ahead and |gone ahead and )?(?:booked|"
        r"called|signed you|asked (?:the|your|her|him|them)|"
        r"scheduled|arranged|made you|told (?:her|him|them|your)|emailed|set (?:it|you) up|"
        r"put you|picked (?:one|a|the) for you))\b",
        "acts for the client without asking",
        level="strong",
    ),
    _cue(
        _OVR,
        "a warning",
        r"\b(?:if you don'?t\b[^.?!]{0,60}\b(?:you(?:'ll| will| could| might|'re going to|"
        r" are going to| gonna)|they(?:'ll| will)|she(?:'ll| will)|he(?:'ll| will)|it(?:'ll|"
        r" will))|you(?:'re| are) (?:going to|gonna) (?:end up|lose|relapse|regret|be back|"
        r"get (?:evicted|kicked|worse|sick))|that(?:'s| is) (?:how|what) (?:people|everyone|"
        r"everybody|folks) (?:end up|relapse|say)|(?:is|'s|are) how (?:people|folks|everyone|you) "
        r"(?:end up|slip|relapse|lose|get)|(?:that's|that is|it's|this is) "
        r"(?:a (?:really )?(?:bad|terrible|dangerous|big|huge) (?:idea|mistake|risk)|"
        r"(?:not (?:a good|smart|safe|wise|realistic|an option))|(?:risky|dangerous|"
        r"unrealistic|reckless|selfish|irresponsible|a mistake|a red flag)|just the "
        r"(?:illness|disease|addiction|depression|alcohol|anxiety|meds))|"
        r"(?:think|remember) (?:about|of) (?:your|the) (?:kids|children|son|daughter|family|"
        r"baby)|you owe it to|right before (?:the|a|your)|slippery slope|"
        r"(?:big|huge) mistake|(?:be|being) (?:careful|realistic)|"
        r"don't (?:be|get) (?:stupid|silly|crazy))\b",
        "warns or moralises instead of exploring",
        level="strong",
    ),
    _cue(
        _OVR,
        "dismissing what they said",
        r"(?:\byou don'?t (?:really (?:mean|want)|mean (?:that|it)|want that)\b|\byou(?:'re| are) "
        r"(?:overreacting|being (?:dramatic|paranoid|silly|unreasonable|stubborn|difficult)|"
        r"not (?:ready|thinking (?:clearly|straight)|in a (?:place|position))|in denial|wrong)|"
        r"\bit'?s not (?:that|so) bad|\b(?:that's|it's|its) (?:just|only) (?:the|your) "
        r"(?:illness|disease|addiction|depression|anxiety|meds|hormones|brain|voices)"
        r"(?: talking)?|\b(?:they|she|he|your \w+|the (?:doctor|doc|psychiatrist|caseworker|"
        r"worker|judge|team|staff)) (?:know|knows) (?:what's |whats )?best|"
        r"(?:^|\s)(?:right|sure),? '|\bthat's what (?:everybody|everyone|they all) says|"
        r"\bno,? (?:you|that's not)\b|\bcome on\b|\bget over|\bjust (?:be positive|relax|"
        r"calm down|stop worrying|let it go|move on)|\bstop (?:making excuses|worrying|"
        r"overthinking|being)|\btrust me\b|\btrust (?:the process|the doctor|the system)\b|"
        r"\b(?:doesn'?t|does not|don'?t) (?:really )?work\b|\bisn'?t nothing\b|"
        r"\b(?:isn'?t|is not|aren'?t|not) (?:going to|gonna) help\b|"
        r"\b(?:isn'?t|is not|not) an option\b|non-?negotiable|"
        r"\b(?:we|you) (?:kind of |kinda |really |still )?(?:have|need|got) to (?:talk about|"
        r"deal with|address)|\brules are (?:rules|there)|"
        r"\b(?:you )?(?:can'?t|cannot) (?:just )?(?:do that|do this|stop|quit|go|leave|skip|"
        r"give up)\b|\bpromise me\b|\bno big deal then|"
        r"\bdoctors? (?:know|knows) best|\b(?:honestly|frankly),? (?:it's|it is|its) "
        r"(?:probably )?(?:fine|nothing|not a big deal))",
        "dismisses or corrects what the client said they want",
        level="strong",
    ),
    _cue(
        _OVR,
        "unasked advice",
        r"\b(?:(?:you|u) (?:could|can|might) (?:just |always )?(?:try|start|go|call|get|take|"
        r"use|join|look into|sign up)|(?:you might|might) want to|why don'?t you|why not (?:just )?"
        r"\w+|(?<!what )(?<!what's )(?:have|did) you "
        r"(?:tried|thought about|considered|looked into)|"
        r"i(?:'d| would) (?:suggest|recommend|advise|say)|my (?:advice|suggestion|recommendation)|"
        r"if i were you|what (?:you|u) (?:need|should do|gotta do) is|"
        r"(?:the )?best (?:thing|move|option|bet) (?:is|would be|for you)|"
        r"it(?:'d| would) be (?:best|better|smart|wise) (?:to|if)|"
        r"(?:it's|it is) (?:probably )?(?:best|better|time) (?:to|if|for you)|"
        r"try (?:to |not to )?\w+ing|maybe (?:just )?(?:try|go|call|get|take|start|stop))\b",
        "gives advice the client did not ask for",
    ),
)

# An imperative aimed at the client, at the start of a sentence ("Go to the meeting.").
_IMPERATIVE = re.compile(
    r"^(?:(?:ok(?:ay)?|so|well|look|listen|honestly|seriously|just|please|now|first|"
    r"then|and|but|ugh|hey|alright|right|dude|man|next time|tomorrow|tonight|today|tho|though|"
    r"also)[,:!.]?\s+)*"
    r"(?:just\s+)?(?:go|call|stop|quit|take|tell|get|make|start|try|don't|do not|never|"
    r"ask|apply|sign|move|put|drink|eat|sleep|leave|stay|keep|pack|throw|text|email|write|"
    r"focus|cut|avoid|give|find|bring|show|let|accept|forget|skip|wait|remember|think|"
    r"calm|relax|push|stick|hang|pick|follow|listen|trust|be|see|join|fill|set|"
    r"check|hand|talk|use|book|schedule|dump|drop|block|report|sit|pull|jump|reach|"
    r"look|read|do|consider|lower|raise|increase|reduce|switch|swap|change|ignore|ring|phone|"
    r"contact|visit|admit|agree|register|enrol|enroll|attend)\b"
    r"(?!\s+(?:you|u)\s+(?:want|think|know|need|like|feel|mind|prefer))"
    r"(?!\s+at (?:you|that|this|them|how)|\s+who)",
    re.IGNORECASE,
)
_SOFTENERS = re.compile(
    r"\b(?:if you (?:want|like|wish|feel like|'re up for|are up for)|only if you|"
    r"when you(?:'re| are) ready|no pressure|up to you|your call|if that (?:works|feels|fits)|"
    r"or not|totally optional|if it helps|if it feels|if (?:that's|it's|this is) what you "
    r"(?:want|need|decide)|if your heart'?s in it|if you decide|if you choose)\b",
    re.IGNORECASE,
)
# Questions that look like invitations but are leading, rhetorical or fact-finding.
_LEADING = re.compile(
    r"^(?:(?:ok|so|but|and|well|honestly|seriously)[, ]+)*(?:don'?t you (?:think|want|"
    r"agree|feel)|wouldn'?t (?:it|you|that) be|isn'?t (?:it|that)|shouldn'?t you|"
    r"why (?:don'?t|wouldn'?t|haven'?t|didn'?t|not|would you|are you|do you)|"
    r"(?:don'?t|doesn'?t|aren'?t|won'?t|can'?t) you (?:see|know|think|want|agree)|"
    r"(?:you know|you see|you agree|you understand|you get) (?:that|how|why)|"
    r"(?:do|would|are|did) you (?:really|honestly|seriously|actually) (?:think|want|believe|"
    r"rather|wanna|need)|"
    r"(?:have|did) you (?:tried|thought about|considered|looked into)|"
    r"you (?:know|realize|realise) (?:that|you))",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"(?:,\s*(?:(?:do|don't|dont|won't|wouldn't|isn't|aren't|can't|didn't|will|would|"
    r"is|are|did) (?:you|it|they|that|we)(?: think| agree| say)?|don't you think)\s*\?+\s*$)|"
    r",\s*(?:right|ok|okay|yeah|yes|deal|got it|understand|agreed|sound good|capisce|"
    r"alright|k|cool)\s*\?+\s*$",
    re.IGNORECASE,
)
_FACT = re.compile(
    r"^(?:(?:ok|so|and|but|wait|well)[, ]+)*(?:how (?:many|much|long|often|old|far)|"
    r"when (?:did|was|is|were|does)|what (?:time|day|date|happened|did (?:she|he|they|it|the)|"
    r"was|were|meds?|medication|dose)|where (?:did|is|was|are|do they)|"
    r"who (?:is|was|did|told)|did (?:you|she|he|they|it)|have you (?:been|ever|had|got|"
    r"taken|told)|has (?:she|he|it|anyone)|are you (?:still|taking|on|working|sleeping|"
    r"eating|drinking|using|safe)|is (?:she|he|it|that|there)|was (?:she|he|it|there)|"
    r"were you|(?:can|could|may) i ask (?:how|when|if|whether|what (?:time|dose|happened))|"
    r"do you (?:have|still|take|know (?:when|where|who|if|how many)|drink|use|"
    r"sleep|work|live))",
    re.IGNORECASE,
)
# The client asked what to do, so advice answers them rather than overriding them.
_ASKED_ADVICE = re.compile(
    r"\b(?:what (?:should|do|would|can) i (?:do|say|try)|what would you do|should i\b|"
    r"any (?:advice|ideas|tips|suggestions)|(?:can|could) (?:you|u) (?:tell|help|give|"
    r"suggest)|tell me what to (?:do|say)|what (?:to|should i) say|"
    r"what do you (?:think|suggest|recommend)|"
    r"i need (?:advice|ideas|help figuring)|what(?:'s| is) your (?:advice|take|opinion)|"
    r"can i ask what you'?d do|what would you)\b",
    re.IGNORECASE,
)
# The client has already decided or said what they want to do ("I'm going to tell him").
_CLIENT_DECIDED = re.compile(
    r"\b(?:i (?:kinda |kind of |really |actually |think i )?(?:want|wanna|need) to|"
    r"i (?:was|(?:have|'ve) been) thinking|maybe i\b|"
    r"i(?:'m| am) (?:going to|gonna|thinking (?:of|about)|planning|ready to|about to)|"
    r"i(?:'ve| have) decided|i decided|i want to|i wanna|i(?:'d| would) like to|i will|"
    r"i'll|i think i(?:'ll| will| should| want| might)|i might|maybe i(?:'ll| will| should)|"
    r"i (?:applied|signed|called|asked|told|started|found|booked))\b",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"\b(?:you|you'd|you're|your|u)\b.*\b(?:want|wanna|prefer|rather|like to|feel right|"
    r"appeal|fit|worth|interested|open to|up for|help you|helpful)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|[.!?]+")
_BACKING = re.compile(
    r"\b(?:you should (?:totally|definitely|absolutely|def|so|really)? ?(?:do it|go for it|"
    r"go|be proud|feel (?:proud|good)|ask|tell|say|bring|speak|push|trust yourself|"
    r"give yourself|celebrate)|go for it)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Hit:
    cue: Cue
    sentence: str


def sentences(text: str) -> list[str]:
    """The message cut into sentences, each stripped; question marks stay with their sentence."""
    found = (s.strip().lstrip("'\"-*([ ") for s in _SENTENCE.findall(text))
    return [s for s in found if s.strip(" .!?\t'\"")]


def normalise(text: str) -> str:
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2014", " - ")
    )


class RuleJudge:
    """The default judge: deterministic, offline, explains each verdict with the trainee's words."""

    name = "rules"

    async def assess(self, exchange: Exchange) -> Assessment:
        return self.judge(exchange)

    def judge(self, exchange: Exchange) -> Assessment:
        text = normalise(exchange.trainee_said)
        client = normalise(exchange.client_said)
        parts = sentences(text)
        hits = {d: _first_hits(d, parts) for d in DIMENSIONS}
        invited = hits[_INV]
        # Speaking for the client, however well meant, takes their voice rather than backing it.
        acting = {h.sentence for h in hits[_OVR] if h.cue.name == "acting for them"}
        advocacy = [h for h in hits[_ADV] if h.sentence not in acting]
        override = _override_hits(hits[_OVR], parts, text, client, bool(invited))
        verdicts = {
            _INV: _verdict(invited, "does not ask for the client's view, wishes or choice"),
            _ADV: _verdict(advocacy, "does not speak to the client's own voice or rights"),
            _OVR: _verdict(override, "leaves the decisions with the client"),
        }
        suggestion = ""
        if override or not invited:
            suggestion = suggest(text, override[0] if override else None)
        notes = tuple(
            f"{h.cue.dimension.value}: {h.cue.name}: {h.sentence}"
            for h in (*invited, *advocacy, *override)
        )
        return Assessment(verdicts, suggestion=suggestion, judge=self.name, notes=notes)


def _first_hits(dimension: Dimension, parts: list[str]) -> list[_Hit]:
    cues = {_INV: INVITE_CUES, _ADV: ADVOCACY_CUES, _OVR: OVERRIDE_CUES}[dimension]
    found: list[_Hit] = []
    for sentence in parts:
        question = _is_question(sentence)
        if dimension is _ADV and sentence.endswith("?") and _FACT.search(sentence):
            # "Did you tell her?" asks what happened; it does not encourage anything.
            continue
        for cue in cues:
            if cue.question_only and not question:
                continue
            if cue.pattern.search(sentence):
                found.append(_Hit(cue, sentence))
                break
    return found


def _is_question(sentence: str) -> bool:
    s = sentence.strip()
    if not s.endswith("?"):
        return False
    # A tag question on a push ("..., ok?") and a leading question are not invitations.
    if _TAG.search(s) or _LEADING.search(s):
        return False
    # "Is that something you'd want?" asks a wish, though it opens like a fact-finding question.
    return not _FACT.search(s) or bool(_WISH.search(s))


def _override_hits(
    hits: list[_Hit], parts: list[str], text: str, client: str, invited: bool
) -> list[_Hit]:
    asked = bool(_ASKED_ADVICE.search(client))
    decided = bool(_CLIENT_DECIDED.search(client))
    quoted = _quoted(text)
    kept: list[_Hit] = []
    for hit in hits:
        if hit.sentence in quoted:
            continue  # words offered as a script ("say 'I need more time'") are not orders
        level = hit.cue.level
        if level != "strong" and (asked or _SOFTENERS.search(hit.sentence)):
            # Advice that was asked for, or offered only if they want it, leaves the choice.
            continue
        if level == "push" and decided and _backs_choice(hit.sentence, client):
            continue
        if level == "soft" and invited:
            continue  # a suggestion with a real check-back
        kept.append(hit)
    covered = {h.sentence for h in hits}
    for sentence in parts:
        if sentence in covered or sentence in quoted:
            continue
        if sentence.endswith("?") and not _TAG.search(sentence):
            continue  # a real question; an order with "ok?" tacked on is still an order
        if _IMPERATIVE.search(sentence) and not _SOFTENERS.search(sentence):
            if asked or (decided and _backs_choice(sentence, client)):
                continue
            kept.append(_Hit(_IMPERATIVE_CUE, sentence))
    return kept


_QUOTE = re.compile(r"(?:^|(?<=[\s:(]))(['\"])(?P<body>[^\n]{3,}?)\1(?=[\s.,!?;:)]|$)")
_STEM = re.compile(r"[a-z]{3,}")


def _quoted(text: str) -> set[str]:
    """Sentences that sit inside quotation marks in the trainee's message."""
    found: set[str] = set()
    for match in _QUOTE.finditer(text):
        found.update(sentences(match.group("body")))
    return found


def _backs_choice(sentence: str, client: str) -> bool:
    """'You should apply!' after 'I want to apply': backing their own plan, not overriding it."""
    if _BACKING.search(sentence):
        return True
    after = re.search(
        r"\b(?:should|do|go for|just)\b\s+(?:totally |definitely |really |so )?(\w+)",
        sentence,
        re.IGNORECASE,
    )
    if after is None:
        return False
    verb = after.group(1).lower()
    words = set(_STEM.findall(client.lower()))
    return verb in ("it", "that") or any(w.startswith(verb[:5]) for w in words if len(verb) > 2)


_IMPERATIVE_CUE = Cue(_OVR, "an order", _IMPERATIVE, "tells the client what to do", "strong")


def _verdict(hits: list[_Hit], absent_why: str) -> Verdict:
    if not hits:
        return Verdict(False, "", absent_why)
    first = hits[0]
    return Verdict(True, _quote(first.sentence), first.cue.why)


def _quote(sentence: str, limit: int = 160) -> str:
    s = sentence.strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


# --- a better phrasing ------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"\b(?:you|u)(?:'ve)? (?:really |just |seriously |definitely |honestly |totally )?"
    r"(?:need to|have to|must|gotta|got to|should|ought to|'d better|better)\s+(?P<act>[^.!?]+)",
    re.IGNORECASE,
)
_ACTING = re.compile(
    r"\b(?:i(?:'ll| will|'m going to| am going to|'m gonna)|let me) (?:just )?(?P<act>(?:call|"
    r"email|text|talk to|tell|ring|write to|phone|book|sign|schedule|contact|set up|make)"
    r"[^.!?]*)",
    re.IGNORECASE,
)
_OPEN_QUESTIONS = (
    "What would you like to happen next?",
    "What feels most important to you in this right now?",
    "What would be most useful to talk about today?",
    "How are you thinking about it yourself?",
)


# A put-down, a warning or a leading question has no idea in it worth offering as an option:
# the better move is to get curious about the client's side.
_CURIOUS = {
    "dismissing what they said": "It sounds like there's more to this than I know. "
    "What makes it hard from where you're standing?",
    "a warning": "I'm worried about how this could go, and it's your life. "
    "How are you weighing it up yourself?",
    "a leading question": "What do you make of it yourself?",
}
# Whose idea it was, and how soon: neither belongs in an option offered to the client.
_OTHERS_WISH = re.compile(
    r",?\s+(?:like|as|because|since|the way)\s+(?:your|the|my|her|his|their|everyone|"
    r"everybody|they|she|he)\b[^.!?,]*\b(?:says?|said|wants?|asked|told you|thinks?)\b.*$"
    r"|,?\s+(?:right now|right away|today|tonight|immediately|asap|now|this week)\b.*$",
    re.IGNORECASE,
)
_VAGUE_ACT = re.compile(
    r"^(?:(?:do|go with|go along with|follow|listen to)\s+)?"
    r"(?:it|this|that|so|me|what i say|what i said|as i say|as you're told|better|the right "
    r"thing|something|this now|it now|that now|what's best)$",
    re.IGNORECASE,
)


def suggest(text: str, override: _Hit | None) -> str:
    """One concrete alternative: the same idea offered as a choice, or an open question."""
    if override is not None:
        override_sentence, cue_name = override.sentence, override.cue.name
        if cue_name in _CURIOUS:
            return _CURIOUS[cue_name]
        acting = _ACTING.search(override_sentence) if cue_name == "acting for them" else None
        if acting:
            act = _tidy(re.split(r"\s+(?:and|to|so|then)\s+", acting.group("act"))[0])
            return f"Would you like me to {act} with you, or would you rather do it yourself?"
        act = ""
        directive = _DIRECTIVE.search(override_sentence)
        if directive:
            act = directive.group("act")
        elif _IMPERATIVE.search(override_sentence):
            act = re.sub(r"^(?:\w+[,:]\s+)*(?:just\s+)?", "", override_sentence, flags=re.I)
        act = _tidy(_OTHERS_WISH.sub("", _TAG.sub("", act)))
        if act and not _VAGUE_ACT.match(act) and not act.lower().startswith(("stop ", "quit ")):
            act = act[0].lower() + act[1:]
            return (
                f"One option some people weigh is to {act}. Is that something you'd want to "
                "look at, or does something else fit you better?"
            )
        return "It's your call. What do you want to do, and how can I help with that?"
    index = sum(map(ord, text)) % len(_OPEN_QUESTIONS)
    return _OPEN_QUESTIONS[index]


def _tidy(act: str) -> str:
    act = act.strip().rstrip(",;:-.!? ")
    act = re.sub(r"\s+", " ", act)
    return act[:120].rstrip()
