"""Build-time derivation of the compact name-frequency tables from ``names-dataset``.

``python -m rhia.privacy.namebuild`` (about a minute, 2 GB of RAM once) writes
``data/world_first_names.txt`` and ``data/world_last_names.txt``: folded names that rank in the
top ``MAX_RANK`` of at least one of the 105 countries of names-dataset, minus French words (spaCy's
lemmatizer tables and stop words), so "Bonjour" or "Maison" never count as names; and
``data/word_first_names.txt``: the first names that are also French words and rank in the top
``WORD_FIRST_RANK`` in France or another French-speaking country ("Pierre", "Patrice", "Rose",
"Amadou"), trusted only where a structure says a person is meant (a signature, "merci Fred"). Loading
names-dataset itself at run time would cost ~20 s and ~1.9 GB per process; the tables cost ~15 MB.
"""

from __future__ import annotations

import gzip
import pickle
import re
from pathlib import Path

from rhia.privacy.lexicon import DATA, fold, french_words

MAX_RANK = {"first": 1500, "last": 1500}
WORD_FIRST_RANK = {"FR": 1000, "BE": 500, "CH": 500, "CA": 500, "LU": 500}
NAME_SHAPE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’-]+$")


def _source(kind: str) -> Path:
    import names_dataset

    return Path(names_dataset.__file__).parent / "v3" / f"{kind}_names.pkl.gz"


def build(kind: str) -> list[str]:
    with gzip.open(_source(kind)) as handle:
        table = pickle.load(handle)  # noqa: S301 - the package's own data file
    vocabulary = french_words()
    names = set()
    for name, info in table.items():
        ranks = [rank for rank in info["rank"].values() if rank]
        if not ranks or min(ranks) > MAX_RANK[kind] or not NAME_SHAPE.match(name):
            continue
        folded = fold(name)
        if len(folded) < 2 or folded in vocabulary:
            continue
        names.add(folded)
    return sorted(names)


def build_word_first() -> list[str]:
    """First names that are French words, frequent in a French-speaking country."""
    from rhia.privacy.lexicon import NOT_NAMES, stop_words
    from rhia.privacy.names_shape import PARTICLES

    with gzip.open(_source("first")) as handle:
        table = pickle.load(handle)  # noqa: S301 - the package's own data file
    vocabulary, stops = french_words(), stop_words()
    names = set()
    for name, info in table.items():
        folded = fold(name)
        if not NAME_SHAPE.match(name) or len(folded) < 3 or folded not in vocabulary:
            continue
        if folded in stops or folded in NOT_NAMES or folded in PARTICLES:
            continue
        if any((info["rank"].get(country) or 10**9) <= rank for country, rank in WORD_FIRST_RANK.items()):
            names.add(folded)
    return sorted(names)


def _write(path: Path, header: str, names: list[str]) -> None:
    path.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{path}: {len(names)} names")


def main() -> None:
    for kind in ("first", "last"):
        header = f"# derived from names-dataset 3 by rhia.privacy.namebuild (rank <= {MAX_RANK[kind]}, French words removed)\n"
        _write(DATA / f"world_{kind}_names.txt", header, build(kind))
    header = f"# derived from names-dataset 3 by rhia.privacy.namebuild (French words, rank <= {WORD_FIRST_RANK})\n"
    _write(DATA / "word_first_names.txt", header, build_word_first())


if __name__ == "__main__":
    main()
