"""Issue 10, "Grade claims, not words": each rubric below judges what an answer says about a
term, not that it names it. For every question, answers written for this test (not taken from
any evaluation set) in several voices: correct ones must score at least 60, confidently wrong
ones that use the right vocabulary with wrong predicates at most 30."""

import pytest

from grader_helpers import grade

RIGHT_MIN = 60
WRONG_MAX = 30

ANSWERS: dict[str, dict[str, list[str]]] = {
    "from-numpy": {
        "right": [
            "torch.from_numpy(a) returns a CPU tensor that shares memory with the array without a copy, so "
            "changing a in place changes the tensor as well. It keeps the dtype: float64 stays float64, "
            "so call .float() before a float32 layer. Use torch.tensor(a) when you want a copy.",
            "So from_numpy is basically the bridge from NumPy into PyTorch. The thing to know is that it "
            "doesn't copy anything, the tensor just points at the same underlying buffer as the ndarray, "
            "which is great for speed but it bites you when you later modify the array, because the "
            "tensor sees the modification too. Another gotcha is the dtype: numpy arrays are float64 by "
            "default and from_numpy keeps that, so you end up with a double tensor and the model, which "
            "is float32, complains with expected scalar type Float but found Double. I usually just call "
            ".float() on it. And if you really want an independent copy, torch.tensor(arr) or .clone() "
            "gives you one.",
            "```\na = np.zeros(3)\nt = torch.from_numpy(a)\na += 1          # t changes too, same memory\n"
            "print(t.dtype)  # torch.float64, numpy's default\nx = t.float()   # float32 copy for nn layers\n```\n"
            "from_numpy wraps the array without copying, so a modification of either one shows in the "
            "other. The dtype is kept, so cast to float32 for layers, and use torch.tensor(a) or "
            "t.clone() when you need a separate copy.",
            "It turns a NumPy array into a PyTorch tensor, but the two are really the same data in "
            "memory: if you edit one in place, the other one sees the edit. The number type carries over "
            "as well, so a float64 array gives a float64 tensor, while layers want float32, so convert "
            "it with .float(). The tensor lives on the CPU; going back with .numpy() shares memory too, "
            "after .detach().cpu() for a GPU tensor.",
        ],
        "wrong": [
            "torch.from_numpy(a) makes an independent copy of the array, so changing a later has no "
            "effect on the tensor. It also converts the data to float32, which is what layers expect, "
            "so you never need .float(). Use .clone() if you want the tensor to share memory with a.",
            "from_numpy shares memory with the array only until you modify it: the first in-place change "
            "triggers copy-on-write, so t and a never see each other's changes. The dtype is converted "
            "to the default float32. torch.tensor(a) also shares memory, just like from_numpy.",
            "from_numpy creates a tensor with the same shape and dtype, but the data is copied, so "
            "in-place changes to the array are not reflected in the tensor. If CUDA is available "
            "from_numpy returns the tensor directly on the GPU, and you can call .numpy() directly on a "
            "CUDA tensor to go back.",
            "The tensor from from_numpy lives in its own memory: modifying the array in place does not "
            "change the tensor, and vice versa. float64 arrays become float32 tensors automatically. "
            "torch.as_tensor(a) and clone() both keep sharing the memory with the array.",
        ],
    },
    # -- end of answers --
}

CASES = [(q, kind, i) for q, sets in ANSWERS.items() for kind in ("right", "wrong")
         for i in range(len(sets[kind]))]


@pytest.mark.parametrize("question_id", sorted(ANSWERS))
def test_each_question_has_four_right_and_four_wrong_answers(question_id):
    assert len(ANSWERS[question_id]["right"]) >= 4
    assert len(ANSWERS[question_id]["wrong"]) >= 4


@pytest.mark.parametrize("question_id, kind, index", CASES)
def test_right_answers_pass_and_wrong_answers_fail(question_id, kind, index):
    answer = ANSWERS[question_id][kind][index]
    result = grade(question_id, answer)
    if kind == "right":
        assert result.score >= RIGHT_MIN, (result.score, answer, result.feedback)
    else:
        assert result.score <= WRONG_MAX, (result.score, answer, result.feedback)
