"""A few hundred seeded mutations of real project files (the same cases as
bench/fuzz_project.py, which runs thousands): each is refused with one short line naming the
file, or it opens, saves and reopens to the same document; the input is never changed."""
from __future__ import annotations

import warnings
from collections import Counter

import pytest

from bench.fuzz_project import check_one, mutate, samples


@pytest.fixture(scope="module")
def bases():
    return samples()


def test_three_hundred_mutated_project_files(tmp_path, bases):
    """Corrupt compressed data, odd zip versions, huge/tiny/infinite numbers, lone surrogates
    and path-like font names once crashed the loader or made files that would not reopen."""
    outcomes: Counter[str] = Counter()
    failures = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for seed in range(300):
            name, data = mutate(seed, bases)
            outcome, detail = check_one(data, tmp_path)
            outcomes[outcome] += 1
            if outcome.startswith("FAIL"):
                failures.append(f"seed {seed} ({name}): {outcome} {detail}")
    assert failures == []
    # the mutations reach both ends: some files are refused, some still open and round-trip
    assert outcomes["refused"] > 100 and outcomes["round-trip"] > 10
