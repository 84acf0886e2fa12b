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
    "what-is-pytorch": {
        "right": [
            "PyTorch is an open-source deep learning framework from Meta AI, now under the PyTorch "
            "Foundation. At its core is torch.Tensor, a NumPy-like n-dimensional array that runs "
            "on CPUs and GPUs (CUDA, ROCm, MPS), plus autograd, which computes gradients "
            "automatically. It executes eagerly, so models are ordinary Python you can debug; "
            "torch.compile can compile them. torch.nn, torch.optim and DataLoader cover building "
            "and training networks, and it is used in research and in production via "
            "torch.export and ONNX.",

            "PyTorch is basically the deep learning library most people use these days, "
            "especially in research. It started at Facebook, well Meta now, and it's open "
            "source. The way I'd describe it: you get tensors, which are like NumPy arrays but "
            "you can put them on a GPU and do the math there, and on top of that you get "
            "autograd, which records what you do with the tensors and gives you the gradients "
            "automatically when you call backward. That's really the core. Then there's torch.nn "
            "for layers and loss functions and torch.optim for the optimizers, so building and "
            "training a network is a few lines. What people like is that it runs eagerly, line "
            "by line, so if something breaks you just drop a print or a debugger in the middle of "
            "the model. Hugging Face is built on it, so most LLM work is PyTorch too.",

            "```python\n"
            "import torch\n"
            "x = torch.randn(64, 10, device=\"cuda\")\n"
            "w = torch.randn(10, 1, device=\"cuda\", requires_grad=True)\n"
            "loss = (x @ w).pow(2).mean()\n"
            "loss.backward()   # autograd fills w.grad\n"
            "```\n"
            "That's PyTorch in miniature: GPU tensors with a NumPy-like API and automatic "
            "differentiation. It runs eagerly as plain Python, so you can step through it with "
            "pdb. Around that core sit torch.nn for layers, torch.optim for optimizers and "
            "torch.utils.data for loading data. It's open source, from Meta, and runs in "
            "production through torch.export or ONNX.",

            "PyTorch is a free, open-source toolkit for building and training neural networks in "
            "Python. It gives you arrays of numbers called tensors that can run on a graphics "
            "card for speed, and it works out the derivatives you need for training "
            "automatically, which is what autograd does. You write the model as normal Python "
            "code and it runs step by step as you go, so it's easy to debug. It came out of "
            "Facebook's AI lab and is now run by the PyTorch Foundation, and it's used both for "
            "research and for real products.",
        ],
        "wrong": [
            "PyTorch is a Google library built on top of NumPy. Its tensors are just NumPy arrays "
            "with a different name, and autograd is the part that moves them to the GPU. It uses "
            "a static computation graph that you define first and then run in a session, which "
            "is why it is mostly used for research and not for production.",

            "PyTorch is a high-level wrapper around TensorFlow that makes Keras easier to use. "
            "The tensors only run on NVIDIA GPUs, and autograd is a tool that approximates "
            "gradients numerically with finite differences. torch.nn gives you layers and "
            "torch.optim gives you optimizers.",

            "PyTorch is Facebook's version of NumPy: tensors are NumPy arrays, autograd is the "
            "module that loads the data, and torch.compile is required before you can run any "
            "model because PyTorch needs the whole graph up front. You can't use a GPU with it "
            "unless you buy the enterprise version.",

            "PyTorch is a deep learning framework developed by Google Brain as a successor to "
            "Theano. Tensors in PyTorch are always two-dimensional matrices, and the GPU is used "
            "automatically for every operation. Autograd means you write the backward pass by "
            "hand for each layer. It is only meant for research prototypes.",
        ],
    },
    "pytorch-vs-tensorflow": {
        "right": [
            "Both have tensors, autograd and GPU support. PyTorch runs eagerly (define-by-run), "
            "so you debug with pdb and print. The old 'PyTorch dynamic, TensorFlow static' "
            "contrast is outdated: static graphs with sessions were TF1, and TensorFlow 2 is "
            "eager by default, building graphs only inside tf.function. PyTorch 2 compiles graphs "
            "with torch.compile and exports them with torch.export. TensorFlow's high-level API is "
            "Keras with model.fit; in PyTorch you write the training loop or use Lightning. For "
            "deployment TF has TF Serving, TFLite and TF.js, PyTorch has torch.export, "
            "ExecuTorch and ONNX.",

            "I've used both, and honestly these days they're closer than people think. The "
            "classic interview answer is that PyTorch has a dynamic graph and TensorFlow a static "
            "one, but that was TensorFlow 1 with its sessions; since TensorFlow 2 eager execution "
            "is the default and you only get a graph when you wrap a function in tf.function. On "
            "the PyTorch side things run eagerly too, which is why debugging with a breakpoint "
            "just works, and PyTorch 2 added torch.compile, so both can compile graphs now. Where "
            "they really differ is the workflow: in TensorFlow you'd normally use Keras and call "
            "model.fit, in PyTorch you write your own training loop with backward and "
            "optimizer.step. And the ecosystem: most research papers and Hugging Face are "
            "PyTorch, while TensorFlow still has nice deployment tools like TFLite for phones and "
            "TF.js for the browser.",

            "```python\n"
            "# TensorFlow 2\n"
            "@tf.function          # traces a graph; without it TF2 runs eagerly\n"
            "def train_step(x, y): ...\n"
            "model.compile(optimizer=\"adam\", loss=\"mse\"); model.fit(ds, epochs=5)\n"
            "\n"
            "# PyTorch\n"
            "for x, y in loader:\n"
            "    opt.zero_grad(); loss_fn(model(x), y).backward(); opt.step()\n"
            "model = torch.compile(model)  # graph capture in PyTorch 2\n"
            "```\n"
            "TF2 is eager by default, like PyTorch; graphs come from tf.function on one side and "
            "torch.compile or torch.export on the other. Keras fit() versus an explicit loop is "
            "the real day-to-day difference, and for mobile you'd use TFLite or ExecuTorch.",

            "They do the same job, so the differences are about style and tools. PyTorch runs "
            "your code straight away as normal Python, which makes it easy to debug. People often "
            "say TensorFlow is 'static', but that was version 1; TensorFlow 2 also runs straight "
            "away by default and only builds a graph when you ask for it with tf.function. "
            "TensorFlow usually trains models through Keras with a fit() call, while in PyTorch "
            "you write the training loop yourself. PyTorch is the favourite in research and for "
            "large language models, and TensorFlow has strong deployment options like TensorFlow "
            "Lite and TPUs.",
        ],
        "wrong": [
            "The key difference is that TensorFlow uses a static computational graph while "
            "PyTorch builds a dynamic one. In TensorFlow 2 you still have to create a session and "
            "run the graph in it. PyTorch has no compiler, so it can only run eagerly, which "
            "makes it slower. TensorFlow is better for production and PyTorch is for research.",

            "PyTorch is faster than TensorFlow because it is written in C++ while TensorFlow is "
            "Python. tf.function converts a TensorFlow model to PyTorch. PyTorch can't run on "
            "TPUs, only TensorFlow can, and TorchServe is the official way to deploy PyTorch "
            "models. Keras is the training loop of PyTorch.",

            "TensorFlow 2 is static by default and needs sessions, while PyTorch is eager. "
            "torch.compile is just another name for TorchScript, which is the recommended way to "
            "deploy. In PyTorch you call model.fit() like in Keras, so the APIs are the same.",

            "Both are Google frameworks, TensorFlow for production and PyTorch for research. "
            "PyTorch uses static graphs by default and TensorFlow 2 runs in graph mode by "
            "default. torch.export turns a PyTorch model into a TensorFlow SavedModel for TF "
            "Serving.",
        ],
    },
    "tensors": {
        "right": [
            "A tensor is an n-dimensional array: a scalar is 0-d, a vector 1-d, a matrix 2-d, and "
            "an image batch is 4-d with shape (N, C, H, W). All elements share one dtype. It's "
            "like a NumPy array (torch.from_numpy and .numpy() convert), but it lives on a "
            "device, the CPU by default, and can be moved to a GPU with .to('cuda'). With "
            "requires_grad=True autograd records operations on it so backward() fills .grad. "
            "Views and slices share the same storage.",

            "So in PyTorch everything is a tensor: the inputs, the weights, the outputs. I think "
            "of it as a generalisation of a matrix to any number of dimensions, so a single "
            "number is a zero-dimensional tensor, a list of numbers is one-dimensional, a grid is "
            "two-dimensional, and a batch of colour images is four-dimensional. If you know NumPy "
            "it feels almost the same, you can even convert back and forth with from_numpy. The "
            "two things NumPy arrays can't do: you can move a tensor to the GPU and do the maths "
            "there, and a tensor can track gradients, so if you set requires_grad the operations "
            "get recorded and backward gives you the gradients. Also, every element has the same "
            "dtype, like float32.",

            "```python\n"
            "x = torch.tensor([[1., 2.], [3., 4.]])   # 2-d, shape (2, 2), dtype float32\n"
            "x.shape, x.dtype, x.device               # torch.Size([2, 2]), torch.float32, cpu\n"
            "x = x.to(\"cuda\")                          # move to the GPU\n"
            "w = torch.randn(2, requires_grad=True)    # tracked by autograd\n"
            "a = torch.from_numpy(np_array)            # shares memory with NumPy\n"
            "```\n"
            "A tensor is PyTorch's n-dimensional array with a single dtype, a shape and a device "
            "(CPU by default); requires_grad makes autograd record operations so backward() "
            "fills .grad.",

            "A tensor is a box of numbers arranged along any number of axes: one number, a row of "
            "numbers, a table, or a stack of tables. PyTorch uses tensors for everything, and "
            "they work like NumPy arrays. What makes them special is that they can sit on the CPU "
            "or be moved to a GPU for fast maths, and they can remember the operations done to "
            "them so PyTorch can calculate gradients for training.",
        ],
        "wrong": [
            "A tensor is just a matrix, always two-dimensional; a vector is not a tensor. Tensors "
            "are created on the GPU by default, and every tensor tracks gradients automatically. "
            "Slicing a tensor always creates a copy of the data.",

            "A tensor is basically a Python list that PyTorch can send to the GPU. It can hold "
            "elements of different types, for example ints and strings mixed, and its shape is "
            "the number of elements. Tensors are immutable, so operations always return new ones.",

            "In PyTorch a tensor is the same thing as a NumPy array, just renamed. The dtype tells "
            "you which device it is on, and .to() changes the number of dimensions. "
            "requires_grad is True by default for all tensors.",

            "Tensors are matrices that must have at least two dimensions. They live on the GPU "
            "automatically, and autograd is NumPy's gradient feature that PyTorch reuses. view() "
            "makes a new copy of the data.",
        ],
    },
    "autograd": {
        "right": [
            "torch.autograd is reverse-mode automatic differentiation. During the forward pass, "
            "operations on tensors with requires_grad=True are recorded into a graph (each result "
            "has a grad_fn). loss.backward() walks that graph from the loss back to the leaves "
            "applying the chain rule, and accumulates the gradients into each leaf's .grad, which "
            "is why you call zero_grad(). The graph is freed after backward unless "
            "retain_graph=True, and torch.no_grad() stops recording.",

            "Autograd is the bit of PyTorch that does the calculus for you. The way it works is "
            "kind of neat: as your forward pass runs, every operation on a tensor that has "
            "requires_grad set gets written down in a graph, so the result knows which function "
            "produced it. Then when you call backward on the loss, it goes through that graph in "
            "reverse and applies the chain rule at every step, and the gradients end up in the "
            ".grad of your parameters. They add up if you call backward twice, so you have to "
            "zero them between steps. And because the graph is rebuilt every forward pass, you "
            "can use ifs and loops freely. For inference you'd wrap things in torch.no_grad so it "
            "doesn't record anything.",

            "```python\n"
            "x = torch.tensor(3.0, requires_grad=True)\n"
            "y = x ** 2 + 2 * x       # recorded: y.grad_fn is AddBackward0\n"
            "y.backward()             # chain rule in reverse: dy/dx = 2x + 2\n"
            "print(x.grad)            # tensor(8.)\n"
            "with torch.no_grad():    # nothing recorded here\n"
            "    z = x * 2\n"
            "```\n"
            "Autograd records operations on requires_grad tensors into a graph during the forward "
            "pass, and backward() walks it backwards with the chain rule, accumulating into .grad "
            "of the leaves.",

            "Autograd keeps a record of every calculation you do with tensors that need "
            "gradients, like a recipe written down as you cook. When you ask for the gradient of "
            "the final loss, it reads that recipe backwards, step by step, using the chain rule, "
            "and works out how much each input or weight contributed. The results are added into "
            "each weight's .grad, so you clear them before the next step. You can switch the "
            "recording off with torch.no_grad() when you don't need gradients.",
        ],
        "wrong": [
            "Autograd computes gradients numerically with finite differences: it nudges every "
            "weight a little and measures how the loss changes. The graph is built once before "
            "training, like a static graph. Every backward call overwrites .grad, so you never "
            "need zero_grad.",

            "Autograd builds the computational graph during the backward pass, and backward() "
            "goes forward from the inputs to the outputs. requires_grad is True by default for "
            "every tensor. model.eval() turns off gradient tracking, so no_grad is not needed at "
            "inference.",

            "Autograd is forward-mode differentiation: backward() computes the Jacobian of every "
            "layer and stores the gradients in the optimizer. detach() makes a copy of the "
            "tensor's data. torch.no_grad() also disables dropout.",

            "With autograd you write the backward function for each operation and it calls them "
            "in order. The gradients are stored in the loss tensor, and loss.backward() also "
            "updates the weights. no_grad just speeds things up by turning off dropout.",
        ],
    },
    "torch-nn-and-nn-module": {
        "right": [
            "torch.nn is the package of building blocks: layers like nn.Linear, nn.Conv2d and "
            "nn.LSTM, activations such as nn.ReLU, dropout and normalisation, and losses like "
            "nn.CrossEntropyLoss. nn.Module is the base class for every layer and model: you "
            "subclass it, create layers in __init__ after super().__init__(), and define "
            "forward(). Assigning a layer or nn.Parameter as an attribute registers it, so "
            "model.parameters() hands all weights to the optimizer. Modules also give you "
            "state_dict() for saving, .to(device) and train()/eval(); eval() does not stop "
            "autograd, so inference also uses torch.no_grad().",

            "torch.nn is where basically all the neural network pieces live, the layers (Linear, "
            "Conv2d, embeddings), the activation functions like ReLU, and the loss functions like "
            "MSELoss. And nn.Module is the class everything inherits from, your own model "
            "included. So you write a class that subclasses nn.Module, you build your layers in "
            "the constructor, and you write a forward method that says how the input flows "
            "through them. The nice part is the bookkeeping: whatever layers you assign to self "
            "get registered automatically, so model.parameters() finds every weight and you can "
            "just hand that to the optimizer. You also get state_dict to save the model, "
            ".to(device) to move it to the GPU, and train() and eval() to switch dropout and "
            "batch norm.",

            "```python\n"
            "class MLP(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.fc1 = nn.Linear(784, 128)\n"
            "        self.fc2 = nn.Linear(128, 10)\n"
            "    def forward(self, x):\n"
            "        return self.fc2(torch.relu(self.fc1(x)))\n"
            "\n"
            "model = MLP().to(\"cuda\")\n"
            "opt = torch.optim.SGD(model.parameters(), lr=0.1)   # fc1 and fc2 are registered\n"
            "torch.save(model.state_dict(), \"mlp.pt\")\n"
            "```\n"
            "torch.nn supplies the layers (Linear), activations and losses such as "
            "nn.CrossEntropyLoss; nn.Module is the base class: layers assigned in __init__ are "
            "registered, so parameters(), state_dict() and .to() see them, and you call "
            "model(x), which runs forward.",

            "torch.nn is PyTorch's toolbox of ready-made network parts: layers, activation "
            "functions and loss functions. nn.Module is the template every model is built from. "
            "You make your own class from it, list the layers it owns when you create it, and "
            "write a forward method that describes what happens to the input. In return the "
            "module keeps track of all the weights inside it for you, so you can pass them to an "
            "optimizer, save them, move them to the GPU, or switch between training and "
            "evaluation mode in one call.",
        ],
        "wrong": [
            "torch.nn is the package with the optimizers and the data loaders. nn.Module is a "
            "container where you put tensors; you write both forward and backward in every "
            "module, and you run it by calling model.forward(x) directly. model.eval() turns off "
            "gradient tracking, so you don't need no_grad.",

            "nn.Module is the class that trains the model: it has a built-in fit() like Keras. "
            "Layers kept in a plain Python list attribute are registered automatically, and "
            "model.to(device) returns a moved copy while the original model stays on the CPU.",

            "In nn.Module the forward method is generated automatically from the layers you "
            "define, and you don't need to call super().__init__(). torch.no_grad() also "
            "disables dropout, so it replaces eval(). state_dict() saves the whole model code.",

            "torch.nn contains the layers like nn.Linear and nn.ReLU and the losses. nn.Module "
            "subclasses need a backward method since autograd can't see inside them. The "
            "parameters are registered only when you pass them to the optimizer, and eval() "
            "freezes the weights so they are not updated.",
        ],
    },
    "nn-module-vs-sequential": {
        "right": [
            "nn.Sequential is a container that runs its modules in the order given, the output "
            "of each one becoming the input of the next; its forward is written for you. It is "
            "itself an nn.Module, so it registers its children's parameters and can be indexed "
            "and nested. You subclass nn.Module and write your own forward when the data flow is "
            "not a single chain: residual connections, branches, multiple inputs or outputs, or "
            "control flow. In practice you combine them: Sequential blocks inside a custom "
            "module.",

            "The way I explain it to juniors is that Sequential is the easy mode. You list the "
            "layers, PyTorch calls them one after another and feeds each layer's output into the "
            "next, and you don't have to write a forward at all. That covers a lot of simple MLPs "
            "and CNN stems. The moment your model isn't a straight line, though, you need a "
            "proper nn.Module subclass with your own forward: a ResNet block has to add the input "
            "back to the output, a U-Net passes features across with skip connections, a model "
            "might take two inputs, and Sequential just can't express that. Usually I end up "
            "mixing the two, building small Sequential blocks in __init__ and wiring them "
            "together in forward.",

            "```python\n"
            "block = nn.Sequential(nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU())\n"
            "\n"
            "class Residual(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.block = block\n"
            "    def forward(self, x):\n"
            "        return self.block(x) + x   # a skip connection Sequential can't do\n"
            "```\n"
            "Sequential chains the conv, batch norm and ReLU in order, each output fed to the "
            "next. The residual add needs a custom forward, so the Sequential block lives inside "
            "an nn.Module subclass.",

            "Sequential is a ready-made way to stack layers in a line: data goes into the first "
            "layer, its result goes into the second, and so on to the end, so you don't write "
            "any forward code. A custom nn.Module is for everything else: you write forward "
            "yourself, which lets you add shortcuts that skip layers, split the data into "
            "branches, take several inputs, or use if statements. Most real models use both, "
            "with Sequential stacks as building blocks inside a custom module.",
        ],
        "wrong": [
            "nn.Sequential can only hold linear layers, and it runs them in parallel and "
            "concatenates the results. nn.Module is for convolutional models. Sequential is "
            "faster than a custom module because it skips the forward call.",

            "With nn.Sequential you can also add skip connections, since it keeps every earlier "
            "output around, and it accepts multiple inputs. So you basically never need to "
            "subclass nn.Module; any model can be written as a Sequential.",

            "nn.Sequential passes the same input to every layer and sums the outputs. It is not "
            "an nn.Module, so it has no parameters() of its own and you can't put it inside a "
            "custom module.",

            "The difference is that nn.Module needs you to write a backward method while "
            "Sequential computes gradients by itself. Sequential runs the layers in random "
            "order, which works as regularisation, and the two are mutually exclusive.",
        ],
    },
    "dataloader": {
        "right": [
            "A DataLoader wraps a Dataset (map-style with __getitem__/__len__, or an "
            "IterableDataset) and iterates over it in mini-batches of batch_size samples, merged "
            "by collate_fn. shuffle=True reshuffles the order every epoch, or a sampler such as "
            "WeightedRandomSampler decides it. num_workers > 0 loads samples in parallel worker "
            "processes, and pin_memory=True with .to(device, non_blocking=True) overlaps the "
            "copy to the GPU. drop_last drops a short final batch.",

            "DataLoader is what sits between your Dataset and the training loop. The Dataset only "
            "knows how to give you one sample for an index; the DataLoader asks it for samples, "
            "groups them into batches of whatever batch_size you set, and hands you those "
            "batches as tensors. If you set shuffle=True it reshuffles the data at the start of "
            "each epoch, so the batches are different every time. And the big one for speed is "
            "num_workers: it starts separate worker processes that load and augment the next "
            "batches while the GPU is busy with the current one. If your samples have different "
            "lengths you write a collate_fn that pads them.",

            "```python\n"
            "loader = DataLoader(train_ds, batch_size=32, shuffle=True,\n"
            "                    num_workers=4, pin_memory=True, collate_fn=pad_collate)\n"
            "for epoch in range(10):\n"
            "    for x, y in loader:          # new random order each epoch\n"
            "        x = x.to(\"cuda\", non_blocking=True)\n"
            "```\n"
            "It wraps the dataset, returns batches of 32 samples stacked by collate_fn, "
            "reshuffles every epoch, and loads in 4 worker processes; pinned memory lets the "
            "copy to the GPU run asynchronously.",

            "Training code doesn't want to deal with single examples, it wants groups of them. "
            "The DataLoader takes your dataset and serves it up in batches, mixing up the order "
            "every time you go through the data so the model doesn't see the same sequence each "
            "epoch. It can also use several helper processes to prepare the next batches in the "
            "background, so the GPU isn't waiting for data.",
        ],
        "wrong": [
            "The DataLoader loads the whole dataset into memory at the start, then shuffles it "
            "once so every epoch sees the same order. batch_size is the number of batches per "
            "epoch. num_workers sets the number of threads that read the files.",

            "The DataLoader returns one sample at a time and the Dataset groups them into "
            "batches. pin_memory=True moves the batches to the GPU for you, and more workers "
            "always make loading faster, so set num_workers as high as possible.",

            "A DataLoader is a kind of Dataset that downloads the data from the internet. "
            "shuffle=True shuffles the data only once when the loader is created. By default the "
            "last incomplete batch is dropped. You can pass shuffle=True together with a custom "
            "sampler to get both.",

            "DataLoader is where you define __getitem__ and __len__, and it replaces the Dataset. "
            "collate_fn splits the batch back into samples, and drop_last defaults to True. "
            "num_workers uses multithreading to parallelize.",
        ],
    },
    "loss-function": {
        "right": [
            "A loss function compares the model's predictions with the targets and returns one "
            "scalar that measures how wrong they are; training minimises it. loss.backward() "
            "computes the gradients of that scalar with respect to the parameters, "
            "optimizer.step() updates the weights, and optimizer.zero_grad() clears the old "
            "gradients. Use MSELoss or L1Loss for regression, CrossEntropyLoss on raw logits for "
            "multi-class classification and BCEWithLogitsLoss for binary or multi-label. It has "
            "to be differentiable, which is why you train on cross-entropy rather than accuracy. "
            "reduction='mean' averages over all elements; 'none' keeps per-element losses.",

            "The loss is the number that tells the model how badly it's doing. You feed it the "
            "predictions and the true labels, it gives back a single value, and the whole point "
            "of training is to push that value down. The mechanics in PyTorch: you compute the "
            "loss, call backward on it, and autograd works out the gradient of the loss with "
            "respect to every weight; then the optimizer's step uses those gradients to update "
            "the weights, and you zero them before the next batch. Which loss depends on the "
            "task: mean squared error for regression, cross-entropy for classification. One "
            "thing people trip on is that you can't just use accuracy, because it isn't "
            "differentiable, so the loss is a smooth stand-in for the metric you actually care "
            "about.",

            "```python\n"
            "criterion = nn.CrossEntropyLoss()        # multi-class, takes raw logits\n"
            "logits = model(x)                        # predictions\n"
            "loss = criterion(logits, y)              # single scalar vs. targets y\n"
            "optimizer.zero_grad()\n"
            "loss.backward()                          # gradients of the loss\n"
            "optimizer.step()                         # update the weights\n"
            "```\n"
            "For regression swap in nn.MSELoss(). The default reduction='mean' averages the "
            "per-element losses over all elements of the output.",

            "A loss function scores how far the model's guesses are from the right answers, as "
            "one number where lower is better. Training is just making that number smaller: "
            "PyTorch calculates how each weight affects the loss with loss.backward(), and the "
            "optimizer then nudges the weights in the direction that reduces it with "
            "optimizer.step(). You pick the loss to match the problem, squared error when "
            "predicting numbers and cross-entropy when predicting classes.",
        ],
        "wrong": [
            "The loss function is the metric you report, so you can simply use accuracy as the "
            "loss. A higher loss means the model is more confident, which is better. "
            "loss.backward() updates the weights directly, so you don't need an optimizer.",

            "For classification you use MSELoss, and for CrossEntropyLoss you must apply softmax "
            "to the outputs before passing them in. CrossEntropyLoss needs one-hot encoded "
            "targets. The loss function itself updates the weights after each batch.",

            "The loss compares predictions with targets and training tries to maximize the loss. "
            "With reduction='mean', MSELoss divides by the batch size. zero_grad() is optional "
            "since backward overwrites the gradients.",

            "A loss function is the layer at the end of the network that turns the logits into "
            "probabilities. optimizer.step() computes the gradients of the loss and "
            "loss.backward() applies them to the weights. MSE is the standard loss for "
            "classification.",
        ],
    },
    "gradient": {
        "right": [
            "The gradient of a scalar function such as the loss is the vector of its partial "
            "derivatives with respect to each parameter. It points in the direction of steepest "
            "increase, so gradient descent moves the weights the opposite way: w ← w − lr · ∇L. "
            "In PyTorch, after loss.backward() each leaf tensor with requires_grad=True, like a "
            "parameter, has its gradient stored in .grad with the same shape. Gradients "
            "accumulate across backward calls, hence optimizer.zero_grad(), and intermediate "
            "non-leaf tensors keep no .grad unless you call retain_grad().",

            "A gradient is just the multi-variable version of a derivative. If your loss depends "
            "on a million weights, the gradient is the list of a million partial derivatives, "
            "one per weight, each telling you how the loss changes if you nudge that weight. "
            "Together they point uphill, in the direction where the loss grows fastest, which is "
            "why training steps the other way, downhill, scaled by the learning rate. In PyTorch "
            "you never compute it by hand: you call backward on the loss and autograd writes the "
            "gradient of every parameter into its .grad attribute. Those values add up across "
            "backward calls, so you reset them with zero_grad each step.",

            "```python\n"
            "w = torch.randn(3, requires_grad=True)\n"
            "loss = ((w * x).sum() - y) ** 2\n"
            "loss.backward()\n"
            "print(w.grad)          # dL/dw, same shape as w: one partial derivative per element\n"
            "with torch.no_grad():\n"
            "    w -= 0.01 * w.grad # step against the gradient\n"
            "w.grad.zero_()         # grads accumulate, so reset\n"
            "```\n"
            "The gradient is the vector of partial derivatives of the loss; it points towards "
            "steepest ascent, so the update subtracts it.",

            "The gradient tells you, for every weight in the model, how much the loss would "
            "change if you moved that weight a tiny bit, and in which direction. Put together, "
            "it points the way the loss goes up fastest, so to train you move the weights a "
            "small step in the opposite direction. PyTorch works the gradients out for you when "
            "you call backward() on the loss and keeps each weight's gradient in its .grad "
            "field.",
        ],
        "wrong": [
            "The gradient is the loss value itself, a single number that says how wrong the "
            "model is. It points in the direction of steepest descent, so we add it to the "
            "weights. PyTorch stores the gradients inside the optimizer.",

            "PyTorch computes gradients numerically by nudging each weight and measuring the "
            "change in the loss. Every backward() call overwrites .grad with fresh gradients. "
            "You must set requires_grad=True on every tensor, including the inputs and labels.",

            "A gradient is the difference between the prediction and the target. After "
            "loss.backward() the gradients are stored in the loss tensor, and intermediate "
            "tensors also keep their .grad. backward() can be called on any tensor without "
            "arguments.",

            "The gradient is the learning rate for each weight. loss.backward() adds the "
            "gradient to the weights, and zero_grad() sets the weights back to zero before the "
            "next step.",
        ],
    },
    "torch-cuda": {
        "right": [
            "CUDA is NVIDIA's parallel computing platform and programming model for running "
            "general-purpose code on NVIDIA GPUs. In PyTorch placement is explicit: create "
            "tensors with device='cuda' or move tensors and the model with .to(device), and all "
            "operands must be on the same device. torch.cuda has is_available(), "
            "device_count(), get_device_name(), memory_allocated() and empty_cache(). PyTorch's "
            "CUDA build ships cuBLAS, cuDNN and NCCL, and kernels run asynchronously, so call "
            "torch.cuda.synchronize() before timing.",

            "CUDA is NVIDIA's platform for doing general computation on their GPUs, lots of "
            "threads in parallel, and PyTorch's GPU support sits on top of it, with libraries "
            "like cuDNN and cuBLAS doing the heavy lifting for convolutions and matmuls. From "
            "the PyTorch side the main thing is that nothing goes to the GPU unless you put it "
            "there: you pick a device, usually cuda if torch.cuda.is_available() says yes, and "
            "then move both the model and every batch to it with .to(device). If one tensor is "
            "left on the CPU you get the 'expected all tensors to be on the same device' error. "
            "For memory you can check torch.cuda.memory_allocated(). Also the kernels are "
            "asynchronous, so when I time something I call synchronize first.",

            "```python\n"
            "device = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\")\n"
            "model = model.to(device)\n"
            "x, y = x.to(device), y.to(device)   # operands must share a device\n"
            "print(torch.cuda.get_device_name(0), torch.cuda.memory_allocated())\n"
            "torch.cuda.synchronize()            # kernels are async; sync before timing\n"
            "```\n"
            "CUDA is NVIDIA's GPU computing platform; torch.cuda is PyTorch's interface to it.",

            "CUDA is the software layer from NVIDIA that lets programs use an NVIDIA graphics "
            "card for general number crunching, running thousands of small calculations at "
            "once. PyTorch uses it to run tensor operations on the GPU, but only for the tensors "
            "and models you explicitly move there; the model and its inputs have to be on the "
            "same device. The torch.cuda module lets you check whether a GPU is available and "
            "how much memory you are using.",
        ],
        "wrong": [
            "CUDA is a PyTorch library for GPUs that works on any graphics card, AMD and Apple "
            "included. PyTorch automatically uses the GPU when one is available, so you don't "
            "need to move tensors. torch.cuda.empty_cache() frees the memory held by your "
            "tensors.",

            "CUDA was developed by AMD and runs on the CPU to simulate a GPU. Tensors can be on "
            "different devices in the same operation, PyTorch copies them for you. "
            "torch.cuda.set_device() is the recommended way to choose a GPU.",

            "CUDA is the Python package you import as torch.cuda. CUDA operations are "
            "synchronous, so timing them with time.time() is accurate. .to(device) is only "
            "needed for the model, the inputs follow automatically.",

            "CUDA is a deep learning framework like PyTorch that trains models on the GPU. You "
            "put a tensor on the GPU by calling torch.cuda.is_available() on it, and then "
            "everything runs on the GPU by default. empty_cache() fixes out-of-memory errors.",
        ],
    },
    "backpropagation": {
        "right": [
            "Backpropagation computes the gradient of the loss with respect to every weight by "
            "applying the chain rule backwards, from the loss through each layer to the input. "
            "It reuses the activations saved in the forward pass, so the backward pass costs "
            "about as much as two forward passes, but those saved activations are why training "
            "needs more memory than inference. It only computes gradients; an optimizer such as "
            "SGD or Adam then updates the weights. In PyTorch autograd records the graph during "
            "the forward pass and loss.backward() traverses it in reverse, accumulating into "
            "each parameter's .grad.",

            "Backprop is how a network figures out which weights to blame for the error. After "
            "the forward pass you have a loss, and you go backwards from it layer by layer: each "
            "layer gets the gradient of the loss with respect to its output and uses the chain "
            "rule to turn it into the gradient with respect to its inputs and its weights, then "
            "passes that on to the layer before. At the end every weight has its gradient. The "
            "important distinction is that backprop stops there; it doesn't change anything. The "
            "actual update is the optimizer's job, gradient descent or Adam. In PyTorch all of "
            "that is loss.backward(), with autograd walking the computational graph it recorded "
            "and putting the results in .grad.",

            "```python\n"
            "out = model(x)             # forward: autograd records the graph, saves activations\n"
            "loss = loss_fn(out, y)\n"
            "loss.backward()            # backprop: chain rule from the loss back through every layer\n"
            "                           # -> param.grad holds dLoss/dparam for every weight\n"
            "optimizer.step()           # separate step: the optimizer updates the weights\n"
            "```\n"
            "Backpropagation is reverse-mode differentiation: one backward pass gives the "
            "gradient of the loss for all parameters.",

            "Backpropagation works out how much each weight in the network contributed to the "
            "error. It starts at the loss and moves backwards through the layers, using the "
            "chain rule to pass the blame from each layer to the one before it, so every weight "
            "ends up with a gradient. It doesn't change the weights itself; an optimizer like "
            "SGD uses those gradients afterwards to adjust them. In PyTorch you trigger it with "
            "loss.backward(), and the gradients appear in each parameter's .grad.",
        ],
        "wrong": [
            "Backpropagation is the step where the network updates its weights: the error is "
            "sent back from the output and each weight is adjusted. It is basically a kind of "
            "gradient descent. It estimates the gradients numerically by nudging each weight.",

            "Backpropagation goes forward from the input layer to the output layer, computing "
            "the gradients as the activations are produced. It only computes gradients for the "
            "last layer, the earlier layers learn from the forward pass. In PyTorch the graph is "
            "built during the backward pass.",

            "Backprop is forward-mode automatic differentiation. loss.backward() computes the "
            "gradients and also updates the weights, and the gradients are stored in the "
            "optimizer. It needs no extra memory, training uses the same memory as inference.",

            "Backpropagation doesn't use the chain rule, it just subtracts the error from each "
            "weight directly. The optimizer is the part that computes the gradients, and "
            "loss.backward() only calculates the loss value.",
        ],
    },
    "autograd-function": {
        "right": [
            "torch.autograd.Function lets you define an operation with your own backward. You "
            "subclass it with two static methods: forward(ctx, ...) computes the output, and "
            "backward(ctx, grad_output) receives the gradient of the loss with respect to the "
            "output and returns one gradient per forward input (None for non-differentiable "
            "ones). Tensors needed later are saved with ctx.save_for_backward and read from "
            "ctx.saved_tensors. You call it via MyFn.apply(x). Use it for a custom gradient such "
            "as a straight-through estimator or gradient reversal, and check it with "
            "torch.autograd.gradcheck. For an opaque CUDA or Triton kernel, use "
            "torch.library.custom_op with register_autograd instead, which works with "
            "torch.compile.",

            "You only need this when you want to control the gradient yourself, because "
            "anything built from normal torch operations already gets its gradients "
            "automatically. The classic example is quantization: rounding has zero gradient "
            "almost everywhere, so you write a Function whose forward rounds and whose backward "
            "just passes the incoming gradient straight through, the straight-through estimator. "
            "Structurally you subclass torch.autograd.Function, make forward and backward static "
            "methods, stash whatever backward needs with ctx.save_for_backward, and backward "
            "gets grad_output and has to return one gradient per input of forward. Then you use "
            "it through .apply, never by calling forward. I'd always run gradcheck on it in "
            "double precision. And if the thing inside is a custom CUDA kernel I'd register it "
            "as a custom op with torch.library.custom_op and register_autograd so torch.compile "
            "can handle it.",

            "```python\n"
            "class GradReverse(torch.autograd.Function):\n"
            "    @staticmethod\n"
            "    def forward(ctx, x, alpha):\n"
            "        ctx.alpha = alpha\n"
            "        return x.view_as(x)\n"
            "    @staticmethod\n"
            "    def backward(ctx, grad_output):\n"
            "        return -ctx.alpha * grad_output, None   # one gradient per input; None for alpha\n"
            "\n"
            "y = GradReverse.apply(features, 0.5)\n"
            "```\n"
            "Gradient reversal: identity forward, negated gradient backward. backward receives "
            "the upstream gradient and returns one gradient per forward input. Tensors you need "
            "in backward go through ctx.save_for_backward and ctx.saved_tensors; verify it with "
            "torch.autograd.gradcheck.",

            "It's the way to tell PyTorch exactly how to compute the gradient of a step, instead "
            "of letting autograd work it out. You write a class with two static methods: "
            "forward, which does the calculation, and backward, which gets the gradient coming "
            "back from later layers and returns the gradient for each input. You keep anything "
            "backward needs by saving it with ctx.save_for_backward in forward. Then you use it "
            "with MyFunction.apply. It's for special cases like passing a gradient straight "
            "through a rounding step, or making a calculation numerically stable; ordinary "
            "layers built from torch operations don't need it.",
        ],
        "wrong": [
            "torch.autograd.Function is what you subclass to make any custom layer or loss; you "
            "need it whenever you write your own layer. You only write forward and autograd "
            "derives the backward for you. You create an instance and call its forward method "
            "directly.",

            "In an autograd.Function, forward and backward are normal instance methods that take "
            "self. backward returns a single gradient regardless of how many inputs forward had, "
            "and it returns the gradient with respect to the output. You save tensors by storing "
            "them on self.",

            "The recommended way to make a custom CUDA kernel differentiable is to wrap the CUDA "
            "kernel in an autograd.Function; torch.compile can trace through any "
            "autograd.Function, including NumPy code inside it. The backward method is derived "
            "automatically by autograd.",

            "A custom Function is needed for custom loss functions, since autograd can't "
            "differentiate them. The backward gets the input tensor and returns the output. You "
            "call MyFn.forward(ctx, x), and gradcheck is not needed because autograd checks it.",
        ],
    },
    "dataset-class": {
        "right": [
            "A Dataset is the interface the DataLoader reads samples from. For a map-style "
            "dataset you subclass torch.utils.data.Dataset and implement __getitem__(idx), which "
            "returns one sample, usually a (features, label) tuple, and __len__, the number of "
            "samples. Put cheap setup like listing file paths in __init__ and load each item "
            "lazily from disk and apply transforms in __getitem__. Batching and shuffling are "
            "the DataLoader's job. For streams use IterableDataset with __iter__, and shard it "
            "with get_worker_info() so each worker doesn't yield duplicates.",

            "Whenever I have a new dataset I write a small Dataset subclass. The constructor "
            "just collects the file paths and labels, because I don't want to load 200 GB into "
            "RAM. Then __len__ returns how many samples there are, and __getitem__ takes an "
            "index, opens that one image from disk, runs the transforms and augmentation on it, "
            "and returns the image and its label. That's it; I never batch or shuffle inside the "
            "dataset, the DataLoader does that with its sampler and collate_fn. For quick "
            "experiments there's TensorDataset, and random_split for a validation split.",

            "```python\n"
            "class CsvDataset(Dataset):\n"
            "    def __init__(self, paths, labels, transform=None):\n"
            "        self.paths, self.labels, self.transform = paths, labels, transform  # cheap: no loading\n"
            "    def __len__(self):\n"
            "        return len(self.paths)                 # number of samples\n"
            "    def __getitem__(self, idx):\n"
            "        img = Image.open(self.paths[idx])      # load one sample lazily\n"
            "        if self.transform:\n"
            "            img = self.transform(img)\n"
            "        return img, self.labels[idx]           # one (sample, label) pair\n"
            "\n"
            "loader = DataLoader(CsvDataset(paths, labels), batch_size=64, shuffle=True)\n"
            "```\n"
            "The DataLoader handles batching and shuffling; the dataset only maps an index to a "
            "sample.",

            "A Dataset tells PyTorch two things: how many examples there are, through __len__, "
            "and how to get example number i, through __getitem__. Each call to __getitem__ "
            "should return a single example, typically the input and its label, loaded from disk "
            "only when it's asked for and with any preprocessing applied there. The DataLoader "
            "then takes care of putting examples into batches and shuffling them.",
        ],
        "wrong": [
            "The Dataset's __getitem__ returns a whole batch, and the dataset also shuffles the "
            "data for each epoch. You must load all the data into memory in __init__ so that "
            "__getitem__ is fast.",

            "__len__ returns the number of batches and __getitem__ returns the entire dataset as "
            "a tensor. The Dataset is responsible for shuffling; the DataLoader only moves the "
            "data to the GPU.",

            "With num_workers > 0 the DataLoader automatically splits an IterableDataset between "
            "the workers, so nothing special is needed. An IterableDataset must implement "
            "__getitem__ and __len__ like a normal dataset.",

            "__getitem__ returns the size of the dataset and __len__ returns the length of one "
            "sample. Transforms have to be applied in the DataLoader, not in the Dataset.",
        ],
    },
    "pytorch-vs-keras": {
        "right": [
            "They sit at different levels. Keras is a high-level model-building API: you stack "
            "layers, call model.compile() and model.fit() runs the training loop. It started as "
            "tf.keras on TensorFlow, and Keras 3 is multi-backend, running on JAX, TensorFlow or "
            "PyTorch. PyTorch is a full framework with tensors, autograd and GPU kernels, and "
            "you usually write the training loop yourself or use Lightning. Keras gives less "
            "boilerplate and quick prototyping; PyTorch gives control and flexibility for custom "
            "training and debugging in plain Python.",

            "Comparing them is a bit apples and oranges. Keras is an API, a friendly layer where "
            "you define a model, compile it with an optimizer and loss, and call fit, and it "
            "handles the loop, callbacks and metrics for you. It used to be tied to TensorFlow, "
            "but Keras 3 can actually use PyTorch or JAX underneath. PyTorch is the whole stack: "
            "tensors, autograd, the GPU kernels, and you typically write your own training loop "
            "with backward and optimizer.step. So Keras wins on quick prototyping with less "
            "code; PyTorch wins when you need flexibility, like a GAN with two optimizers, and "
            "debugging is just Python.",

            "```python\n"
            "# Keras: the loop is built in\n"
            "model.compile(optimizer=\"adam\", loss=\"sparse_categorical_crossentropy\")\n"
            "model.fit(x_train, y_train, epochs=5)\n"
            "\n"
            "# PyTorch: you write the loop (or use Lightning)\n"
            "for x, y in train_loader:\n"
            "    optimizer.zero_grad()\n"
            "    loss_fn(model(x), y).backward()\n"
            "    optimizer.step()\n"
            "```\n"
            "Keras is a high-level API (Keras 3 runs on JAX, TensorFlow or PyTorch); PyTorch is "
            "a lower-level full framework with its own tensors and autograd. Keras is concise "
            "for standard models; PyTorch gives explicit control.",

            "Keras is a simple, high-level interface for building networks: you describe the "
            "layers and call fit(), and it runs the training for you. PyTorch is a complete "
            "lower-level framework where you handle the training loop yourself, which is more "
            "work but gives you full control and easy debugging. Keras used to run only on "
            "TensorFlow, but the current Keras 3 can run on top of JAX or PyTorch too.",
        ],
        "wrong": [
            "Keras is a lower-level library than PyTorch, and PyTorch is a wrapper around Keras. "
            "Keras only runs on TensorFlow. In PyTorch you call model.fit() just like in Keras.",

            "PyTorch is faster than Keras, because Keras is slow by design. Keras can't be used "
            "for custom training loops at all, it is only for beginners and toy models.",

            "Keras and PyTorch cannot be used together, they are competing frameworks. PyTorch "
            "has a built-in fit method too, so the only difference is the syntax. Keras 3 is just "
            "a new version of TensorFlow.",

            "PyTorch is the high-level API and Keras is the low-level tensor library underneath "
            "it. Keras has its own autograd that PyTorch uses. Keras doesn't let you write a "
            "custom training step.",
        ],
    },
    "conv1d-conv2d-conv3d": {
        "right": [
            "They differ in how many spatial dimensions the kernel slides over. nn.Conv1d takes "
            "(N, C, L) and slides along one axis, for audio, time series or token sequences. "
            "nn.Conv2d takes (N, C, H, W) and slides over height and width, for images and "
            "spectrograms. nn.Conv3d takes (N, C, D, H, W) and also slides over depth or time, "
            "for video and CT/MRI volumes. In all three the kernel covers all input channels, so "
            "an RGB image is still Conv2d with in_channels=3, and the weight shape is (C_out, "
            "C_in, *kernel_size), so parameters grow with kernel dimensionality.",

            "The number is about how many directions the filter moves in, not about channels. "
            "With Conv1d the kernel slides along a single axis, so it fits anything sequential "
            "like an audio waveform or a sensor time series. Conv2d slides across height and "
            "width, which is your normal image case. Conv3d adds a third axis, so for video it "
            "slides through time as well, or through the slices of an MRI scan. A mistake I've "
            "seen is people using Conv3d for RGB images because of the three colour channels, "
            "but channels aren't a spatial dimension, the kernel always spans all of them. And a "
            "3x3x3 kernel has 27 weights per channel pair instead of 9, so Conv3d gets expensive "
            "fast.",

            "```python\n"
            "nn.Conv1d(16, 32, kernel_size=3)(torch.randn(8, 16, 100))          # (N, C, L): audio, sequences\n"
            "nn.Conv2d(3, 32, kernel_size=3)(torch.randn(8, 3, 224, 224))       # (N, C, H, W): images\n"
            "nn.Conv3d(1, 32, kernel_size=3)(torch.randn(8, 1, 16, 112, 112))   # (N, C, D, H, W): video, MRI\n"
            "```\n"
            "The kernel slides over 1, 2 or 3 spatial dimensions; channels come first and the "
            "kernel always spans all input channels. Weights are (C_out, C_in, *kernel_size), so "
            "the 3-D kernel has 27 weights per channel pair versus 9.",

            "The difference is how many directions the filter moves in. A 1D convolution slides "
            "along a line, which suits signals like audio or text. A 2D convolution slides "
            "across a flat grid, which suits images. A 3D convolution slides through a block, "
            "which suits video or medical scans with many slices. The colour channels of an "
            "image don't count as a direction: the filter always looks at all channels at once.",
        ],
        "wrong": [
            "Conv3d is used for RGB images because they have three channels, Conv2d for "
            "grayscale images with two channels and Conv1d for single-channel signals. The "
            "number is the number of input channels.",

            "The 1, 2 and 3 are the kernel size: Conv3d means a 3x3 kernel. Otherwise there is no "
            "real difference between them, they are basically the same.",

            "Conv2d expects input of shape (N, H, W, C), with channels last. Conv1d only works on "
            "single-channel signals. Conv3d has the same number of weights as Conv2d for the "
            "same channels.",

            "Conv1d is for tabular data, Conv2d is for text and Conv3d is for images with "
            "colour. The kernel slides over the channels, so a 3-channel image needs Conv3d.",
        ],
    },
    "cnn": {
        "right": [
            "A CNN is built mainly from convolutional layers: each layer slides small learnable "
            "filters over the input, taking a dot product at every position to produce feature "
            "maps. Each output depends only on a small receptive field (local connectivity), and "
            "the same filter is reused everywhere (weight sharing), so there are far fewer "
            "parameters than in a fully connected layer and features are translation "
            "equivariant. Pooling or strided convolutions downsample, and stacked layers build a "
            "hierarchy from edges and textures to object parts. Besides classification, CNNs do "
            "detection, segmentation and audio; in PyTorch you build them from nn.Conv2d and "
            "nn.MaxPool2d.",

            "Convolutional networks are the classic architecture for images. The idea is that "
            "instead of connecting every pixel to every neuron, you have small filters, say 3x3, "
            "that you slide across the image, and at each position you compute a weighted sum, "
            "which gives you a feature map showing where that pattern appears. The filter "
            "weights are learned, and the same filter is used at every position, which is why a "
            "conv layer has so few parameters compared to a dense layer and why a cat is "
            "detected wherever it is in the picture. Early layers end up detecting edges, later "
            "ones textures and object parts, because you stack many layers and pool in between "
            "so each layer sees a bigger region. They're also used for segmentation, detection, "
            "even audio.",

            "```python\n"
            "model = nn.Sequential(\n"
            "    nn.Conv2d(3, 32, kernel_size=3, padding=1),  # 32 learnable 3x3 filters slid over the image\n"
            "    nn.ReLU(),\n"
            "    nn.MaxPool2d(2),                             # downsample: halves H and W\n"
            "    nn.Conv2d(32, 64, kernel_size=3, padding=1),\n"
            "    nn.ReLU(),\n"
            "    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10),\n"
            ")\n"
            "```\n"
            "Each conv layer shares one small kernel across all positions, so it needs far fewer "
            "parameters than a dense layer, and the output is translation equivariant. Pooling "
            "shrinks the feature maps and enlarges the receptive field, building a hierarchy "
            "from edges to objects.",

            "A CNN looks at an image through small windows. It has little pattern detectors, "
            "called filters, that it moves across the whole picture, checking each small patch "
            "for the pattern and recording how strongly it appears. Because the same detector is "
            "reused everywhere, the network needs far fewer weights than one that connects every "
            "pixel to every unit, and it can spot a pattern wherever it shows up. Stacking "
            "layers lets it go from simple edges to shapes and whole objects, and pooling "
            "shrinks the maps along the way.",
        ],
        "wrong": [
            "In a CNN each neuron is connected to every pixel of the input, which is why it needs "
            "more parameters than a fully connected network. The filters are hand-designed edge "
            "detectors like Sobel. CNNs only work on images.",

            "A CNN's kernel covers the whole image at once and each position gets its own "
            "separate weights. Pooling layers learn their own weights to downsample. CNNs are "
            "rotation invariant, so you don't need augmentation.",

            "The convolution filters are fixed, and the network only learns the fully connected "
            "layers at the end. Max pooling has trainable parameters, and CNNs are naturally "
            "scale invariant.",

            "CNNs are basically MLPs with more layers: every unit sees every pixel, and the "
            "feature maps are just the flattened image. Convolutional layers have more weights "
            "than dense layers, so CNNs are slower.",
        ],
    },
    "dnn-vs-cnn": {
        "right": [
            "'Deep' only means many layers, so a CNN is itself a deep network; the real contrast "
            "is dense versus convolutional layers. In a dense (MLP) layer every unit is connected "
            "to every input, so an image must be flattened and its spatial structure is lost. A "
            "convolutional layer uses small kernels over local patches and shares the same "
            "weights across all positions, which gives far fewer parameters and translation "
            "equivariance. Use CNNs for grid data like images, audio or video, and MLPs for "
            "tabular feature vectors.",

            "I'd push back on the framing a bit, because a CNN is a deep neural network too; deep "
            "just means it has several hidden layers. What people usually mean by DNN is a fully "
            "connected network, an MLP. There every neuron in a layer connects to every input, "
            "so for an image you flatten it into a long vector and the network has no idea which "
            "pixels were neighbours. A CNN keeps the image as a grid and slides small kernels "
            "over it, each looking at a local patch, with the same weights reused at every "
            "position. That's far fewer parameters and the features get detected anywhere in the "
            "image. So for images, audio and video I'd use a CNN; for tabular data an MLP is "
            "fine.",

            "```python\n"
            "mlp = nn.Sequential(nn.Flatten(), nn.Linear(3 * 224 * 224, 1000))   # every unit sees every pixel: ~150M weights\n"
            "cnn = nn.Conv2d(3, 64, kernel_size=3)                                # 3x3 kernels shared across positions: 1,792 weights\n"
            "```\n"
            "The dense layer flattens the image and throws away the spatial arrangement; the "
            "conv layer looks at local 3x3 patches with shared weights, so it has far fewer "
            "parameters and is translation equivariant. Both are deep networks once you stack "
            "layers; CNNs for images and audio, MLPs for tabular data.",

            "Both are deep networks when they have many layers; the difference is how each layer "
            "is wired. In a fully connected network every unit looks at every input value, so a "
            "picture has to be unrolled into a flat list and the network loses track of which "
            "pixels were next to each other. In a CNN each unit looks only at a small "
            "neighbourhood, and the same small set of weights is reused across the whole "
            "picture, so it needs far fewer weights and recognises a pattern wherever it "
            "appears. CNNs suit images and sound; plain dense networks suit tables of features.",
        ],
        "wrong": [
            "A DNN is deep and a CNN is not a deep network, they are separate kinds of network. "
            "In a CNN every neuron is connected to every pixel, while a DNN keeps the spatial "
            "structure of the image. CNNs can only be used on images.",

            "CNNs have more parameters than DNNs because each filter has its own weights at every "
            "position of the image. DNNs preserve the 2D layout, so they are better for images. "
            "CNNs are rotation invariant.",

            "The difference is that a DNN uses dense layers and a CNN uses convolution, where "
            "each kernel covers the entire image and every location learns a different filter. "
            "MLPs keep the spatial information because they use all pixels.",

            "DNN stands for dynamic neural network and CNN for convolutional; DNNs have fewer "
            "parameters than CNNs, and CNNs are only used for images.",
        ],
    },
    "pytorch-advantages": {
        "right": [
            "Its main advantage is eager, define-by-run execution: the graph is built as ordinary "
            "Python runs, so you debug with print or pdb and use normal loops and ifs in "
            "forward(). The API is Pythonic and NumPy-like, with models as plain Python classes. "
            "The ecosystem is huge: it dominates research, and Hugging Face Transformers, "
            "torchvision and Lightning build on it. When you need speed there is torch.compile, "
            "mixed precision with autocast, and DDP/FSDP for distributed training, and "
            "torch.export, ONNX or ExecuTorch for deployment.",

            "For me the biggest thing is that it just feels like Python. Your model is a normal "
            "class, the code runs line by line, and if a shape is wrong you put a breakpoint in "
            "forward and look at the tensor. You can use if statements and loops in the model "
            "without any special graph API. Tensors behave like NumPy arrays, so the learning "
            "curve is small. Then there's the community: almost every research paper releases "
            "PyTorch code, and libraries like Hugging Face and torchvision are built on it. And "
            "it's not just for research anymore: torch.compile speeds things up, distributed "
            "training with DDP scales it out, and you can export models with torch.export or "
            "ONNX for production.",

            "```python\n"
            "class Net(nn.Module):\n"
            "    def forward(self, x):\n"
            "        if x.sum() > 0:            # plain Python control flow inside the model\n"
            "            x = self.a(x)\n"
            "        print(x.shape)             # debug with print/pdb: it runs eagerly\n"
            "        return self.b(x)\n"
            "\n"
            "model = torch.compile(Net().to(\"cuda\"))   # graph capture and fused kernels when you want speed\n"
            "```\n"
            "Eager execution makes debugging and control flow ordinary Python; the ecosystem "
            "(Hugging Face, torchvision, Lightning) dominates research; torch.compile, AMP and "
            "DDP give performance, and torch.export or ONNX handle deployment.",

            "PyTorch is easy to work with because your model is just regular Python code that "
            "runs immediately, so you can print values, step through it with a debugger, and use "
            "ordinary ifs and loops. It feels like NumPy, so it's quick to learn. A huge "
            "community uses it, especially researchers, and many popular libraries like Hugging "
            "Face build on it. It can also run fast on GPUs, split training across many GPUs, "
            "and export models for use in production apps.",
        ],
        "wrong": [
            "PyTorch is much faster than TensorFlow, and TensorFlow only has static graphs, so "
            "dynamic graphs are unique to PyTorch. PyTorch automatically runs everything on the "
            "GPU, which is why it is so easy.",

            "The advantage is that PyTorch uses a static graph which is compiled before running, "
            "so it is easier to debug than eager frameworks. It is mainly for research and not "
            "suitable for production. TorchServe is the official way to deploy it.",

            "PyTorch's big advantage is TorchScript, which is the recommended way to deploy "
            "models today. Since its graphs are dynamic, PyTorch cannot be compiled or optimised, "
            "but it is simpler than NumPy because it has no arrays.",

            "PyTorch is popular because it is the only framework with GPU support and it has a "
            "built-in fit() function like Keras. PyTorch code is harder to debug than "
            "TensorFlow, but it trains faster.",
        ],
    },
    "activation-functions": {
        "right": [
            "An activation function is applied to a layer's weighted sum plus bias: the layer "
            "computes z = Wx + b and the activation gives a = f(z). Its purpose is "
            "non-linearity: a stack of linear layers collapses into a single linear map, so "
            "without activations depth would add nothing. Hidden layers usually use ReLU, GELU "
            "or SiLU, because sigmoid and tanh saturate and cause vanishing gradients. At the "
            "output it depends on the task: raw logits for nn.CrossEntropyLoss, sigmoid for "
            "binary or multi-label, identity for regression.",

            "The key point is non-linearity. If you stack two linear layers with nothing in "
            "between, W2 times W1 x is just another matrix times x, so the whole deep network is "
            "still one linear model and can't learn anything curved. Putting a non-linear "
            "function after each layer's weighted sum fixes that. Which one you pick matters for "
            "training: sigmoid and tanh flatten out for large inputs, so their gradients get tiny "
            "and vanish in deep nets, which is why ReLU became the default for hidden layers, "
            "and transformers use GELU. On the last layer you choose by task; for classification "
            "with CrossEntropyLoss you leave the logits raw because the loss does the softmax.",

            "```python\n"
            "z = self.fc1(x)          # weighted sum plus bias: z = W x + b\n"
            "h = torch.relu(z)        # activation, element-wise: max(0, z)\n"
            "out = self.fc2(h)        # raw logits; nn.CrossEntropyLoss applies log-softmax itself\n"
            "```\n"
            "Without the ReLU, fc2(fc1(x)) would collapse into one linear layer, so the "
            "activation is what makes the network non-linear. ReLU also avoids the vanishing "
            "gradients of saturating sigmoid and tanh in hidden layers.",

            "Each layer first mixes its inputs with weights and adds a bias, and then the "
            "activation function bends that result. Without that bend, stacking layers is "
            "pointless, because a chain of straight-line functions is still just one "
            "straight-line function, so the network could only learn linear relationships. "
            "Common choices are ReLU, which keeps positive values and zeroes negatives and is the "
            "usual pick for hidden layers, and sigmoid or tanh, which squash values but "
            "saturate, making gradients vanish in deep networks. The last layer's activation "
            "depends on the task, for example none for regression.",
        ],
        "wrong": [
            "The main job of an activation function is to squash the output between 0 and 1 so "
            "it can be read as a probability. The activation function calculates the weighted "
            "sum of the inputs and adds the bias. Sigmoid is the best choice for hidden layers.",

            "Activation functions decide whether a neuron fires. ReLU causes vanishing "
            "gradients, so sigmoid and tanh are preferred in hidden layers. ReLU can't be used "
            "with backpropagation because it isn't differentiable at zero.",

            "Activation functions keep the network linear so it stays stable, and stacking more "
            "linear layers makes it non-linear anyway. For classification you put a softmax "
            "before nn.CrossEntropyLoss.",

            "An activation is what turns the weighted sum into the loss. ReLU is a linear "
            "function, and all activations output values between 0 and 1.",
        ],
    },
    "pytorch-building-blocks": {
        "right": [
            "torch.Tensor is the core data structure, an n-dimensional array that runs on CPU or "
            "GPU and converts to and from NumPy. torch.autograd records operations on tensors "
            "with requires_grad=True and loss.backward() computes their gradients into .grad. "
            "torch.nn gives nn.Module, the base class for layers and models that hold "
            "parameters, plus ready-made layers and loss functions. torch.optim provides "
            "optimizers such as SGD and AdamW that update the parameters from their gradients. "
            "torch.utils.data has Dataset and DataLoader for batching, shuffling and parallel "
            "loading.",

            "If I walk through a training step it covers all of them. The data comes in through "
            "torch.utils.data: a Dataset gives samples and a DataLoader batches and shuffles "
            "them. Everything is a tensor, a multi-dimensional array I can put on the GPU. The "
            "model is built with torch.nn, subclassing nn.Module and using layers like "
            "nn.Linear, and its weights are parameters. When I compute the loss and call "
            "backward, autograd works out the gradient of every parameter from the operations it "
            "recorded. Then torch.optim, say Adam, takes those gradients and updates the "
            "weights.",

            "```python\n"
            "x = torch.randn(64, 20, device=\"cuda\")                      # tensor: n-d array on the GPU\n"
            "model = nn.Sequential(nn.Linear(20, 1)).cuda()              # torch.nn: layers with parameters\n"
            "opt = torch.optim.SGD(model.parameters(), lr=0.1)           # torch.optim: updates parameters\n"
            "loader = DataLoader(TensorDataset(x, y), batch_size=8)      # torch.utils.data: batching\n"
            "loss = nn.MSELoss()(model(x), y)\n"
            "loss.backward()                                             # autograd computes the gradients\n"
            "opt.step()\n"
            "```\n"
            "Tensors, autograd, nn, optim and data: each has one job in the step.",

            "PyTorch has a few main pieces. Tensors are its arrays of numbers, which can live on "
            "the CPU or a graphics card. Autograd keeps track of calculations and computes "
            "gradients automatically when you call backward. The nn module gives you ready-made "
            "layers and loss functions and a base class for your own models. The optim module "
            "holds optimizers like SGD and Adam that adjust the weights using those gradients. "
            "And the data utilities, Dataset and DataLoader, feed the model batches of data.",
        ],
        "wrong": [
            "The building blocks are Tensors, PyTorch NumPy and the Autographed module. Tensors "
            "only run on the GPU, and the optimizer computes the gradients.",

            "torch.nn holds the optimizers and torch.optim holds the layers. autograd "
            "approximates gradients numerically, and the DataLoader loads the whole dataset into "
            "memory.",

            "PyTorch's blocks are tensors, which are Python lists, autograd, which moves tensors "
            "to the GPU, and nn.Module, where you must write a backward method for every layer. "
            "The DataLoader computes the loss.",

            "Tensors are matrices, autograd is the optimizer that updates weights, and "
            "torch.utils.data defines the layers. You need to write backward for each module in "
            "nn.",
        ],
    },
    "sigmoid-use": {
        "right": [
            "Sigmoid maps any real number into (0, 1), so it fits an output read as the "
            "probability of an independent yes/no event: binary classification, each label of a "
            "multi-label classifier, and the gates of an LSTM or GRU. In hidden layers it is a "
            "poor default: it saturates, and its derivative is at most 0.25, so gradients "
            "vanish through many layers. Its outputs are always positive, not zero-centred. "
            "Hidden layers use ReLU or GELU instead. In PyTorch return raw logits and use "
            "nn.BCEWithLogitsLoss, which applies the sigmoid in a numerically stable way; for "
            "mutually exclusive classes use softmax via nn.CrossEntropyLoss.",

            "I'd use sigmoid whenever the output should be a probability of a yes/no thing, like "
            "spam or not spam, or in multi-label tagging where each tag is its own independent "
            "yes/no. It's also inside LSTMs for the gates. What I wouldn't do is use it in hidden "
            "layers. For large positive or negative inputs it's flat, so the derivative is "
            "almost zero, and even at its best it's only 0.25; chain a few layers of that and the "
            "gradient vanishes. That's why everyone uses ReLU in the hidden layers. In PyTorch "
            "I'd actually not put a sigmoid layer at the end either: output logits and let "
            "BCEWithLogitsLoss handle it, because it's more numerically stable.",

            "```python\n"
            "head = nn.Linear(512, 20)                     # 20 independent labels (multi-label)\n"
            "loss_fn = nn.BCEWithLogitsLoss()              # sigmoid fused into the loss, numerically stable\n"
            "loss = loss_fn(head(features), targets)       # raw logits in, no sigmoid layer\n"
            "probs = torch.sigmoid(head(features))         # at inference: per-label probabilities\n"
            "```\n"
            "Sigmoid gives an independent probability per label, so it suits binary and "
            "multi-label outputs and LSTM gates. It saturates with a derivative of at most 0.25, "
            "so gradients vanish in deep hidden stacks, where ReLU is used instead.",

            "Sigmoid squeezes any number into the range between 0 and 1, so it's the natural "
            "choice when the answer is a yes-or-no probability, such as whether an email is "
            "spam, or for each separate tag when an item can have several tags. It's a bad "
            "choice deep inside a network: at the extremes the curve goes flat, its slope is "
            "never more than 0.25, and multiplying those small slopes layer after layer makes the "
            "gradients vanish, so training stalls. Hidden layers use ReLU instead.",
        ],
        "wrong": [
            "Sigmoid is generally preferred over other activation functions because its output "
            "is between 0 and 1. It is the best choice for hidden layers because ReLU causes "
            "vanishing gradients. Sigmoid outputs sum to one across the classes.",

            "Sigmoid outputs values between -1 and 1 and is zero-centred, which is why it trains "
            "well. Use it for multi-class classification with mutually exclusive classes.",

            "Apply torch.sigmoid to the outputs and then pass them to nn.BCEWithLogitsLoss. "
            "nn.BCELoss takes raw logits. Sigmoid avoids the vanishing gradient problem, so it's "
            "good in deep hidden layers.",

            "Sigmoid gives a probability distribution over all the classes, like softmax. Its "
            "derivative is 1 everywhere so gradients don't vanish. BCEWithLogitsLoss expects "
            "probabilities from a sigmoid.",
        ],
    },
    "tensor-attributes": {
        "right": [
            "dtype is the element type: float32 is the default float, float16 and bfloat16 are "
            "used for mixed precision, int64 (torch.long) for class indices, bool for masks; you "
            "cast with .to(torch.float16) or .float(). device says where the storage lives, cpu, "
            "cuda:0 or mps, operands of an op must be on the same device, and t = t.to(device) "
            "returns a tensor on that device (the same tensor if it is already there). layout is "
            "the memory organisation: torch.strided, the dense default described by strides, or "
            "sparse layouts such as torch.sparse_coo and sparse_csr. channels_last is a memory "
            "format, not a layout: the shape stays NCHW and only the strides change. Other "
            "properties: shape, requires_grad, grad.",

            "Those are the three things I check when a tensor misbehaves. dtype is what kind of "
            "number each element is; by default floats are float32, labels for classification "
            "should be int64, and you can cast with .to() or .half(). If you mix dtypes you get "
            "errors or silent promotion. device is where the data physically lives, CPU or a "
            "particular GPU like cuda:0; if you add a CPU tensor to a GPU tensor you get the "
            "'expected all tensors to be on the same device' error, so you move it with "
            "x = x.to('cuda'). layout is how the elements are stored: almost always "
            "torch.strided, a dense array indexed by strides, but there are sparse layouts like "
            "COO and CSR that only store the non-zero values.",

            "```python\n"
            "x = torch.zeros(2, 3)\n"
            "x.dtype, x.device, x.layout        # torch.float32, device(type='cpu'), torch.strided\n"
            "x = x.to(\"cuda\")                   # returns a copy on the GPU; reassign it\n"
            "y = x.to(torch.int64)              # cast the dtype\n"
            "s = x.to_sparse()                  # layout becomes torch.sparse_coo\n"
            "x.stride()                         # (3, 1): the strided layout\n"
            "```\n"
            "dtype is the element type (float32 by default), device is where the storage lives "
            "and operands must share it, layout is strided (dense) or sparse.",

            "dtype tells you what kind of numbers the tensor holds, for example 32-bit floats, "
            "which is the default, or 64-bit integers for labels; you can convert with .to() or "
            ".float(). device tells you where the tensor lives, on the CPU or on a specific GPU; "
            "both inputs of an operation have to be on the same device, and you move a tensor "
            "with .to(device). layout tells you how it's arranged in memory: normally strided, a "
            "regular dense grid, or sparse, where only the non-zero entries are stored.",
        ],
        "wrong": [
            "The layout is the shape of the tensor, like its number of rows and columns. The "
            "default dtype in PyTorch is float64. t.to(device) moves the tensor in place, so you "
            "don't need to reassign it.",

            "channels_last is a layout like strided or sparse, and it changes the tensor's shape "
            "to NHWC. dtype tells you whether the tensor is on the CPU or GPU. Class labels "
            "should be float32.",

            "device is the data type of the tensor and dtype is the GPU it runs on. Tensors are "
            "created on the GPU by default, and operands can be on different devices because "
            "PyTorch moves them automatically.",

            "Tensor.to() always returns a new copy of the tensor. layout means the number of "
            "dimensions, and strided means the tensor is stored on the GPU in chunks.",
        ],
    },
    "feed-forward": {
        "right": [
            "A feed-forward network is one whose connections form a directed acyclic graph: "
            "information flows in one direction, from the input through the hidden layers to the "
            "output, with no cycles or feedback connections. Each layer computes a weighted sum "
            "plus bias (nn.Linear) followed by a non-linear activation. Unlike an RNN or LSTM it "
            "keeps no hidden state between time steps, so the output depends only on the current "
            "input. The MLP is the classic example; CNNs are feed-forward too. It is still "
            "trained with backpropagation, but gradients flowing backward during training are "
            "not a feedback connection.",

            "Feed-forward just describes the direction data moves. You put an input in, it goes "
            "through the first hidden layer, then the next, and so on to the output, and nothing "
            "ever loops back. That's the difference from a recurrent network like an LSTM, which "
            "feeds its hidden state back in at every time step and so remembers previous "
            "inputs; a feed-forward net has no memory, the same input always gives the same "
            "output. A plain MLP is the textbook example, each layer being a linear layer plus a "
            "ReLU, and a CNN counts as feed-forward too. People sometimes get confused because "
            "training uses backpropagation, which sends gradients backwards, but that's the "
            "training algorithm, not a connection in the network.",

            "```python\n"
            "mlp = nn.Sequential(\n"
            "    nn.Flatten(),\n"
            "    nn.Linear(784, 256), nn.ReLU(),   # hidden layer: weighted sum + activation\n"
            "    nn.Linear(256, 10),               # output layer\n"
            ")   # x -> h -> y: one direction, no cycles, no state between calls\n"
            "```\n"
            "Information flows from input to output with no feedback or recurrent connections, "
            "unlike an RNN, which carries a hidden state between time steps. It is still trained "
            "by backpropagation.",

            "In a feed-forward network the data only travels one way: in at the input, through "
            "the hidden layers, out at the output, and never back. There are no loops, so it has "
            "no memory of earlier inputs, unlike a recurrent network that passes information "
            "from one step to the next. Each layer multiplies by weights, adds a bias and "
            "applies an activation. A basic multilayer perceptron is the standard example.",
        ],
        "wrong": [
            "A feed-forward network is simply an input layer, a hidden layer and an output "
            "layer, with exactly one hidden layer. Because it uses backpropagation it becomes a "
            "feedback network during training.",

            "Feed-forward networks have recurrent connections that feed the output back into the "
            "input, so they remember previous inputs. LSTMs are feed-forward networks too. CNNs "
            "are not feed-forward.",

            "In a feed-forward network information flows in both directions between layers, "
            "forward for prediction and backward for learning. They are trained without "
            "backpropagation, using only the forward pass.",

            "A feed-forward network is any network with a forward() method, including RNNs, "
            "which are also feed-forward. It carries a hidden state between time steps, which is "
            "why it's good for sequences.",
        ],
    },
    "anaconda-vs-miniconda": {
        "right": [
            "Both ship Python and conda, the package and environment manager. Anaconda "
            "Distribution is a large install with hundreds of pre-installed data-science "
            "packages such as NumPy, pandas, SciPy and Jupyter, plus the Navigator GUI. "
            "Miniconda is a minimal installer with just conda, Python and their dependencies; "
            "you install only what you need into separate environments, and it can install the "
            "same packages. Anaconda's defaults channel falls under Anaconda's terms of service, "
            "which require a paid licence for larger organisations; Miniforge with conda-forge "
            "is the community alternative.",

            "I always go with Miniconda on servers. Anaconda is the big bundle, a few gigabytes "
            "with hundreds of packages already installed, pandas, Jupyter, scikit-learn and so "
            "on, plus a GUI called Navigator, which is nice for beginners on a laptop. Miniconda "
            "is the bare minimum: conda and Python and nothing else, and then I create an "
            "environment per project and install exactly the packages that project needs. Both "
            "use conda for environments, so anything you can do with Anaconda you can do with "
            "Miniconda, it just starts empty. One thing to watch at a company is the licence: "
            "Anaconda's default channel needs a paid licence above a certain size, so a lot of "
            "teams use Miniforge and conda-forge.",

            "```bash\n"
            "# Miniconda: start minimal, add only what you need\n"
            "conda create -n torch python=3.11\n"
            "conda activate torch\n"
            "pip install torch torchvision        # the official pytorch conda channel is no longer published\n"
            "```\n"
            "Miniconda gives you just conda and Python; Anaconda comes with hundreds of "
            "pre-installed packages (NumPy, SciPy, pandas, Jupyter) and Navigator. Both use conda "
            "to manage environments, so Miniconda can install anything Anaconda has.",

            "Anaconda is the all-in-one package: you download a big installer and get Python plus "
            "hundreds of popular data-science libraries ready to use, like NumPy and pandas, and "
            "a point-and-click app to manage them. Miniconda is the lightweight version: just "
            "Python and the conda package manager, and you add the libraries you actually need "
            "yourself. Both use conda, so both can create separate environments and install the "
            "same packages.",
        ],
        "wrong": [
            "Miniconda is a limited version of Python that cannot install the packages Anaconda "
            "has, and it cannot create environments; only Anaconda can. Anaconda is free for any "
            "use, so there are no licensing concerns.",

            "Anaconda is its own programming language based on Python, and Miniconda is the "
            "smaller interpreter. conda is the same as pip and only installs Python packages.",

            "Miniconda comes with all the same packages as Anaconda, it just doesn't have the "
            "Navigator GUI. To get PyTorch you run conda install pytorch -c pytorch from the "
            "official channel.",

            "Anaconda is a package manager and Miniconda is an IDE. Miniconda has fewer packages "
            "available, so you need Anaconda for PyTorch.",
        ],
    },
    "abstraction-levels": {
        "right": [
            "Each level builds on the one below. Tensors are n-dimensional, NumPy-like arrays "
            "that run on CPU or GPU; with tensors alone you could compute gradients by hand. "
            "Autograd: tensors with requires_grad=True record the operations applied to them "
            "into a computational graph built on the fly, and loss.backward() computes gradients "
            "into .grad. nn.Module: layers and models that own learnable nn.Parameters and "
            "submodules and define forward(). Old tutorials list Variable in the middle, but it "
            "was merged into Tensor in PyTorch 0.4 and is deprecated. They connect like this: a "
            "module's forward is tensor operations that autograd records, backward fills the "
            "parameters' .grad, and the optimizer's step() updates them.",

            "I think of it as three layers of convenience. At the bottom are plain tensors, "
            "basically NumPy arrays that can also live on a GPU; you could write a whole network "
            "with them and derive the gradients yourself. On top of that autograd: set "
            "requires_grad on a tensor and every operation gets recorded in a graph as the code "
            "runs, so backward() gives you the gradients in .grad for free. Then nn.Module, where "
            "layers own their weights as Parameters and you just write forward. Older material "
            "talks about Variable as a level, but that got merged into Tensor back in 0.4, so "
            "it's obsolete. In practice it's all one flow: the module's forward is tensor maths, "
            "autograd records it, backward fills the grads, and the optimizer steps.",

            "```python\n"
            "# 1. tensors: n-d arrays on CPU or GPU, gradients by hand\n"
            "w = torch.randn(10, 1, device=\"cuda\")\n"
            "# 2. autograd: requires_grad records operations into a graph built on the fly\n"
            "w = torch.randn(10, 1, requires_grad=True); loss = (x @ w).pow(2).mean(); loss.backward()  # fills w.grad\n"
            "# 3. nn.Module: layers own nn.Parameters and define forward()\n"
            "layer = nn.Linear(10, 1)          # layer.weight is an nn.Parameter\n"
            "opt = torch.optim.SGD(layer.parameters(), lr=0.1)   # the optimizer updates them from .grad\n"
            "```\n"
            "Variable was merged into Tensor in 0.4 and is deprecated.",

            "The lowest level is the tensor, an array of numbers with any number of dimensions "
            "that can sit on the CPU or the GPU. Above it is autograd: if you mark a tensor as "
            "needing gradients, PyTorch records the calculations done with it and can work out "
            "the gradients by going backwards through that record. The top level is nn.Module, "
            "which packages layers together with the weights they own and a forward method. "
            "Each level is built on the one below, and an optimizer then uses the gradients to "
            "update the module's weights. Variable was a separate level in old versions but is "
            "now deprecated.",
        ],
        "wrong": [
            "The three levels are Tensor, Variable and Module. You wrap a tensor in a Variable to "
            "get gradients, and a Variable is a node in the computational graph. Tensors only "
            "run on the GPU.",

            "At the bottom is autograd, which stores the data; tensors sit on top of it and "
            "compute gradients; modules are at the top and do not go through autograd. The "
            "levels are independent of each other.",

            "nn.Module doesn't hold parameters of its own, you pass the weights in each time. "
            "nn.Parameter is not a tensor. The optimizer computes the gradients from the module.",

            "Tensors are matrices used for the data only, autograd is the optimizer level that "
            "updates weights, and nn.Module is where you write backward for each layer. The "
            "graph is built once before training.",
        ],
    },
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

