"""Model drafts that reword the selected sentences, one output sentence per given sentence.

The model never searches: it receives only the sentences the selection chose, numbered (1), (2)…,
and returns JSON ``{"phrase_1": "…", "phrase_3": "…"}`` under a JSON schema that llama.cpp enforces
by constrained decoding: exactly one rewording per sentence the style keeps, in reading order, each
bounded in length. Code then writes the draft: each rewording followed by the [n] of the passage its
sentence comes from, and, for the letter, the salutation and closing formula, so a letter can never
restate the staff member's e-mail or sign with their name. Each rewording is checked against the
sentence it rewords (``alignment.check_rewording``); one that drops or changes a fact is replaced
by the source sentence itself, and the draft says how many sentences were reworded.
Everything before the style line is the same for every style, so llama.cpp reuses its KV cache
across the drafts of a question.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rhia.drafting.selection import Scored, Selection
from rhia.drafting.verify import NOT_FOUND


@dataclass(frozen=True)
class Style:
    code: str
    title: str
    instruction: str
    keep: int  # how many of the selected sentences the style rewords (0: all of them)
    opening: str = ""
    closing: str = ""
    joined: bool = False  # one paragraph rather than one sentence per line


STYLES: tuple[Style, ...] = (
    Style(
        "courte",
        "Réponse courte",
        "Réponse courte : l'essentiel, en langage simple.",
        3,
        joined=True,
    ),
    Style(
        "detaillee",
        "Réponse détaillée",
        "Réponse détaillée : la règle, les conditions, la durée, les montants, la démarche et les délais, "
        "en langage clair.",
        0,
    ),
    Style(
        "courrier",
        "Courrier à l'agent",
        "Corps d'un courrier qui répond à l'agent en le vouvoyant (« vous pouvez… »). N'écris ni formule "
        "d'appel, ni formule de politesse, ni signature : elles sont ajoutées ensuite.",
        0,
        opening="Madame, Monsieur,",
        closing="Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    ),
)
BY_CODE = {style.code: style for style in STYLES}

RULES = (
    "Tu aides un gestionnaire RH de la fonction publique à répondre à un agent.\n"
    "Tu reçois des phrases tirées des textes officiels, numérotées (1), (2)…\n"
    "Règles :\n"
    "1. Pour chaque phrase demandée, écris une seule phrase qui la reformule en français simple, "
    "sans rien ajouter.\n"
    "2. Garde tous ses chiffres, montants, durées et dates, exactement.\n"
    "3. Garde ses conditions et ses exceptions (« de droit », « sauf », « au plus », « uniquement ») "
    "et ses négations (« ne peut pas »).\n"
    "4. Garde les mêmes acteurs : qui décide, qui demande, qui est concerné.\n"
    "5. Reprends les mots des textes ; ne recopie pas la question.\n"
    "6. Les mentions comme [PERSONNE_1] sont des données masquées : ne les utilise pas."
)

# Sentences that once appeared as examples in a prompt: a draft repeating them never passes.
EXAMPLES: tuple[str, ...] = ("La demande est adressée au chef de service.",)

# Characters a rewording may take beyond its source sentence's length.
SLACK_CHARS = 60
# Generous French tokens-per-character bound for the token budget (Qwen tokenizer: ~3.5 chars/token).
CHARS_PER_TOKEN = 2.5
_CITATION = re.compile(r"\s*\[\d+(?:\s*[,;]\s*\d+)*\]")


@dataclass
class Rewording:
    """One sentence of a model draft: the given sentence, what the model wrote, what was kept."""

    given: Scored
    written: str
    kept: str = ""  # the text that goes in the draft (the rewording, or the source sentence)
    reworded: bool = False
    reason: str = ""  # why the rewording was not kept

    @property
    def number(self) -> int:
        return self.given.sentence.number


@dataclass
class Composed:
    text: str
    sentences: list[Rewording] = field(default_factory=list)
    plain: bool = False  # the provider answered in plain text (no structured output)

    @property
    def reworded(self) -> int:
        return sum(1 for s in self.sentences if s.reworded)


def given(selection: Selection, style: Style) -> list[Scored]:
    """The selected sentences the style rewords, in reading order: all, or the ``keep`` best."""
    chosen = list(selection.chosen)
    if style.keep and len(chosen) > style.keep:
        best = sorted(chosen, key=lambda item: -item.score)[: style.keep]
        chosen = [item for item in chosen if item in best]
    return chosen


def _key(index: int) -> str:
    return f"phrase_{index}"


def _limit(item: Scored) -> int:
    return len(item.sentence.shown) + SLACK_CHARS


def schema(selection: Selection, style: Style) -> dict:
    """One required string per kept sentence, in order; llama.cpp's grammar keeps the key order."""
    indexes = {id(item): i for i, item in enumerate(selection.chosen, start=1)}
    properties = {
        _key(indexes[id(item)]): {"type": "string", "minLength": 10, "maxLength": _limit(item)}
        for item in given(selection, style)
    }
    return {"type": "object", "properties": properties, "required": list(properties)}


