"""Claims of responsibility and denials of any role, linked to the event they claim.

Sentences written for these tests; stories are published on Thursday 14 March 2024."""

from __future__ import annotations

import pytest

from threadline.extract.events.lexicon import load_claim_cues

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Liwa al-Nasr": ORG,
    "Harakat al-Wafa": ORG,
    "Hadi Qasim": PER,
    "Basra": LOC,
    "Syria": LOC,
    "US": LOC,
}
ATTACK = "Gunmen attacked a checkpoint in Basra on Monday. "


def claims(doc) -> list[tuple[str, str, str, str]]:
    """(claimant, kind, modality, quote of the claimed event) for every claim of the story."""
    events = doc.events()
    quote = {e.id: e.evidence.quote for e in events}
    return [
        (doc.text_of(c.claimant), c.kind, c.modality, quote[c.event])
        for e in events
        for c in e.claims
        if c.event == e.id
    ]


def only_attack(doc):
    attacks = [e for e in doc.events() if e.type == "attack"]
    assert len(attacks) == 1, attacks
    return attacks[0]


@pytest.mark.parametrize(
    "claim",
    [
        "Harakat al-Wafa claimed responsibility for the attack.",
        "Harakat al-Wafa later claimed the attack.",
        "Harakat al-Wafa claimed responsibility in a statement.",
        "Harakat al-Wafa took responsibility for the attack on Tuesday.",
    ],
)
def test_a_claim_of_responsibility_names_its_claimant_and_the_event(parse, claim):
    doc = parse(ATTACK + claim, NAMES)
    attack = only_attack(doc)
    assert claims(doc) == [("Harakat al-Wafa", "responsibility", "asserted", attack.evidence.quote)]
    claimed = attack.claims[0]
    assert claimed.evidence.quote == claim
    assert doc.story.text[claimed.evidence.start : claimed.evidence.end] == claim
    assert attack.modality == "asserted"  # the attack itself is taken as given


def test_said_it_had_carried_out_is_a_claim(parse):
    doc = parse("Liwa al-Nasr said it had carried out a drone attack on a base in Syria on Saturday.", NAMES)
    attack = only_attack(doc)
    assert claims(doc) == [("Liwa al-Nasr", "responsibility", "asserted", attack.evidence.quote)]
    assert attack.date.value == "2024-03-09"


def test_a_commander_speaking_for_the_group(parse):
    doc = parse(
        "Hadi Qasim, the commander of Liwa al-Nasr, spoke in Basra. "
        "Hadi Qasim said the group had carried out a drone attack on a base in Syria.",
        NAMES,
    )
    assert [(c[0], c[1]) for c in claims(doc)] == [("Liwa al-Nasr", "responsibility")]


def test_another_party_saying_who_did_it_is_no_claim(parse):
    doc = parse("Harakat al-Wafa said Liwa al-Nasr had carried out the attack on a base in Syria.", NAMES)
    assert claims(doc) == []


def test_no_group_claimed_responsibility_is_no_claim_and_denies_no_attack(parse):
    doc = parse(ATTACK + "No group claimed responsibility for the attack.", NAMES)
    assert claims(doc) == []
    assert only_attack(doc).modality == "asserted"
    doc = parse(ATTACK + "Harakat al-Wafa has not claimed responsibility for the attack.", NAMES)
    assert claims(doc) == []
    assert "Harakat al-Wafa" not in doc.names(only_attack(doc))


@pytest.mark.parametrize(
    "denial",
    [
        "Harakat al-Wafa denied any role in the attack.",
        "Harakat al-Wafa denied any role.",
        "Harakat al-Wafa denied carrying out the attack.",
        "Harakat al-Wafa said it had no connection to the gunmen.",
        "Harakat al-Wafa denied that it was behind the attack.",
    ],
)
def test_a_denial_of_any_role_is_a_denial_claim(parse, denial):
    doc = parse(ATTACK + denial, NAMES)
    attack = only_attack(doc)
    assert claims(doc) == [("Harakat al-Wafa", "denial", "denied", attack.evidence.quote)]
    assert attack.modality == "asserted"  # denying a role does not deny the attack
    assert "Harakat al-Wafa" not in doc.names(attack)


def test_a_denial_with_nothing_told_before_it_claims_nothing(parse):
    doc = parse("Harakat al-Wafa denied any role.", NAMES)
    assert claims(doc) == []


def test_a_group_said_to_have_no_role_by_someone_else_makes_no_denial(parse):
    doc = parse(ATTACK + "Officials said Harakat al-Wafa had no role in the attack.", NAMES)
    assert claims(doc) == []
    attack = only_attack(doc)
    assert attack.modality == "asserted"
    assert "Harakat al-Wafa" not in doc.names(attack)


def test_claim_cues_are_words():
    cues = load_claim_cues()
    assert {"attack"} <= cues.claimable
    assert {"claim", "deny", "say", "carry", "responsibility", "role"} <= (
        cues.claim_verbs | cues.deny_verbs | cues.speech_verbs | cues.doing_verbs | cues.role_nouns
    )


def test_denying_having_attacked_is_a_denied_attack_not_a_given_one(parse):
    doc = parse("Harakat al-Wafa denied that it attacked Syria.", NAMES)
    attack = only_attack(doc)
    assert attack.modality == "denied"
    assert doc.names(attack) == {"Harakat al-Wafa", "Syria"}
    assert [(c[0], c[1]) for c in claims(doc)] == [("Harakat al-Wafa", "denial")]


def test_a_denied_meeting_is_no_claim_and_stays_denied(parse):
    doc = parse("Hadi Qasim denied that he met Liwa al-Nasr in Basra.", NAMES)
    assert doc.event("meeting").modality == "denied"
    assert doc.event("meeting").claims == ()
