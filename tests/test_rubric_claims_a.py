"""Issue 10, "Grade claims, not words": the rubrics of the core PyTorch questions judge what
an answer says about each name, not only that it names it.

For every question there are hand-written answers in several voices. `right` answers (terse,
rambling, code-first, plain words) must score at least 60 with the offline grader; `wrong`
answers, confidently wrong but in the right vocabulary ("zero_grad sets the weights to
zero"), at most 30. The answers were written for these tests, blind to the calibration
answer sets.
"""

import pytest

from grader_helpers import grade

RIGHT_AT_LEAST = 60
WRONG_AT_MOST = 30

ANSWERS: dict[str, dict[str, list[str]]] = {
    "optimizers": {
        "right": [
            "An optimizer updates the model's parameters from their gradients: after "
            "loss.backward() fills p.grad, optimizer.step() applies a rule such as SGD's "
            "p -= lr * p.grad. torch.optim has SGD with momentum, Adam, AdamW (decoupled weight "
            "decay) and RMSprop. Each iteration: optimizer.zero_grad() to clear the old "
            "gradients, loss.backward(), optimizer.step(). Schedulers such as CosineAnnealingLR "
            "change the learning rate, and optimizer.state_dict() checkpoints the momentum "
            "buffers.",

            "So the way I think about it, the model on its own doesn't learn anything, it just "
            "computes outputs. Training needs something that nudges the weights in the right "
            "direction, and that's the optimizer's job. You build it from model.parameters() "
            "and a learning rate, and then every iteration you zero the gradients, run the "
            "forward pass, compute the loss, call backward so autograd fills in the .grad of "
            "every parameter, and then call step, which goes through the parameters and updates "
            "each one using its gradient scaled by the learning rate. Plain SGD just subtracts "
            "lr times the gradient; Adam keeps running averages of the gradient and its square, "
            "so it adapts the step per parameter. AdamW is Adam with the weight decay decoupled "
            "from the gradient, which is why people use it for transformers. I also usually "
            "pair it with a learning rate scheduler, like warmup then cosine decay.",

            "```python\n"
            "opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n"
            "sched = torch.optim.lr_scheduler.StepLR(opt, step_size=30)\n"
            "for x, y in loader:\n"
            "    opt.zero_grad()\n"
            "    loss = loss_fn(model(x), y)\n"
            "    loss.backward()\n"
            "    opt.step()\n"
            "sched.step()\n"
            "```\n"
            "zero_grad() clears the old gradients because backward accumulates them; step() "
            "updates every parameter in place from its .grad and the learning rate. You can "
            "swap SGD for Adam or AdamW without touching the loop.",

            "Think of the loss as a hill you want to walk down. Backpropagation tells you which "
            "way is uphill for every weight, that's the gradient. The optimizer is the part that "
            "actually takes the step: it moves each weight a little bit against its gradient, "
            "and the learning rate says how big the step is. Different optimizers take the step "
            "differently: SGD just follows the gradient, momentum keeps some of the previous "
            "direction, Adam scales the step for each weight separately. In PyTorch you clear "
            "the gradients with zero_grad before each backward pass, because otherwise they pile "
            "up, and then call step to apply the update.",
        ],
        "wrong": [
            "An optimizer handles the training step. zero_grad sets the model weights to zero so "
            "training starts clean, then optimizer.step() gets the gradients and loss.backward() "
            "pushes the update into the weights. Common optimizers are SGD, Adam and AdamW, and "
            "the learning rate controls how fast it trains.",

            "The optimizer is what computes the gradients of the loss with respect to the "
            "parameters; torch.optim.Adam does the backpropagation for you when you call step(). "
            "backward() then applies the update to the weights using the learning rate. You only "
            "need zero_grad() if you want to reset the model, since each backward overwrites the "
            "old gradients anyway.",

            "```python\n"
            "opt = torch.optim.Adam(model.parameters(), lr=1e-3)\n"
            "for x, y in loader:\n"
            "    loss = loss_fn(model(x), y)\n"
            "    loss.backward()\n"
            "    opt.zero_grad()\n"
            "    opt.step()\n"
            "```\n"
            "You call zero_grad between backward and step so the optimizer starts from clean "
            "weights; step() then calculates the gradients and updates the parameters. Adam is "
            "always better than SGD, so use it by default.",

            "Optimizers like SGD, Adam and RMSprop control how the model learns. The optimizer "
            "reads the loss value and changes the weights directly from it, and the learning "
            "rate is the number of epochs you train for. zero_grad() initializes the parameters "
            "at the start of training. The optimizer keeps no state of its own, so saving the "
            "model weights is enough to resume.",
        ],
    },
    "modulelist": {
        "right": [
            "nn.ModuleList holds submodules in a list and registers each one with the parent "
            "Module. If you use a plain Python list instead, the layers' weights don't show up "
            "in model.parameters(), so the optimizer never trains them, and they are missing "
            "from state_dict() and not moved by .to(device). It has no forward: you loop over it "
            "yourself in forward, unlike nn.Sequential. Use it for a variable number of blocks, "
            "e.g. N transformer layers; ModuleDict is the dict version.",

            "I ran into this one the hard way actually. I had a model where I built the layers "
            "in a loop and appended them to a normal Python list, and the loss just would not go "
            "down. Turned out the optimizer had never seen those layers: because they were in a "
            "plain list, PyTorch didn't register them, so model.parameters() skipped them, and "
            "they also weren't in the checkpoint when I saved the state_dict. Switching to "
            "nn.ModuleList fixed it, because ModuleList registers every module it holds as a "
            "child of the model. The other thing to know is that it doesn't have a forward, you "
            "iterate over it in your own forward and call each layer, so it's not like "
            "Sequential, which chains them for you.",

            "```python\n"
            "class Net(nn.Module):\n"
            "    def __init__(self, n):\n"
            "        super().__init__()\n"
            "        self.blocks = nn.ModuleList([nn.Linear(64, 64) for _ in range(n)])\n"
            "    def forward(self, x):\n"
            "        for block in self.blocks:\n"
            "            x = torch.relu(block(x))\n"
            "        return x\n"
            "```\n"
            "Because self.blocks is a ModuleList, each Linear is registered as a submodule: its "
            "parameters appear in net.parameters(), get saved in the state_dict and move with "
            "net.to('cuda'). With a plain list none of that happens. You call the layers "
            "yourself in the loop; ModuleList has no forward of its own.",

            "A PyTorch model only knows about the layers that are registered with it. ModuleList "
            "is a list that does that registering for you: every layer you put in it becomes a "
            "submodule of your model. If you keep layers in an ordinary list, PyTorch can't see "
            "them, so their parameters are not handed to the optimizer and never get trained, "
            "and saving the model or moving it to the GPU leaves them behind. It only stores the "
            "layers though; you decide how to call them in forward, usually with a for loop.",
        ],
        "wrong": [
            "ModuleList registers its modules, but that only matters for state_dict key names: "
            "with a plain list, model.parameters() and .to(device) still find the layers. It "
            "works like nn.Sequential, calling each layer in order, so you can pass the input "
            "straight to it.",

            "ModuleList is basically nn.Sequential: it runs its layers one after another "
            "automatically, so you can call self.layers(x) in forward. A plain Python list works "
            "just as well, ModuleList is only a convention that makes the printout nicer. Use it "
            "when you have many layers.",

            "nn.ModuleList runs its modules in parallel, which is why it is faster than a list. "
            "The layers in it are not registered as submodules, so you have to pass them to the "
            "optimizer yourself. You can put raw nn.Parameter tensors in it as well.",

            "The difference between a list and ModuleList is just readability. PyTorch registers "
            "layers in a plain list automatically and model.parameters() finds them anyway, so "
            "the optimizer trains them either way. ModuleList is mostly used with "
            "[nn.Linear(10, 10)] * 4, which gives you four independent layers.",
        ],
    },
}

CASES = [(question_id, kind, n) for question_id, sets in ANSWERS.items()
         for kind in ("right", "wrong") for n in range(len(sets[kind]))]


def test_every_question_has_four_answers_of_each_kind():
    for question_id, sets in ANSWERS.items():
        assert len(sets["right"]) >= 4 and len(sets["wrong"]) >= 4, question_id


@pytest.mark.parametrize("question_id, kind, n", CASES)
def test_right_answers_pass_and_confidently_wrong_ones_do_not(question_id, kind, n):
    answer = ANSWERS[question_id][kind][n]
    result = grade(question_id, answer)
    why = {c.id: c.verdict for c in result.criteria} | {m.id: "wrong claim" for m in result.misconceptions}
    if kind == "right":
        assert result.score >= RIGHT_AT_LEAST, (result.score, why)
    else:
        assert result.score <= WRONG_AT_MOST, (result.score, why)
