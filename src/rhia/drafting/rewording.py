"""Model drafts that reword the selected sentences: prompt, output schema, and the text built from it.

The model never searches: it receives only the sentences the selection chose (a few hundred
tokens), each with its [n], and returns JSON (``{"phrases": [{"texte", "source"}]}``) under a JSON
schema that llama.cpp enforces by constrained decoding. Code then writes the draft: each sentence
followed by its [n], and, for the letter, the salutation and closing formula, so a letter can
never restate the staff member's e-mail or sign with their name. Everything before the style line
is the same for every style, so llama.cpp reuses its KV cache across the drafts of a question.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rhia.drafting.selection import Selection
from rhia.drafting.verify import NOT_FOUND


@dataclass(frozen=True)
class Style:
    code: str
    title: str
    instruction: str
    max_tokens: int
    sentences: tuple[int, int]  # how many sentences the schema allows
    opening: str = ""
    closing: str = ""


STYLES: tuple[Style, ...] = (
    Style(
        "courte",
        "Réponse courte",
        "Réponse courte : 2 ou 3 phrases, l'essentiel d'abord.",
        220,
        (1, 3),
    ),
    Style(
        "detaillee",
        "Réponse détaillée",
        "Réponse détaillée : la règle, puis les conditions, la durée, les montants, la démarche et les délais "
        "donnés par les phrases, en 3 à 6 phrases.",
        380,
        (2, 6),
    ),
    Style(
        "courrier",
        "Courrier à l'agent",
        "Corps d'un courrier qui répond à l'agent en le vouvoyant, en 2 à 5 phrases. N'écris ni formule "
        "d'appel, ni formule de politesse, ni signature : elles sont ajoutées ensuite.",
        340,
        (2, 5),
        opening="Madame, Monsieur,",
        closing="Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    ),
)
BY_CODE = {style.code: style for style in STYLES}

RULES = (
    "Tu aides un gestionnaire RH de la fonction publique à répondre à un agent.\n"
    "Tu reçois des phrases tirées des textes officiels, chacune précédée du numéro de sa source.\n"
    "Règles :\n"
    "1. Reformule uniquement ces phrases, en français simple ; n'ajoute aucune information.\n"
    "2. Chaque phrase que tu écris reprend une ou deux phrases reçues ; indique dans « source » le numéro "
    "de la source de ces phrases.\n"
    "3. Recopie exactement les chiffres, montants, durées, dates et les négations (« ne peut pas »).\n"
    "4. Garde les mêmes acteurs : qui décide, qui demande, qui est concerné.\n"
    "5. Ne recopie pas la question et ne parle pas de ce que les phrases ne disent pas.\n"
    "6. Les mentions comme [PERSONNE_1] sont des données masquées : ne les utilise pas."
)

# Sentences that once appeared as examples in a prompt: a draft repeating them never passes.
EXAMPLES: tuple[str, ...] = ("La demande est adressée au chef de service.",)

_PHRASE = re.compile(r'\{\s*"texte"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,\s*"source"\s*:\s*(\d+)\s*\}')
_CITATION = re.compile(r"\s*\[\d+(?:\s*[,;]\s*\d+)*\]")


def schema(style: Style, numbers: list[int]) -> dict:
    low, high = style.sentences
    return {
        "type": "object",
        "properties": {
            "phrases": {
                "type": "array",
                "minItems": low,
                "maxItems": high,
                "items": {
                    "type": "object",
                    "properties": {
                        "texte": {"type": "string", "minLength": 10, "maxLength": 400},
                        "source": {"type": "integer", "enum": numbers},
                    },
                    "required": ["texte", "source"],
                },
            }
        },
        "required": ["phrases"],
    }


def response_format(style: Style, numbers: list[int]) -> dict:
    """OpenAI-style structured output; the embedded client turns it into a llama.cpp grammar."""
    return {
        "type": "json_schema",
        "json_schema": {"name": f"brouillon_{style.code}", "schema": schema(style, numbers)},
    }


def sentence_block(selection: Selection) -> str:
    return "\n".join(f"[{item.sentence.number}] {item.sentence.shown}" for item in selection.chosen)


def build_messages(question: str, selection: Selection, style: Style, *, directives: str = "") -> list[dict]:
    system = RULES
    if directives.strip():
        system += "\nConsignes du cas d'usage : " + directives.strip()[:500]
    system += "\n\nPhrases des textes :\n" + sentence_block(selection)
    user = f"Question de l'agent : {question.strip()}\n\nRédige : {style.instruction} Réponds en JSON."
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _sentence(text: str) -> str:
    text = " ".join(_CITATION.sub("", text).split()).strip(" -•")
    if text and text[-1] not in ".!?…":
        text += "."
    return text[:1].upper() + text[1:]


def compose(output: str, style: Style, numbers: list[int]) -> str:
    """The draft text from the model's JSON (or, from a provider without structured output, its text)."""
    try:
        data = json.loads(output)
        phrases = data["phrases"] if isinstance(data, dict) else None
    except (json.JSONDecodeError, KeyError, TypeError):
        phrases = None
    if not isinstance(phrases, list):
        # Cut by the token limit: keep the sentences whose JSON object was complete.
        phrases = [
            {"texte": json.loads(f'"{m.group(1)}"'), "source": int(m.group(2))}
            for m in _PHRASE.finditer(output)
        ]
        if not phrases:
            return output.strip()
    lines = []
    for phrase in phrases:
        if not isinstance(phrase, dict):
            continue
        text = _sentence(str(phrase.get("texte", "")))
        source = phrase.get("source")
        if not text:
            continue
        if NOT_FOUND.lower() in text.lower():
            return NOT_FOUND + "."
        cite = f" [{source}]" if isinstance(source, int) and source in numbers else ""
        lines.append(text[:-1] + cite + text[-1])
    body = " ".join(lines) if style.code == "courte" else "\n".join(lines)
    parts = [part for part in (style.opening, body, style.closing) if part]
    return "\n\n".join(parts)