#: The questions whose rubrics this file checks (the core deck of issue 14, part 1).
QUESTIONS = (
    "what-is-pytorch pytorch-vs-tensorflow tensors autograd torch-nn-and-nn-module "
    "nn-module-vs-sequential dataloader loss-function gradient torch-cuda backpropagation "
    "optimizers autograd-function dataset-class modulelist pytorch-vs-keras conv1d-conv2d-conv3d "
    "cnn dnn-vs-cnn pytorch-advantages activation-functions pytorch-building-blocks sigmoid-use "
    "tensor-attributes feed-forward anaconda-vs-miniconda abstraction-levels"
).split()

#: One claim per line, in a candidate's words: each must meet the criterion it states.
CLAIMS_MEETING = [
    ("optimizers", "step-api",
     "Call optimizer.zero_grad() before loss.backward(), then optimizer.step() to update "
     "the weights."),
    ("optimizers", "step-api",
     "The gradients are reset with zero_grad and the parameters are updated by step."),
    ("optimizers", "step-api",
     "opt.zero_grad(); loss.backward(); opt.step()"),
    ("optimizers", "updates-parameters",
     "The optimizer adjusts each weight using its gradient and the learning rate."),
    ("modulelist", "plain-list-consequences",
     "If you use a Python list the parameters won't be registered, so model.parameters() "
     "won't return them and they won't be saved in the state_dict."),
    ("modulelist", "registers-submodules",
     "nn.ModuleList makes sure its modules are properly registered."),
    ("autograd", "reverse-chain-rule",
     "Calling .backward() on the loss propagates gradients back through the graph using "
     "the chain rule."),
    ("autograd", "records-graph",
     "Every operation on a tensor that requires grad is tracked and builds a DAG as the "
     "forward pass runs."),
    ("autograd", "grad-accumulates",
     "Gradients get accumulated in the .grad field of the leaf tensors, so you have to "
     "zero them."),
    ("loss-function", "backward-step",
     "After computing the loss we call loss.backward() to get gradients and "
     "optimizer.step() to update weights."),
    ("loss-function", "measures-error",
     "It measures how far the predicted values are from the true labels, giving a single "
     "number to minimize."),
    ("gradient", "stored-in-grad",
     "After calling loss.backward(), each parameter's gradient is available in param.grad."),
    ("gradient", "partial-derivatives",
     "The gradient is a vector containing the partial derivative of the loss with respect "
     "to each weight."),
    ("backpropagation", "pytorch-mechanics",
     "In PyTorch, autograd builds the computational graph in the forward pass and "
     "loss.backward() computes the gradients."),
    ("backpropagation", "separate-from-update",
     "Backprop computes the gradients; the optimizer then updates the weights."),
    ("dataloader", "batching",
     "It splits the dataset into batches of batch_size samples."),
    ("dataloader", "shuffling-sampling",
     "With shuffle=True the data is reshuffled at every epoch."),
    ("tensors", "nd-array",
     "A tensor is a multi-dimensional array, a generalization of scalars, vectors and "
     "matrices."),
    ("tensors", "device",
     "Tensors can be moved to the GPU with .to('cuda'); by default they live on the CPU."),
    ("torch-cuda", "explicit-placement",
     "You have to explicitly move the model and the data to the GPU with .to(device)."),
    ("torch-cuda", "nvidia-platform",
     "CUDA is a parallel computing platform developed by NVIDIA for GPUs."),
    ("torch-nn-and-nn-module", "base-class-forward",
     "You create a class that inherits from nn.Module, define the layers in __init__ and "
     "implement the forward method."),
    ("torch-nn-and-nn-module", "parameter-registration",
     "Any nn.Parameter or submodule assigned as an attribute is automatically registered, "
     "so model.parameters() returns all of them."),
    ("nn-module-vs-sequential", "chains-in-order",
     "nn.Sequential applies the layers one after the other, passing the output of each to "
     "the next."),
    ("nn-module-vs-sequential", "when-to-subclass",
     "For skip connections or multiple inputs you need to subclass nn.Module and write a "
     "custom forward."),
    ("what-is-pytorch", "tensor-library-gpu",
     "PyTorch is a tensor library with GPU acceleration."),
    ("what-is-pytorch", "autograd",
     "It has automatic differentiation, called autograd."),
    ("pytorch-vs-tensorflow", "tf2-is-eager",
     "TensorFlow 2 also uses eager execution by default; static graphs were a TensorFlow 1"
     " thing."),
    ("pytorch-vs-keras", "abstraction-level",
     "Keras is a high-level API while PyTorch is a lower-level framework."),
    ("pytorch-vs-keras", "fit-vs-loop",
     "In Keras you call model.fit(), in PyTorch you write the training loop yourself."),
    ("dataset-class", "getitem-len",
     "You implement __len__ to return the size of the dataset and __getitem__ to return a "
     "sample for a given index."),
    ("dataset-class", "one-sample",
     "__getitem__ returns a single sample and label; the DataLoader handles batching."),
    ("autograd-function", "forward-backward",
     "You subclass torch.autograd.Function and implement static forward and backward "
     "methods; backward gets grad_output and returns the gradient for each input."),
    ("conv1d-conv2d-conv3d", "use-cases",
     "Conv1d is used for audio and text, Conv2d for images and Conv3d for videos or MRI "
     "scans."),
    ("conv1d-conv2d-conv3d", "spatial-dims",
     "The difference is the number of spatial dimensions the kernel slides over."),
    ("cnn", "sliding-filters",
     "Convolutional layers apply learnable filters that slide over the image to produce "
     "feature maps."),
    ("cnn", "locality-weight-sharing",
     "Weight sharing and local receptive fields mean far fewer parameters than a fully "
     "connected layer."),
    ("dnn-vs-cnn", "dense-connectivity",
     "In a fully connected network every neuron is connected to all neurons of the "
     "previous layer, and images must be flattened."),
    ("dnn-vs-cnn", "consequences",
     "CNNs need fewer parameters and are translation invariant."),
    ("pytorch-advantages", "eager-debugging",
     "It uses dynamic computation graphs, so debugging with standard Python tools like pdb"
     " is easy."),
    ("activation-functions", "nonlinearity",
     "Activation functions introduce non-linearity; without them a deep network is just a "
     "linear model."),
    ("activation-functions", "applied-to-preactivation",
     "The activation is applied element-wise to the output of the linear layer, z = Wx + "
     "b."),
    ("pytorch-building-blocks", "autograd",
     "torch.autograd automatically computes gradients of tensor operations."),
    ("pytorch-building-blocks", "optim",
     "torch.optim provides optimizers like SGD and Adam that update the model parameters."),
    ("sigmoid-use", "probability-output",
     "Sigmoid is used in the output layer for binary classification, because it gives a "
     "probability between 0 and 1."),
    ("sigmoid-use", "saturation-vanishing",
     "For large inputs sigmoid saturates and its gradient becomes tiny, so gradients "
     "vanish in deep networks."),
    ("tensor-attributes", "device",
     "device tells you whether the tensor is on the CPU or a GPU like cuda:0; both "
     "operands must be on the same device."),
    ("tensor-attributes", "dtype",
     "dtype is the data type, for example torch.float32, which is the default; cast with "
     ".to(torch.float16)."),
    ("feed-forward", "one-direction-acyclic",
     "Information flows only forward from the input layer to the output layer, without any"
     " loops."),
    ("feed-forward", "vs-recurrent",
     "Unlike RNNs, it has no memory of previous inputs."),
    ("anaconda-vs-miniconda", "miniconda-minimal",
     "Miniconda is a minimal installer containing only conda and Python; you install the "
     "packages you need."),
    ("anaconda-vs-miniconda", "anaconda-full",
     "Anaconda comes with over 250 preinstalled packages like NumPy and pandas."),
    ("abstraction-levels", "autograd-level",
     "Autograd tracks operations on tensors with requires_grad=True and computes gradients"
     " when you call backward()."),
    ("abstraction-levels", "module-level",
     "nn.Module holds the learnable parameters and defines the forward pass."),
    ("optimizers", "step-api",
     "In every iteration I first clear old gradients with optimizer.zero_grad(), then "
     "compute the loss and call backward, and finally optimizer.step() applies the update."),
    ("optimizers", "step-api",
     "optimizer.step() performs a single optimization step, and optimizer.zero_grad() sets"
     " the gradients of all parameters to zero."),
    ("optimizers", "updates-parameters",
     "It takes the gradients computed by backprop and uses them to update the model "
     "weights."),
    ("optimizers", "schedulers-state",
     "A learning rate scheduler like StepLR decays the learning rate during training."),
    ("modulelist", "plain-list-consequences",
     "Without ModuleList, the layers are not visible to the optimizer and won't be moved "
     "to the GPU with model.to(device)."),
    ("autograd", "control-recording",
     "Use torch.no_grad() during evaluation to disable gradient tracking."),
    ("autograd", "grad-accumulates",
     "The gradients are stored in the .grad attribute of each parameter and they "
     "accumulate across backward calls."),
    ("loss-function", "task-choice",
     "For regression use nn.MSELoss and for classification use nn.CrossEntropyLoss."),
    ("loss-function", "backward-step",
     "loss.backward() calculates the gradients and the optimizer updates the parameters in"
     " step()."),
    ("gradient", "direction-descent",
     "The gradient points in the direction of the steepest ascent, so we move in the "
     "negative gradient direction to minimise the loss."),
    ("gradient", "accumulation-details",
     "Gradients are accumulated by default, which is why we call zero_grad() before each "
     "backward pass."),
    ("backpropagation", "chain-rule-backwards",
     "It propagates the error from the output layer back to the input layer using the "
     "chain rule."),
    ("backpropagation", "grads-wrt-weights",
     "It calculates the derivative of the loss function with respect to each weight in the"
     " network."),
    ("dataloader", "parallel-workers",
     "Setting num_workers=4 loads data in parallel using multiple worker processes."),
    ("dataloader", "wraps-dataset",
     "The DataLoader takes a Dataset object and provides an iterable over it."),
    ("tensors", "autograd-tracking",
     "Tensors can keep track of gradients if requires_grad is set to True."),
    ("tensors", "numpy-like",
     "Tensors are similar to NumPy arrays but can run on GPUs."),
    ("torch-cuda", "explicit-placement",
     "Tensors and models need to be on the same device, so you call model.cuda() and "
     "x.cuda()."),
    ("torch-nn-and-nn-module", "module-utilities",
     "Modules provide state_dict() for saving weights and model.eval() and model.train() "
     "to switch modes."),
    ("torch-nn-and-nn-module", "eval-vs-no-grad",
     "model.eval() switches dropout and batchnorm to evaluation mode, while "
     "torch.no_grad() disables gradient computation."),
    ("nn-module-vs-sequential", "sequential-is-module",
     "nn.Sequential is itself a subclass of nn.Module, so its parameters are registered "
     "and it can be nested."),
    ("what-is-pytorch", "eager-define-by-run",
     "PyTorch uses a dynamic computation graph that is built on the fly."),
    ("what-is-pytorch", "origin-governance",
     "PyTorch is an open source library developed by Facebook's AI Research lab."),
    ("pytorch-vs-tensorflow", "pytorch-graph-capture",
     "PyTorch 2.0 introduced torch.compile, which compiles the model into optimized "
     "kernels."),
    ("pytorch-vs-tensorflow", "api-style",
     "TensorFlow has Keras with model.fit(), while in PyTorch you usually write your own "
     "training loop."),
    ("pytorch-vs-keras", "backends",
     "Keras was originally built on top of TensorFlow, but Keras 3 supports JAX and "
     "PyTorch backends."),
    ("pytorch-vs-keras", "tradeoff",
     "Keras is great for quick prototyping, PyTorch gives more flexibility and control."),
    ("dataset-class", "lazy-transforms",
     "In __init__ you store the file paths and in __getitem__ you load the image and apply"
     " transforms."),
    ("autograd-function", "ctx-saved-tensors",
     "In forward you call ctx.save_for_backward(x) and in backward you read "
     "ctx.saved_tensors."),
    ("autograd-function", "verify-and-avoid",
     "You can verify the backward with torch.autograd.gradcheck."),
    ("conv1d-conv2d-conv3d", "channels-and-cost",
     "The kernel always covers all input channels, and a 3D kernel has many more "
     "parameters."),
    ("cnn", "pooling-hierarchy",
     "Max pooling reduces the spatial size, and deeper layers learn higher-level features "
     "like object parts from edges."),
    ("cnn", "translation",
     "Convolutions are translation equivariant."),
    ("dnn-vs-cnn", "local-shared-kernels",
     "Each neuron in a conv layer is connected only to a small local region and the kernel"
     " weights are shared across the image."),
    ("dnn-vs-cnn", "when-to-use",
     "Use CNNs for images and MLPs for tabular data."),
    ("pytorch-advantages", "ecosystem",
     "It has a huge community and libraries like Hugging Face Transformers and "
     "torchvision."),
    ("pytorch-advantages", "performance-deployment",
     "You can speed things up with torch.compile and mixed precision, and deploy with ONNX"
     " export."),
    ("activation-functions", "hidden-choices-gradients",
     "ReLU is the default in hidden layers because sigmoid and tanh suffer from vanishing "
     "gradients."),
    ("activation-functions", "output-layer",
     "For the output layer of a classifier, keep raw logits because CrossEntropyLoss "
     "applies softmax."),
    ("pytorch-building-blocks", "tensors",
     "Tensors are multi-dimensional arrays that can run on GPUs."),
    ("pytorch-building-blocks", "nn",
     "torch.nn provides layers such as nn.Linear and nn.Conv2d and loss functions."),
    ("pytorch-building-blocks", "data",
     "torch.utils.data provides Dataset and DataLoader to load data in batches."),
    ("sigmoid-use", "pytorch-practice",
     "In PyTorch use BCEWithLogitsLoss on raw logits instead of sigmoid plus BCELoss, for "
     "numerical stability."),
    ("sigmoid-use", "hidden-alternatives",
     "For hidden layers ReLU is preferred."),
    ("sigmoid-use", "not-zero-centred",
     "Sigmoid outputs are not zero-centered."),
    ("tensor-attributes", "layout",
     "layout is torch.strided for dense tensors or torch.sparse_coo for sparse tensors."),
    ("feed-forward", "layer-structure",
     "It has one or more hidden layers, each applying a linear transformation followed by "
     "an activation function."),
    ("feed-forward", "trained-with-backprop",
     "Feed-forward networks are trained with backpropagation."),
    ("anaconda-vs-miniconda", "shared-conda",
     "Both include the conda package manager, which you use to create isolated "
     "environments."),
    ("abstraction-levels", "tensor-level",
     "Tensors are like NumPy arrays but can run on GPUs."),
    ("abstraction-levels", "how-they-relate",
     "Modules are built on top of autograd, and the optimizer updates the parameters using"
     " their gradients."),
]

