"""Extract stage: small helpers over a sentence's dependency tree (heads, paths, distances).

The rules attach a date, a place or an actor to the event word that governs it; these
helpers answer "which of these words is closest in the tree" without spaCy objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rashomon.analyse.analysis import Token


class Tree:
    """The dependency tree of one sentence, indexed by document token index."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.by_index = {t.i: t for t in tokens}
        self.children: dict[int, list[Token]] = {}
        for token in tokens:
            if token.head != token.i and token.head in self.by_index:
                self.children.setdefault(token.head, []).append(token)

    def head(self, token: Token) -> Token | None:
        if token.head == token.i:
            return None
        return self.by_index.get(token.head)

    def path_to_root(self, token: Token) -> list[Token]:
        path = [token]
        seen = {token.i}
        node = token
        while (parent := self.head(node)) is not None and parent.i not in seen:
            path.append(parent)
            seen.add(parent.i)
            node = parent
        return path

    def distance(self, a: Token, b: Token) -> int:
        """Edges between two tokens in the tree; unrelated tokens are far apart."""
        depth_a = {t.i: d for d, t in enumerate(self.path_to_root(a))}
        for d, t in enumerate(self.path_to_root(b)):
            if t.i in depth_a:
                return depth_a[t.i] + d
        return 99

    def span_head(self, start: int, end: int) -> Token | None:
        """The token inside a character span whose head lies outside it."""
        inside = [t for t in self.tokens if t.start >= start and t.end <= end] or [
            t for t in self.tokens if t.start < end and t.end > start
        ]
        indices = {t.i for t in inside}
        for token in inside:
            if token.head not in indices or token.head == token.i:
                return token
        return inside[-1] if inside else None

    def clause_verb(self, token: Token) -> Token | None:
        """The nearest verb at or above a token (the verb of its clause)."""
        for node in self.path_to_root(token):
            if node.pos in ("VERB", "AUX") and node.dep != "aux" and node.dep != "auxpass":
                return node
        return None

    def has_child(self, token: Token, lemmas: Iterable[str], *, deps: Iterable[str] | None = None) -> bool:
        wanted = set(lemmas)
        allowed = set(deps) if deps is not None else None
        return any(
            (c.lemma.lower() in wanted or c.text.lower() in wanted) and (allowed is None or c.dep in allowed)
            for c in self.children.get(token.i, [])
        )

    def subtree(self, token: Token) -> list[Token]:
        found = [token]
        stack = [token]
        while stack:
            node = stack.pop()
            for child in self.children.get(node.i, []):
                found.append(child)
                stack.append(child)
        return sorted(found, key=lambda t: t.i)
