"""The answer fingerprint: equal wrong answers give equal digests, different answers different ones."""

import numpy as np
import pytest

from grader.engine.fingerprint import AnswerDigest, rounded_floats


def digest(*values) -> str:
    d = AnswerDigest()
    for value in values:
        d.add(value)
    return d.hexdigest()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_float_noise_of_another_operation_order_gives_the_same_digest(seed):
    rng = np.random.default_rng(seed)
    theta, v, g = rng.normal(size=(3, 4, 3))
    one = 0.9 * v - 2 * 0.05 * g + theta
    other = theta + (v * 0.9 - (0.05 + 0.05) * g)
    assert digest((one, v)) == digest((other, v))


def test_different_answers_structures_and_kinds_give_different_digests():
    x = np.linspace(-1, 1, 7)
    digests = {digest(x), digest(x * 1.0001), digest(x.reshape(7, 1)), digest([x]), digest((x,)),
               digest(x.astype(np.int64)), digest(x, x), digest(None), digest(float(x[1]))}
    assert len(digests) == 9


def test_rounding_keeps_six_significant_digits_and_carries():
    mantissa, exponent, kind = rounded_floats([9.9999996, 1.2345674e-7, -3.0, 0.0, np.nan, np.inf])
    assert mantissa[:3].tolist() == [100000, 123457, -300000] and exponent[:3].tolist() == [1, -7, 0]
    assert kind.tolist() == [0, 0, 0, 1, 2, 3]


def test_entries_at_float_noise_level_count_as_zero():
    assert digest(np.array([1.0, 1e-17, -2.0])) == digest(np.array([1.0, 0.0, -2.0]))
    assert digest(np.array([1.0, 1e-3])) != digest(np.array([1.0, 0.0]))


def test_failures_count_and_nothing_added_gives_empty():
    empty = AnswerDigest()
    assert empty.hexdigest() == ""
    failed = AnswerDigest()
    failed.add_failure("nag_step:raised:ValueError")
    assert len(failed.hexdigest()) == 16 and failed.hexdigest() != digest(None)


def test_a_huge_array_is_rounded_in_chunks_against_its_whole_range():
    from grader.engine.fingerprint import CHUNK

    values = np.linspace(-1.0, 1.0, 3 * CHUNK + 5)
    values[:CHUNK] = 0.0
    values[-1] = 1e6  # the noise floor (1e-9 × 1e6) follows the largest entry, even in another chunk
    noisy = values.copy()
    noisy[1:CHUNK:7] = 1e-4  # zero answers off by float noise, in the first chunk
    assert digest(values) == digest(noisy)
    noisy[2 * CHUNK] += 1e-2
    assert digest(values) != digest(noisy)


def test_answers_hashed_late_or_early_give_the_same_digest(monkeypatch):
    # Answers are kept and hashed when the digest is asked for, or at once past a size.
    rng = np.random.default_rng(3)
    answers = [rng.normal(size=(40, 30)), (rng.normal(size=5), {"dW": rng.normal(size=(3, 3))}), None]

    def with_failure_between():
        d = AnswerDigest()
        d.add(answers[0])
        d.add_failure("rnn_step:raised:ValueError")
        for value in answers[1:]:
            d.add(value)
        return d.hexdigest()

    late = with_failure_between()
    monkeypatch.setattr(AnswerDigest, "PENDING_BYTES", 100)
    assert with_failure_between() == late
    monkeypatch.setattr(AnswerDigest, "PENDING_BYTES", 0)
    assert with_failure_between() == late
    assert digest(*answers) != late