#: Confidently wrong claims in other words than the rubric's: each must be charged.
WRONG_CLAIMS = [
    ("optimizers",
     "optimizer.zero_grad() resets all the weights of the model to zero before each batch."),
    ("optimizers",
     "The optimizer step computes the gradients of the loss."),
    ("optimizers",
     "Calling loss.backward() updates the parameters."),
    ("optimizers",
     "zero_grad is used to reset the model."),
    ("modulelist",
     "Even with a normal list, model.parameters() also includes the layers."),
    ("modulelist",
     "ModuleList works just like nn.Sequential."),
    ("what-is-pytorch",
     "PyTorch was created by Google."),
    ("what-is-pytorch",
     "Autograd approximates the derivatives numerically."),
    ("pytorch-vs-tensorflow",
     "TensorFlow 2 still requires sessions."),
    ("pytorch-vs-tensorflow",
     "PyTorch cannot compile graphs."),
    ("tensors",
     "Tensors are always 2-dimensional."),
    ("tensors",
     "Every tensor requires grad by default."),
    ("autograd",
     "backward() overwrites the gradients every time."),
    ("autograd",
     "Autograd uses finite differences to compute gradients."),
    ("torch-nn-and-nn-module",
     "You must define a backward method in your nn.Module."),
    ("torch-nn-and-nn-module",
     "model.eval() disables gradient computation."),
    ("nn-module-vs-sequential",
     "A plain nn.Sequential can handle residual connections."),
    ("dataloader",
     "num_workers sets the number of threads used for loading."),
    ("dataloader",
     "shuffle=True only shuffles once, at the beginning."),
    ("loss-function",
     "You should apply softmax before CrossEntropyLoss."),
    ("loss-function",
     "Training maximizes the loss."),
    ("gradient",
     "The gradient points in the direction of steepest descent."),
    ("gradient",
     "The optimizer stores the gradients."),
    ("torch-cuda",
     "CUDA works on AMD GPUs as well."),
    ("torch-cuda",
     "PyTorch automatically moves tensors to the GPU."),
    ("backpropagation",
     "Backpropagation updates the weights of the network."),
    ("backpropagation",
     "Backprop only computes gradients for the last layer."),
    ("autograd-function",
     "You only need to implement forward; autograd generates the backward for you."),
    ("autograd-function",
     "backward returns one gradient no matter how many inputs."),
    ("dataset-class",
     "__getitem__ returns a batch of samples."),
    ("dataset-class",
     "The Dataset class shuffles the data."),
    ("pytorch-vs-keras",
     "Keras only works with TensorFlow."),
    ("pytorch-vs-keras",
     "PyTorch has a built-in fit method like Keras."),
    ("conv1d-conv2d-conv3d",
     "Conv3d is for RGB images since they have 3 channels."),
    ("conv1d-conv2d-conv3d",
     "Conv2d expects inputs in NHWC format."),
    ("cnn",
     "The filters in a CNN are fixed edge detectors."),
    ("cnn",
     "CNNs are rotation invariant."),
    ("dnn-vs-cnn",
     "CNNs are not deep networks."),
    ("dnn-vs-cnn",
     "An MLP preserves the spatial structure of images."),
    ("pytorch-advantages",
     "PyTorch is always faster than TensorFlow."),
    ("pytorch-advantages",
     "TorchServe is the official way to serve PyTorch models."),
    ("activation-functions",
     "ReLU causes the vanishing gradient problem."),
    ("activation-functions",
     "The activation function computes the weighted sum."),
    ("pytorch-building-blocks",
     "The optimizer calculates the gradients."),
    ("pytorch-building-blocks",
     "Tensors only live on the GPU."),
    ("sigmoid-use",
     "Sigmoid outputs range from -1 to 1."),
    ("sigmoid-use",
     "Apply sigmoid before BCEWithLogitsLoss."),
    ("tensor-attributes",
     "The default dtype is float64."),
    ("tensor-attributes",
     "layout is the shape of the tensor."),
    ("feed-forward",
     "A feed-forward network has exactly one hidden layer."),
    ("feed-forward",
     "LSTMs are feed-forward networks."),
    ("anaconda-vs-miniconda",
     "Miniconda cannot create environments."),
    ("anaconda-vs-miniconda",
     "conda only installs Python packages."),
    ("abstraction-levels",
     "You need to wrap tensors in a Variable to get gradients."),
    ("abstraction-levels",
     "Modules don't use autograd."),
]

