"""parse_review(): the review form's corrections, with French errors."""

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string

from rhia.privacy.detect import scan
from rhia.privacy.review import ReviewError, parse_review

TEXT = "Bonjour, je suis Mme Durand. Mon collègue Kerlouan est absent. Kerlouan revient lundi."


def post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in fields.items():
        data.setlist(key, values if isinstance(values, list) else [values])
    return data


def test_remove_and_add_by_selection_and_by_value():
    entities = scan(TEXT).entities
    durand = next(e for e in entities if TEXT[e.start : e.end] == "Durand")  # civility outside
    start = TEXT.index("lundi")
    added, removed = parse_review(
        post(
            remove=f"{durand.start}:{durand.end}",
            add_span=f"{start}:{start + 5}:OTHER",
            add_value="Kerlouan",
            add_label="PERSON",
        ),
        TEXT,
        entities,
    )
    assert removed == [(durand.start, durand.end)]
    first = TEXT.index("Kerlouan")
    second = TEXT.index("Kerlouan", first + 1)
    assert added == [
        (start, start + 5, "OTHER"),
        (first, first + 8, "PERSON"),
        (second, second + 8, "PERSON"),
    ]


def test_text_from_hidden_field_with_crlf():
    data = post(
        review_text=TEXT.replace(" ", " ").replace("Bonjour,", "Bonjour,\r\n"),
        add_value="Kerlouan",
        add_label="PERSON",
    )
    added, removed = parse_review(data)
    assert removed == [] and len(added) == 2


def test_value_not_found_gives_french_error_without_the_value():
    with pytest.raises(ReviewError) as info:
        parse_review(post(add_value="Martin", add_label="PERSON"), TEXT, [])
    assert "introuvable" in str(info.value) and "Martin" not in str(info.value)


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"remove": "abc"}, "Sélection invalide"),
        ({"remove": "5:900"}, "ne correspond pas"),
        ({"add_span": "3:9:INCONNU"}, "Type de donnée inconnu"),
        ({"add_span": "8:9:PERSON"}, "espaces"),
        ({"remove": "0:7"}, "rechargez"),
    ],
)
def test_bad_input(fields, message):
    with pytest.raises(ValueError, match=message):
        parse_review(post(**fields), TEXT, scan(TEXT).entities)


def test_review_include_renders_entities_and_controls():
    entities = scan(TEXT).entities
    html = render_to_string("privacy/_entity_review.html", {"text": TEXT, "entities": entities})
    assert '<mark class="rhia-pii rhia-pii--person"' in html
    assert html.count('name="remove"') == len(entities)
    assert 'name="add_value"' in html and 'name="add_label"' in html and 'name="review_text"' in html
    assert "privacy/review.js" in html
