"""Verification benchmark: planted errors in correct drafts, caught by rhia.drafting.verify.

Correct drafts (hand-written from the sample passages, several styles) are checked first: every
flag there is a false alarm. Then each draft is mutated once per applicable error kind:
- wrong_citation_range: a citation number that refers to no passage;
- wrong_citation_passage: a sentence with a figure cites another passage that lacks it;
- altered_amount: a number, amount, percentage or duration changed (value or unit);
- invented_date: a date added that no cited passage contains.
Prints the catch rate per kind and overall (goal >= 95 %) and false alarms (goal 0); the last line
is one JSON object. Pure Python: no model, no database.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rhia.drafting.samples import PASSAGES  # noqa: E402
from rhia.drafting.verify import facts, split_sentences, verify_draft  # noqa: E402

P = PASSAGES  # [1]..[8] in this order

CORRECT: list[str] = [
    "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [1]. L'absence du service "
    "ne peut pas excéder 31 jours consécutifs [1].",
    "Le congé annuel est égal à 5 fois les obligations hebdomadaires de service [1]. Un jour supplémentaire est "
    "accordé si 5, 6 ou 7 jours sont pris en dehors de la période du 1er mai au 31 octobre [2]. Un 2e jour est "
    "accordé à partir de 8 jours [2].",
    "Madame, Monsieur,\nVotre année de congés court du 1er janvier au 31 décembre [1]. Votre absence ne peut pas "
    "dépasser trente et un jours consécutifs [1].\nJe vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
    "Le télétravail est limité à 3 jours par semaine [3]. La présence sur site est d'au moins 2 jours par semaine [3].",
    "La demande de télétravail est écrite et adressée au chef de service [3]. La réponse est donnée dans un délai "
    "d'1 mois [3]. Le refus doit être motivé et précédé d'un entretien [3].",
    "Madame, Monsieur,\nVotre demande de télétravail à raison de 3 jours par semaine a bien été reçue [3]. Une "
    "réponse écrite vous sera adressée dans un délai d'un mois [3].\nVeuillez agréer mes salutations distinguées.",
    "Le temps partiel de droit est accordé jusqu'aux 3 ans de l'enfant [4]. La quotité peut être de 50 %, 60 %, "
    "70 % ou 80 % [4]. La demande est présentée au moins 2 mois avant [4].",
    "Vous pouvez demander un temps partiel de droit à 80 % après la naissance de votre enfant [4]. Il est accordé "
    "jusqu'à ses trois ans [4].",
    "Le CLD dure au maximum 5 ans sur toute la carrière [5]. Le traitement est plein pendant 3 ans puis réduit de "
    "moitié pendant 2 ans [5].",
    "Le congé de longue durée est accordé par période de 3 à 6 mois [5]. Il concerne notamment le cancer et la "
    "maladie mentale [5]. Le plein traitement est maintenu pendant trois ans [5].",
    "Une autorisation d'absence de 5 jours ouvrables peut être accordée pour un mariage ou un Pacs [6].",
    "Madame, Monsieur,\nÀ l'occasion de votre mariage, une autorisation spéciale d'absence de cinq jours ouvrables "
    "peut vous être accordée [6]. Elle est accordée sous réserve des nécessités du service [6].\nCordialement.",
    "Pour un agent travaillant 5 jours par semaine, l'autorisation d'absence pour enfant malade est de 6 jours par "
    "an [7]. Elle est portée à 12 jours si l'agent assume seul la charge de l'enfant [7]. Elle vaut jusqu'aux 16 ans "
    "de l'enfant [7].",
    "Le nombre de jours est égal aux obligations hebdomadaires de service plus 1 jour [7].",
    "Le congé de paternité est de 25 jours calendaires, ou 32 jours en cas de naissances multiples [8]. 4 jours "
    "sont pris immédiatement après le congé de naissance de 3 jours [8].",
    "Les 21 jours restants peuvent être pris dans les 6 mois suivant la naissance [8]. L'agent prévient son "
    "administration au moins 1 mois avant [8].",
    "Selon le texte, « le refus opposé à une demande de télétravail doit être motivé » [3]. Le congé de paternité "
    "est de 25 jours calendaires [8].",
    "Les congés annuels sont calculés sur les obligations hebdomadaires de service [1]. L'agent à temps partiel a "
    "droit au même nombre de semaines de congé [1].",
    "Le CLD est accordé par périodes de 3 à 6 mois [5]. Un agent qui travaille 5 jours par semaine a 25 jours de "
    "congés annuels [1].",
    "Je n'ai pas trouvé ce point dans les textes disponibles. Pour ce point, l'agent peut s'adresser à son "
    "gestionnaire RH de proximité.",
]  # fmt: skip

_CIT = re.compile(r"\[(\d+)\]")
_NUM = re.compile(r"\b\d+\b")


def _sentences(text: str) -> list[str]:
    return [s for paragraph in text.split("\n") for s in split_sentences(paragraph)]


def plant(text: str) -> list[tuple[str, str, str]]:
    """(kind, mutated text, mutated sentence) for each error kind applicable to ``text``."""
    out: list[tuple[str, str, str]] = []
    sentences = [s for s in _sentences(text) if _CIT.search(s)]
    with_figures = [s for s in sentences if facts(s)]
    if sentences:
        s = sentences[-1]
        m = _CIT.search(s)
        bad = s[: m.start()] + f"[{len(P) + 3}]" + s[m.end() :]
        out.append(("wrong_citation_range", text.replace(s, bad), bad))
    for s in with_figures[:1]:
        m = _CIT.search(s)
        cited = int(m.group(1))
        figures = {f.value for f in facts(s)}
        for other in range(1, len(P) + 1):
            other_values = {f.value for f in facts(P[other - 1].text)}
            if other != cited and not figures & other_values:
                bad = s[: m.start()] + f"[{other}]" + s[m.end() :]
                out.append(("wrong_citation_passage", text.replace(s, bad), bad))
                break
    for s in with_figures[:1]:
        m = _NUM.search(_CIT.sub("", s).replace("1er", "premier"))
        if m:
            original = m.group(0)
            new = str(int(original) * 2 + 1)
            bad = re.sub(rf"\b{original}\b", new, s, count=1)
            if bad != s:
                out.append(("altered_amount", text.replace(s, bad), bad))
        for word, unit in (("jours", "semaines"), ("mois", "ans"), ("ans", "mois")):
            if re.search(rf"\d+\s+{word}\b", s):
                bad = re.sub(rf"(\d+\s+){word}\b", rf"\g<1>{unit}", s, count=1)
                out.append(("altered_amount", text.replace(s, bad), bad))
                break
    if sentences:
        s = sentences[0]
        bad = "À compter du 1er septembre 2024, " + s[0].lower() + s[1:]
        out.append(("invented_date", text.replace(s, bad), bad))
        bad2 = s.rstrip(".").rstrip()
        bad2 = re.sub(r"(\s*\[\d+\])+$", lambda m: f" depuis le 15 mars 2023{m.group(0)}", bad2) + "."
        out.append(("invented_date", text.replace(s, bad2), bad2))
    return out


def main() -> int:
    start = time.perf_counter()
    false_alarms = []
    for text in CORRECT:
        result = verify_draft(text, P)
        if not result.ok:
            false_alarms.append((text[:80], result.warnings))
    planted: dict[str, list[int]] = {}
    missed = []
    for text in CORRECT:
        for kind, mutated, sentence in plant(text):
            result = verify_draft(mutated, P)
            caught = (not result.ok) and sentence in result.failing_sentences
            planted.setdefault(kind, [0, 0])
            planted[kind][0] += 1
            planted[kind][1] += caught
            if not caught:
                missed.append((kind, sentence))
    elapsed = time.perf_counter() - start
    total = sum(v[0] for v in planted.values())
    caught = sum(v[1] for v in planted.values())
    print(f"Correct drafts: {len(CORRECT)}, false alarms: {len(false_alarms)} (goal 0)")
    for text, warnings in false_alarms:
        print(f"  FALSE ALARM {text!r}: {warnings}")
    for kind, (n, c) in sorted(planted.items()):
        print(f"{kind:<24} planted {n:>3}  caught {c:>3}  ({c / n:.1%})")
    rate = caught / total if total else 0.0
    print(f"{'all':<24} planted {total:>3}  caught {caught:>3}  ({rate:.1%}, goal >= 95 %)")
    for kind, sentence in missed:
        print(f"  MISSED {kind}: {sentence}")
    checks = len(CORRECT) + total
    print(f"Speed: {checks / elapsed:.0f} drafts verified per second")
    summary = {
        "correct_drafts": len(CORRECT),
        "false_alarms": len(false_alarms),
        "planted": total,
        "caught": caught,
        "catch_rate": round(rate, 4),
        "by_kind": {k: {"planted": n, "caught": c} for k, (n, c) in planted.items()},
        "drafts_per_second": round(checks / elapsed, 1),
        "goal_met": rate >= 0.95 and not false_alarms,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