#: Right claims that deny, contrast or correct a wrong one: none may be charged.
CORRECTIONS = [
    ("optimizers",
     "zero_grad() resets the gradients, not the weights."),
    ("optimizers",
     "zero_grad does not touch the weights; it clears each parameter's .grad."),
    ("optimizers",
     "loss.backward() doesn't update the weights, optimizer.step() does."),
    ("optimizers",
     "The step does not compute gradients; backward does."),
    ("optimizers",
     "A common mistake is thinking that backward() updates the weights."),
    ("modulelist",
     "Unlike nn.Sequential, ModuleList does not call its layers for you."),
    ("modulelist",
     "People assume model.parameters() still finds layers in a plain list, but it doesn't."),
    ("modulelist",
     "ModuleList is not just a naming convention: it registers the modules."),
    ("what-is-pytorch",
     "torch.compile is optional, not required."),
    ("what-is-pytorch",
     "Autograd computes gradients; it does not move data to the GPU."),
    ("pytorch-vs-tensorflow",
     "People say TensorFlow 2 is static, but it is eager by default."),
    ("pytorch-vs-tensorflow",
     "torch.compile is not TorchScript; TorchScript is deprecated."),
    ("tensors",
     "A tensor is not just a NumPy array: it can live on the GPU and track gradients."),
    ("tensors",
     "The shape is not the number of elements; numel() gives that."),
    ("autograd",
     "You do not write the backward function for each operation; autograd does it."),
    ("autograd",
     "The graph is built during the forward pass, not during the backward pass."),
    ("torch-nn-and-nn-module",
     "eval() does not freeze the weights; it only changes dropout and batch norm."),
    ("torch-nn-and-nn-module",
     "Parameters are registered when you assign them as attributes, not when you create "
     "the optimizer."),
    ("nn-module-vs-sequential",
     "nn.Sequential does not run layers in parallel; it runs them in order."),
    ("dataloader",
     "The Dataset does not group samples into batches; the DataLoader does."),
    ("dataloader",
     "collate_fn stacks the samples into a batch."),
    ("loss-function",
     "The loss is not a layer of the network."),
    ("loss-function",
     "optimizer.step() does not compute gradients; loss.backward() does."),
    ("gradient",
     "backward() does not add the gradient to the weights; it stores it in .grad."),
    ("gradient",
     "zero_grad() sets the gradients of all parameters to zero."),
    ("torch-cuda",
     "The inputs don't follow the model to the GPU automatically; move them too."),
    ("torch-cuda",
     "CUDA is not a Python package; torch.cuda is PyTorch's interface to it."),
    ("backpropagation",
     "The optimizer does not compute gradients; backprop does."),
    ("backpropagation",
     "backward() does not just calculate the loss value, it computes gradients."),
    ("autograd-function",
     "gradcheck is needed because autograd doesn't check your backward."),
    ("autograd-function",
     "forward and backward are static methods, not instance methods."),
    ("dataset-class",
     "Transforms don't have to be applied in the DataLoader; put them in __getitem__."),
    ("pytorch-vs-keras",
     "PyTorch is not the high-level API; Keras is."),
    ("pytorch-vs-keras",
     "Keras 3 is not just a new version of TensorFlow; it is multi-backend."),
    ("conv1d-conv2d-conv3d",
     "The kernel does not slide over the channels; it spans all of them."),
    ("conv1d-conv2d-conv3d",
     "Using Conv3d for RGB images is a mistake: colour is channels, not a dimension."),
    ("cnn",
     "A CNN is not just an MLP with more layers."),
    ("dnn-vs-cnn",
     "DNN does not stand for dynamic neural network; it means deep neural network."),
    ("pytorch-advantages",
     "PyTorch does not use a static graph compiled before running."),
    ("pytorch-advantages",
     "PyTorch is not the only framework with GPU support."),
    ("activation-functions",
     "The activation does not compute the loss."),
    ("activation-functions",
     "Stacking more linear layers does not make the network non-linear."),
    ("pytorch-building-blocks",
     "autograd is not the optimizer; torch.optim is."),
    ("pytorch-building-blocks",
     "Tensors are not Python lists."),
    ("sigmoid-use",
     "Don't use sigmoid for multi-class problems; use softmax."),
    ("sigmoid-use",
     "Sigmoid's derivative is not 1 everywhere; it is at most 0.25."),
    ("tensor-attributes",
     "dtype does not tell you the device; that's the device attribute."),
    ("feed-forward",
     "RNNs are not feed-forward, because they feed their hidden state back."),
    ("feed-forward",
     "Having a forward() method doesn't make a network feed-forward."),
    ("anaconda-vs-miniconda",
     "Anaconda is not a package manager; conda is."),
    ("anaconda-vs-miniconda",
     "You don't need Anaconda for PyTorch; Miniconda is enough."),
    ("abstraction-levels",
     "Autograd is not the optimizer; it computes gradients."),
    ("abstraction-levels",
     "Tensors are the bottom level, not autograd."),
]

CASES = [(question_id, kind, n) for question_id, sets in ANSWERS.items()
         for kind in ("right", "wrong") for n in range(len(sets[kind]))]


def test_every_question_has_four_answers_of_each_kind():
    assert sorted(ANSWERS) == sorted(QUESTIONS)
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


@pytest.mark.parametrize("question_id, criterion, answer", CLAIMS_MEETING)
def test_a_claim_in_other_words_meets_its_criterion(question_id, criterion, answer):
    result = grade(question_id, answer)
    assert {c.id: c.verdict for c in result.criteria}[criterion] == "met"


@pytest.mark.parametrize("question_id, answer", WRONG_CLAIMS)
def test_a_wrong_claim_in_other_words_is_charged(question_id, answer):
    assert grade(question_id, answer).misconceptions


@pytest.mark.parametrize("question_id, answer", CORRECTIONS)
def test_denying_or_correcting_a_wrong_claim_is_not_charged(question_id, answer):
    assert [m.id for m in grade(question_id, answer).misconceptions] == []
