"""Rule titles: the human name of every rule id a report can carry, in English or Chinese.

Compliance rules (``CW…``) carry ``title``/``title_zh`` in their packs (``resources/rules``,
required by the loader), print checks (``PF…``) in ``app.export.preflight.TITLES``, the
artwork reader's own finding (``AW001``) in ``app.batch.analyze``. The batch window, the
designer's findings panel and hover card, and ``cardwise rules`` name rules through
:func:`rule_title`. Qt-free.
"""
from __future__ import annotations

from functools import lru_cache

from app.batch.analyze import LOW_CONFIDENCE_RULE, LOW_CONFIDENCE_TITLE


@lru_cache(maxsize=1)
def titles() -> dict[str, tuple[str, str]]:
    """rule id → (title, title_zh) for every rule and check."""
    from app.export.preflight import TITLES
    from checks.rules import load_rules

    out = {r.id: (r.title, r.title_zh) for r in load_rules().rules}
    out.update(TITLES)
    out[LOW_CONFIDENCE_RULE] = LOW_CONFIDENCE_TITLE
    return out


def rule_title(rule_id: str, chinese: bool = False) -> str:
    """The title of ``rule_id`` (Chinese when ``chinese``); the id itself when it has none."""
    pair = titles().get(rule_id)
    if pair is None:
        return rule_id
    return pair[1] if chinese and pair[1] else pair[0]
