"""Extract stage: which event words tell an event.

Consumes one sentence's dependency tree, its trigger words and the actor roles found in it;
says whether a trigger is an event the report states: not hypothetical ("planned to bomb"),
prevented, negated or future, and for an ambiguous word ("strike": labour strikes, "struck a
deal") only with a military modifier or a state or armed group as the one striking. The word
lists are the lexicon's (`rashomon/extract/data/lexicon.yaml`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.analyse.analysis import Token
from rashomon.extract.lexicon import Lexicon
from rashomon.extract.perpetrators import RoleFinding
from rashomon.extract.syntax import Tree
from rashomon.extract.triggers import Trigger


def tells_event(
    tree: Tree, trigger: Trigger, lexicon: Lexicon, tokens: Sequence[Token], roles: Sequence[RoleFinding]
) -> bool:
    """Whether an event word tells an event: factual, and for an ambiguous word ("strike") military."""
    token = tree.by_index.get(trigger.token)
    if token is None:
        return False
    if trigger.entry.ambiguous and not _military_strike(tree, token, lexicon, tokens, roles):
        return False
    return _factual(tree, token, lexicon)


def _military_strike(
    tree: Tree, token: Token, lexicon: Lexicon, tokens: Sequence[Token], roles: Sequence[RoleFinding]
) -> bool:
    """`strike` is military with a military modifier, or when a state or armed group strikes."""
    if tree.has_child(token, lexicon.military_strike_modifiers):
        return True
    previous = [t for t in tokens if t.i == token.i - 1]
    if previous and previous[0].lemma.lower() in lexicon.military_strike_modifiers:
        return True
    for role in roles:
        if role.verb == token.i or tree.distance(token, tree.by_index.get(role.verb, token)) <= 1:
            return role.mention.kind in ("state", "state_security_body", "armed_group", "militia")
    # "a suicide bomber struck a wedding", "gunmen struck the convoy": attackers strike
    return any(
        child.dep == "nsubj" and child.lemma.lower() in lexicon.attacker_nouns
        for child in tree.children.get(token.i, [])
    )


def _factual(tree: Tree, token: Token, lexicon: Lexicon) -> bool:
    """False for hypothetical, planned, prevented, negated or future events."""
    if tree.has_child(token, {"not", "never", "n't"}, deps={"neg"}):
        return False
    if tree.has_child(token, lexicon.non_factual_modifiers):
        return False
    path = tree.path_to_root(token)
    for depth, node in enumerate(path[:5]):
        if depth > 0 and (node.lemma.lower() in lexicon.non_factual_governors):
            return False
        if node.pos in ("VERB", "AUX") and tree.has_child(node, lexicon.non_factual_auxiliaries, deps={"aux"}):
            return False
        if depth > 0 and node.pos == "VERB" and tree.has_child(node, {"not", "never", "n't"}, deps={"neg"}):
            return False
    return True