def response_format(selection: Selection, style: Style) -> dict:
    """OpenAI-style structured output; the embedded client turns it into a llama.cpp grammar."""
    return {
        "type": "json_schema",
        "json_schema": {"name": f"brouillon_{style.code}", "schema": schema(selection, style)},
    }


def max_tokens(selection: Selection, style: Style) -> int:
    """Enough tokens for every kept sentence at its longest, plus the JSON around them."""
    items = given(selection, style)
    return int(sum(_limit(item) for item in items) / CHARS_PER_TOKEN) + 12 * len(items) + 8


def sentence_block(selection: Selection) -> str:
    return "\n".join(f"({i}) {item.sentence.shown}" for i, item in enumerate(selection.chosen, start=1))


def build_messages(question: str, selection: Selection, style: Style, *, directives: str = "") -> list[dict]:
    system = RULES
    if directives.strip():
        system += "\nConsignes du cas d'usage : " + directives.strip()[:500]
    system += "\n\nPhrases des textes :\n" + sentence_block(selection)
    indexes = {id(item): i for i, item in enumerate(selection.chosen, start=1)}
    wanted = ", ".join(f"({indexes[id(item)]})" for item in given(selection, style))
    user = (
        f"Question de l'agent : {question.strip()}\n\n"
        f"Rédige : {style.instruction}\n"
        f"Reformule une à une les phrases {wanted}, dans cet ordre, une phrase pour chacune. Réponds en JSON."
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _sentence(text: str) -> str:
    text = " ".join(_CITATION.sub("", text).split()).strip(" -•")
    if text and text[-1] not in ".!?…":
        text = text.rstrip(" ,;:") + "."
    return text[:1].upper() + text[1:]


def _cited(text: str, number: int) -> str:
    return f"{text[:-1]} [{number}]{text[-1]}"


def parse(output: str, selection: Selection, style: Style) -> list[Rewording] | None:
    """The model's JSON as one Rewording per kept sentence (None: not our JSON at all).

    JSON cut by the token limit keeps the sentences whose string was complete; a missing one is
    an empty rewording (the source sentence will be used).
    """
    indexes = {id(item): i for i, item in enumerate(selection.chosen, start=1)}
    try:
        data = json.loads(output)
    except json.JSONDecodeError:
        data = {
            f"phrase_{m.group(1)}": json.loads(f'"{m.group(2)}"')
            for m in re.finditer(r'"phrase_(\d+)"\s*:\s*"((?:[^"\\]|\\.)*)"', output)
        }
    if not isinstance(data, dict) or not any(key.startswith("phrase_") for key in data):
        return None
    return [Rewording(item, str(data.get(_key(indexes[id(item)])) or "")) for item in given(selection, style)]


def assemble(sentences: list[Rewording], style: Style) -> str:
    lines = [_cited(s.kept, s.number) for s in sentences if s.kept]
    body = " ".join(lines) if style.joined else "\n".join(lines)
    return "\n\n".join(part for part in (style.opening, body, style.closing) if part)


def settle(sentences: list[Rewording], check) -> None:
    """Keep, for each given sentence, a rewording ``check(written, sentence)`` accepts ("" or a
    reason); else the source sentence as written.

    Small models sometimes shift their outputs by one key (the rewording of (3) written under
    ``phrase_2``): each given sentence first tries its own output, then the unused others.
    """
    written = [_sentence(s.written) for s in sentences]
    written = ["" if NOT_FOUND.lower() in text.lower() else text for text in written]
    used: set[int] = set()
    for index, s in enumerate(sentences):
        order = [index] + [i for i in range(len(written)) if i != index]
        first_reason = ""
        for i in order:
            if i in used or not written[i]:
                continue
            reason = check(written[i], s.given.sentence)
            if not reason:
                s.kept, s.reworded = written[i], True
                used.add(i)
                break
            if i == index:
                first_reason = reason
        else:
            s.kept, s.reworded = _sentence(s.given.sentence.shown), False
            s.reason = first_reason or "Pas de reformulation."


def compose(output: str, selection: Selection, style: Style, check) -> Composed:
    """The draft from the model's output: structured rewordings settled by ``check``, or plain text."""
    sentences = parse(output, selection, style)
    if sentences is None:
        return Composed(text=output.strip(), plain=True)
    settle(sentences, check)
    return Composed(text=assemble(sentences, style), sentences=sentences)
