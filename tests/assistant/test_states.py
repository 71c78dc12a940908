"""The case state machine, walked exhaustively: every action from every state, for every kind of actor."""

from __future__ import annotations

import itertools

import pytest

from rhia.assistant import states as s

ALL_STATES = [s.State(status, stage) for status in s.STATUS_LABELS for stage in s.STAGE_LABELS]
OWNER = s.Actor(is_owner=True, can_use=True, can_validate=False)
OWNER_VALIDATOR = s.Actor(is_owner=True, can_use=True, can_validate=True)
VALIDATOR = s.Actor(is_owner=False, can_use=True, can_validate=True)
STRANGER = s.Actor(is_owner=False, can_use=True, can_validate=False)
ACTORS = [OWNER, OWNER_VALIDATOR, VALIDATOR, STRANGER]

# The whole table: (status, stage) -> action -> resulting (status, stage), for the owner.
EXPECTED_OWNER = {
    (s.DRAFT, s.REVIEW): {s.CONFIRM_REVIEW: (s.DRAFT, s.SOURCES), s.ABANDON: (s.ABANDONED, s.DONE)},
    (s.DRAFT, s.SOURCES): {
        s.CONFIRM_REVIEW: (s.DRAFT, s.SOURCES),
        s.SELECT_SOURCES: (s.DRAFT, s.SOURCES),
        s.GENERATE: (s.DRAFT, s.DRAFTS),
        s.ABANDON: (s.ABANDONED, s.DONE),
    },
    (s.DRAFT, s.DRAFTS): {
        s.SELECT_SOURCES: (s.DRAFT, s.SOURCES),
        s.GENERATE: (s.DRAFT, s.DRAFTS),
        s.CHOOSE: (s.DRAFT, s.EDIT),
        s.ABANDON: (s.ABANDONED, s.DONE),
    },
    (s.DRAFT, s.EDIT): {
        s.CHOOSE: (s.DRAFT, s.EDIT),
        s.EDIT_TEXT: (s.DRAFT, s.EDIT),
        s.SUBMIT: (s.PENDING, s.DONE),
        s.VALIDATE: (s.VALIDATED, s.DONE),
        s.ABANDON: (s.ABANDONED, s.DONE),
    },
    (s.PENDING, s.DONE): {s.VALIDATE: (s.VALIDATED, s.DONE), s.ABANDON: (s.ABANDONED, s.DONE)},
    (s.VALIDATED, s.DONE): {s.EXPORT: (s.EXPORTED, s.DONE)},
    (s.EXPORTED, s.DONE): {s.EXPORT: (s.EXPORTED, s.DONE)},
}


@pytest.mark.parametrize(("state", "action"), list(itertools.product(ALL_STATES, s.ACTIONS)))
def test_owner_table(state, action):
    expected = EXPECTED_OWNER.get((state.status, state.stage), {}).get(action)
    if expected is None:
        with pytest.raises(s.TransitionRefused) as refused:
            s.transition(state, action, OWNER)
        assert refused.value.message  # a French reason, never empty
    else:
        assert s.transition(state, action, OWNER) == s.State(*expected)


def test_no_export_before_validation_for_anyone():
    for state, actor in itertools.product(ALL_STATES, ACTORS):
        if state.status in (s.VALIDATED, s.EXPORTED):
            continue
        with pytest.raises(s.TransitionRefused):
            s.transition(state, s.EXPORT, actor)


def test_second_validation_refuses_the_owner_even_if_validator():
    pending = s.State(s.PENDING, s.DONE)
    editing = s.State(s.DRAFT, s.EDIT)
    for actor in (OWNER, OWNER_VALIDATOR):
        for state in (pending, editing):
            with pytest.raises(s.TransitionRefused) as refused:
                s.transition(state, s.VALIDATE, actor, second_validation=True)
            assert refused.value.code == "second_validation"
    assert s.transition(pending, s.VALIDATE, VALIDATOR, second_validation=True) == s.State(
        s.VALIDATED, s.DONE
    )


def test_second_validation_needs_submission_first():
    with pytest.raises(s.TransitionRefused) as refused:
        s.transition(s.State(s.DRAFT, s.EDIT), s.VALIDATE, VALIDATOR, second_validation=True)
    assert refused.value.code == "state"


def test_stranger_can_do_nothing():
    for state, action in itertools.product(ALL_STATES, s.ACTIONS):
        with pytest.raises(s.TransitionRefused):
            s.transition(state, action, STRANGER, second_validation=False)


def test_validator_of_someone_else():
    pending = s.State(s.PENDING, s.DONE)
    assert s.available_actions(pending, VALIDATOR) == [s.VALIDATE, s.RETURN]
    assert s.transition(pending, s.RETURN, VALIDATOR) == s.State(s.DRAFT, s.EDIT)
    # A validator does not write someone else's draft nor validate it before submission.
    for action in (s.EDIT_TEXT, s.CHOOSE, s.SUBMIT, s.VALIDATE, s.ABANDON):
        with pytest.raises(s.TransitionRefused):
            s.transition(s.State(s.DRAFT, s.EDIT), action, VALIDATOR)
    assert s.transition(s.State(s.VALIDATED, s.DONE), s.EXPORT, VALIDATOR) == s.State(s.EXPORTED, s.DONE)


def test_owner_cannot_return_own_case():
    with pytest.raises(s.TransitionRefused):
        s.transition(s.State(s.PENDING, s.DONE), s.RETURN, OWNER_VALIDATOR)


def test_abandoned_is_final():
    abandoned = s.State(s.ABANDONED, s.DONE)
    for actor in ACTORS:
        assert s.available_actions(abandoned, actor) == []


def test_unknown_action():
    with pytest.raises(s.TransitionRefused) as refused:
        s.transition(s.State(s.DRAFT, s.REVIEW), "teleport", OWNER)
    assert refused.value.code == "unknown"
