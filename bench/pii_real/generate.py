"""Build the independent privacy evaluation set: ``python -m bench.pii_real.generate``.

Writes bench/data/pii_real_dev.jsonl and bench/data/pii_real_test.jsonl (frozen: regenerate only
with the same seed; the test split is read once, at the end). Values and templates are ours
(values.py, templates.py); identifiers are valid (checksums) and written in their real-world variants.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

from bench.pii_real import values
from bench.pii_real.templates import TEMPLATES

OUT = Path(__file__).resolve().parent.parent / "data"
DOCS_PER_TEMPLATE = {"dev": 8, "test": 10, "holdout": 15}
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS_ABBR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def _pool(items: list, split: str, holdout: list) -> list:
    if split == "holdout":
        return holdout
    return items[0::2] if split == "dev" else items[1::2]


def _fold_ascii(value: str) -> str:
    value = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    table = str.maketrans("àâäáãçéèêëíïîñóôöõúùûüÿœæšłńśźż'’ ", "aaaaaceeeeiiinoooouuuuyoaslnszz---")
    return value.lower().translate(table)


class Person:
    def __init__(self, rng: random.Random, split: str):
        self.first = rng.choice(_pool(values.FIRST_NAMES, split, values.HOLDOUT_FIRST_NAMES))
        self.last = rng.choice(_pool(values.LAST_NAMES, split, values.HOLDOUT_LAST_NAMES))
        domain = rng.choice(values.DOMAINS)
        first, last = _fold_ascii(self.first), _fold_ascii(self.last).replace("-", "")
        local = rng.choice(
            [
                f"{first}.{last}",
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}{last}{rng.randint(1, 99)}",
                f"{first}_{last}",
                f"{last}.{first}",
            ]
        )
        self.email = f"{local}@{domain}"

    def slot(self, kind: str) -> str:
        return {
            "full": f"{self.first} {self.last}",
            "rev": f"{self.last.upper()} {self.first}",
            "first": self.first,
            "last": self.last,
            "LAST": self.last.upper(),
            "lower": f"{self.first} {self.last}".lower(),
            "flow": self.first.lower(),
            "init": f"{self.first[0]}. {self.last}",
        }[kind]


def _nir(rng: random.Random) -> str:
    body = f"{rng.choice('12')}{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}"
    body += (
        rng.choice(["29", "75", "2A", "69", "13", "99", "59", "93"])
        + f"{rng.randint(1, 990):03d}{rng.randint(1, 990):03d}"
    )
    key = 97 - int(body.replace("2A", "19").replace("2B", "18")) % 97
    groups = [body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13]]
    style = rng.randrange(6)
    if style == 0:
        return body + f"{key:02d}"
    if style == 1:
        return " ".join(groups) + f" {key:02d}"
    if style == 2:
        return " ".join(groups) + f" clé {key:02d}"
    if style == 3:
        return ".".join(groups) + f".{key:02d}"
    if style == 4:
        return body  # 13 digits, key forgotten
    return " ".join(groups) + f" - {key:02d}"


def _iban(rng: random.Random) -> str:
    country, length = rng.choice(
        [("FR", 27), ("FR", 27), ("FR", 27), ("BE", 16), ("ES", 24), ("PT", 25), ("DE", 22)]
    )
    bban = "".join(str(rng.randrange(10)) for _ in range(length - 4))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    raw = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    style = rng.randrange(5)
    grouped = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    if style == 0:
        return raw
    if style == 1:
        return grouped.lower()
    if style == 2:
        return raw.lower()
    return grouped


def _numen(rng: random.Random) -> str:
    digits = f"{rng.randint(1, 99):02d}"
    letter = rng.choice("EABS")
    body = "".join(str(rng.randrange(10)) for _ in range(7))
    suffix = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    style = rng.randrange(5)
    if style == 0:
        return f"{digits}{letter}{body}{suffix}"
    if style == 1:
        return f"{digits}{letter}{body}{suffix}".lower()
    if style == 2:
        return f"{digits}-{letter}-{body}-{suffix}"
    if style == 3:
        return f"{digits} {letter} {body[:3]} {body[3:]} {suffix}"
    return f"{digits}{letter} {body} {suffix}"


def _phone(rng: random.Random) -> str:
    digits = rng.choice("67") + "".join(str(rng.randrange(10)) for _ in range(8))
    pairs = [digits[i : i + 2] for i in range(1, 9, 2)]
    style = rng.randrange(8)
    if style == 0:
        return "0" + digits[0] + " " + " ".join(pairs)
    if style == 1:
        return "0" + digits
    if style == 2:
        return "0" + digits[0] + "." + ".".join(pairs)
    if style == 3:
        return "+33 " + digits[0] + " " + " ".join(pairs)
    if style == 4:
        return "+33 (0)" + digits[0] + " " + " ".join(pairs)
    if style == 5:
        return f"0{digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"  # 3-3-2-2
    if style == 6:
        return f"+33 {digits[:3]} {digits[3:6]} {digits[6:]}"  # 3-3-3
    return "0" + digits[0] + "-" + "-".join(pairs)


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1958, 2001)
    style = rng.randrange(9)
    if style == 0:
        return f"{day:02d}/{month:02d}/{year}"
    if style == 1:
        return f"{year}-{month:02d}-{day:02d}"
    if style == 2:
        return f"{day:02d} {month:02d} {year}"
    if style == 3:
        return f"{day} {MONTHS[month - 1]} {year % 100:02d}"
    if style == 4:
        return f"{day} {MONTHS_ABBR[month - 1]} {year}"
    if style == 5:
        return f"{day:02d}.{month:02d}.{year % 100:02d}"
    if style == 6:
        return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"
    if style == 7:
        return f"{day}/{month}/{year % 100:02d}"
    return f"{day:02d}-{month:02d}-{year}"


def _address(rng: random.Random) -> str:
    code, city = rng.choice(values.CITIES)
    style = rng.randrange(6)
    number = rng.choice([str(rng.randint(1, 140)), f"{rng.randint(1, 40)} bis", f"{rng.randint(1, 40)}ter"])
    street = rng.choice(values.STREETS)
    if style == 0:
        return f"{number} {street}, {code} {city}"
    if style == 1:
        return f"{rng.choice(values.RESIDENCES)}, bât. {rng.choice('ABCD')}, {code} {city}"
    if style == 2:
        return f"{rng.choice(values.RESIDENCES)}, {number} {street}, {code} {city}"
    if style == 3:
        return f"{number} {street} {code} {city}".lower()
    if style == 4:
        return f"{number}, {street}\n{code} {city.upper()}"
    return f"{number} {street} à {city}"


BORN = [
    "né le {d}",
    "née le {d}",
    "né(e) le {d}",
    "Date de naissance : {d}",
    "DDN : {d}",
    "née à {c} le {d}",
    "né le {d} à {c}",
    "Né(e) le : {d}",
]
SLOT_RE = re.compile(r"\{([A-Z]+(?::[a-z_]+)?|[PQR]\.[A-Za-z]+)\}")


def render(template: str, family: str, rng: random.Random, split: str) -> dict:
    people = {"P": Person(rng, split), "Q": Person(rng, split), "R": Person(rng, split)}
    while len({p.last for p in people.values()}) < 3 or len({p.first for p in people.values()}) < 3:
        people = {"P": Person(rng, split), "Q": Person(rng, split), "R": Person(rng, split)}
    fixed = {
        "PHONE": _phone(rng),
        "NIR": _nir(rng),
        "IBAN": _iban(rng),
        "NUMEN": _numen(rng),
        "ADDR": _address(rng),
        "BDATE": _date(rng),
    }
    text, spans, sensitive = "", [], set()
    position = 0
    for m in SLOT_RE.finditer(template):
        text += template[position : m.start()]
        position = m.end()
        slot = m.group(1)
        if slot[0] in "PQR" and slot[1] == ".":
            person, kind = people[slot[0]], slot[2:]
            value, label = (person.email, "EMAIL") if kind == "email" else (person.slot(kind), "PERSON")
        elif slot in ("PHONE", "NIR", "IBAN", "NUMEN", "BDATE"):
            value, label = fixed[slot], {"BDATE": "BIRTHDATE"}.get(slot, slot)
        elif slot == "ADDR":
            value, label = fixed[slot], "ADDRESS"
        elif slot == "BORN":
            code, city = rng.choice(values.CITIES)
            pattern = rng.choice(BORN)
            before, after = pattern.split("{d}")
            text += before.replace("{c}", city)
            spans.append({"start": len(text), "end": len(text) + len(fixed["BDATE"]), "label": "BIRTHDATE"})
            text += fixed["BDATE"] + after.replace("{c}", city)
            continue
        elif slot.startswith("SENS:"):
            category = slot[5:]
            value, label = rng.choice(values.SENSITIVE[category]), None
            sensitive.add(category)
            if category == "grossesse":
                sensitive.add("sante")  # the project counts a pregnancy as health data too
        elif slot == "NEG":
            value, label = rng.choice(values.NEGATIVES), None
        elif slot == "SCHOOL":
            value, label = rng.choice(values.SCHOOLS), None
        elif slot == "CITY":
            value, label = rng.choice(values.CITIES)[1], None
        else:
            raise ValueError(f"unknown slot {slot}")
        if label:
            spans.append({"start": len(text), "end": len(text) + len(value), "label": label})
        text += value
    text += template[position:]
    if family.endswith("_lc") and len(text.lower()) == len(text):
        text = text.lower()
    return {"text": text, "spans": spans, "sensitive": sorted(sensitive), "family": family}


def build(split: str, seed: int) -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for index, (family, template_split, template) in enumerate(TEMPLATES):
        if template_split != split:
            continue
        for n in range(DOCS_PER_TEMPLATE[split]):
            doc = render(template, family, rng, split)
            doc["id"] = f"{split}-{index:02d}-{n:02d}"
            docs.append(doc)
    return docs


def main() -> None:
    for split, seed in (("dev", 1501), ("test", 1502), ("holdout", 1503)):
        path = OUT / f"pii_real_{split}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for doc in build(split, seed):
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{path}: {sum(1 for _ in path.open())} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
