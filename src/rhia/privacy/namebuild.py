"""Build-time derivation of the compact name-frequency tables from ``names-dataset``.

``python -m rhia.privacy.namebuild`` (about a minute, 2 GB of RAM once) writes
``data/world_first_names.txt`` and ``data/world_last_names.txt``: folded names that rank in the
top ``MAX_RANK`` of at least one of the 105 countries of names-dataset, minus French words (spaCy's
lemmatizer tables and stop words), so "Bonjour" or "Maison" never count as names. Loading
names-dataset itself at run time would cost ~20 s and ~1.9 GB per process; the tables cost ~15 MB.
"""

from __future__ import annotations

import gzip
import pickle
import re
from pathlib import Path

from rhia.privacy.lexicon import DATA, fold, french_words

MAX_RANK = {"first": 1500, "last": 1500}
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


def main() -> None:
    for kind in ("first", "last"):
        names = build(kind)
        path = DATA / f"world_{kind}_names.txt"
        header = f"# derived from names-dataset 3 by rhia.privacy.namebuild (rank <= {MAX_RANK[kind]}, French words removed)\n"
        path.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
        print(f"{path}: {len(names)} names")


if __name__ == "__main__":
    main()
