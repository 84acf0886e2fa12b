"""Guess an imported question's topic from its words (the editor reviews it afterwards)."""

import re

from interviewer.domain import TOPICS

FALLBACK_TOPIC = "fundamentals"

#: Keywords per topic of the taxonomy (`interviewer.domain.TOPICS`). Phrases match on word
#: boundaries, case-insensitively; a trailing `*` matches any ending ("optimi*").
KEYWORDS: dict[str, tuple[str, ...]] = {
    # not "pytorch": a deck's subject word says nothing about the topic
    "fundamentals": ("tensorflow", "keras", "framework", "advantages", "jax"),
    "tensors": ("tensor*", "ndarray", "numpy", "from_numpy", "dtype", "reshape", "view",
                "broadcast*", "matrix", "matrices", "shape", "indexing", "contiguous"),
    "autograd": ("autograd", "gradient*", "backward", "backprop*", "derivative*",
                 "requires_grad", "grad", "chain rule", "computational graph",
                 "computation graph", "variable", "no_grad", "differentiation"),
    "nn-modules": ("nn.module", "module*", "sequential", "modulelist", "moduledict", "torch.nn",
                   "nn.functional", "functional", "parameters", "fully connected", "linear layer",
                   "state_dict", "forward method"),
    "data-loading": ("dataloader", "data loader", "dataset class", "batch*", "shuffl*",
                     "sampler", "collate*", "transforms", "num_workers", "torch.utils.data"),
    "optimization": ("optimi*", "optim", "sgd", "adam", "gradient descent", "learning rate",
                     "momentum", "scheduler", "weight decay", "stochastic", "mini-batch"),
    "losses": ("loss*", "mse*", "mean squared error", "cross entropy", "cross-entropy",
               "bce*", "ctc*", "nll*", "error function", "criterion"),
    "cnn": ("convolution*", "conv1d", "conv2d", "conv3d", "cnn", "pooling", "stride",
            "padding", "kernel", "filter*", "feature map*"),
    "activations": ("activation*", "sigmoid", "relu", "tanh", "softmax", "leaky", "gelu"),
    "architectures": ("perceptron*", "feed-forward", "feed forward", "feedforward",
                      "auto-encoder*", "autoencoder*", "deep neural network*", "dnn", "rnn",
                      "lstm", "transformer*", "hidden layer*", "mlp", "neural network*"),
    "gpu-cuda": ("cuda", "gpu*", "device", "nvidia", "cudnn", "multi-gpu"),
    "datasets": ("mnist", "cifar*", "imagenet", "fashion-mnist", "coco"),
    "evaluation": ("accuracy", "precision", "recall", "f1", "type i", "type 1", "type1",
                   "type ii", "type 2", "type2", "false positive*", "false negative*",
                   "confusion matrix", "overfitting", "metric*", "validation"),
    "tooling": ("install*", "pip", "conda", "anaconda", "miniconda", "tensorboard",
                "jupyter", "docker", "version", "windows", "command"),
}

_PATTERNS = {
    topic: re.compile(
        r"(?<![\w])(?:"
        + "|".join(
            re.escape(word[:-1]) + r"[\w-]*" if word.endswith("*") else re.escape(word)
            for word in words
        )
        + r")(?![\w])",
        re.IGNORECASE,
    )
    for topic, words in KEYWORDS.items()
}


#: Phrases whose words belong to another topic's keywords but not to that topic: "gradient
#: boosting" is an ensemble of trees, not autograd.
_NOT_KEYWORDS = re.compile(r"gradient[- ]boost\w*|gradient[- ]boosted", re.IGNORECASE)


def guess_topic(question: str, answer: str = "") -> str:
    """The taxonomy topic whose keywords the question mentions most (the answer breaks ties).

    A question that names no topic's keyword gets the fallback: answers alone (often long and
    wandering) are too weak a signal.
    """
    question, answer = _NOT_KEYWORDS.sub(" ", question), _NOT_KEYWORDS.sub(" ", answer)
    best, best_score = FALLBACK_TOPIC, (0, 0)
    for topic in TOPICS:
        pattern = _PATTERNS.get(topic)
        if pattern is None:
            continue
        score = (len(pattern.findall(question)), len(pattern.findall(answer)))
        if score[0] and score > best_score:
            best, best_score = topic, score
    return best
