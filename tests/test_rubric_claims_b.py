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
            "torch.from_numpy(a) returns a CPU tensor that shares memory with the array "
            "without a copy, so changing a in place changes the tensor as well. It keeps the "
            "dtype: float64 stays float64, so call .float() before a float32 layer. Use "
            "torch.tensor(a) when you want a copy.",
            "So from_numpy is basically the bridge from NumPy into PyTorch. The thing to know "
            "is that it doesn't copy anything, the tensor just points at the same underlying "
            "buffer as the ndarray, which is great for speed but it bites you when you later "
            "modify the array, because the tensor sees the modification too. Another gotcha is "
            "the dtype: numpy arrays are float64 by default and from_numpy keeps that, so you "
            "end up with a double tensor and the model, which is float32, complains with "
            "expected scalar type Float but found Double. I usually just call .float() on it. "
            "And if you really want an independent copy, torch.tensor(arr) or .clone() gives "
            "you one.",
            "```\na = np.zeros(3)\nt = torch.from_numpy(a)\na += 1          # t changes too, same "
            "memory\nprint(t.dtype)  # torch.float64, numpy's default\nx = t.float()   # float32 "
            "copy for nn layers\n```\nfrom_numpy wraps the array without copying, so a "
            "modification of either one shows in the other. The dtype is kept, so cast to "
            "float32 for layers, and use torch.tensor(a) or t.clone() when you need a separate "
            "copy.",
            "It turns a NumPy array into a PyTorch tensor, but the two are really the same "
            "data in memory: if you edit one in place, the other one sees the edit. The number "
            "type carries over as well, so a float64 array gives a float64 tensor, while "
            "layers want float32, so convert it with .float(). The tensor lives on the CPU; "
            "going back with .numpy() shares memory too, after .detach().cpu() for a GPU "
            "tensor.",
        ],
        "wrong": [
            "torch.from_numpy(a) makes an independent copy of the array, so changing a later "
            "has no effect on the tensor. It also converts the data to float32, which is what "
            "layers expect, so you never need .float(). Use .clone() if you want the tensor to "
            "share memory with a.",
            "from_numpy shares memory with the array only until you modify it: the first "
            "in-place change triggers copy-on-write, so t and a never see each other's "
            "changes. The dtype is converted to the default float32. torch.tensor(a) also "
            "shares memory, just like from_numpy.",
            "from_numpy creates a tensor with the same shape and dtype, but the data is "
            "copied, so in-place changes to the array are not reflected in the tensor. If CUDA "
            "is available from_numpy returns the tensor directly on the GPU, and you can call "
            ".numpy() directly on a CUDA tensor to go back.",
            "The tensor from from_numpy lives in its own memory: modifying the array in place "
            "does not change the tensor, and vice versa. float64 arrays become float32 tensors "
            "automatically. torch.as_tensor(a) and clone() both keep sharing the memory with "
            "the array.",
            "torch.from_numpy converts the ndarray into a fresh tensor in PyTorch's own "
            "storage, after which the two are unrelated: you can modify the array freely. It "
            "also casts float64 down to float32 for you, which is why layers accept it.",
        ],
    },
    "gpu-usage": {
        "right": [
            "torch.cuda.is_available() and get_device_name(0) tell you a GPU is visible; then "
            "check next(model.parameters()).device to see the model is really on cuda. "
            "torch.cuda.memory_allocated() gives the bytes held by live tensors and "
            "memory_reserved() what the caching allocator holds. nvidia-smi shows utilisation "
            "and per-process memory, and reads higher than memory_allocated because of the "
            "cache and the CUDA context.",
            "First I make sure PyTorch can see the card at all, torch.cuda.is_available() "
            "should be True and device_count() tells me how many there are. That doesn't mean "
            "my code uses it though, tensors start on the CPU, so I print x.device for a batch "
            "and the device of the model's parameters. For memory I look at "
            "torch.cuda.memory_allocated(), which is what my tensors actually occupy, and "
            "max_memory_allocated() for the peak of a step. Then in a terminal I run "
            "nvidia-smi to watch GPU utilisation. Don't be surprised that nvidia-smi reports "
            "more than memory_allocated: PyTorch keeps freed blocks in its caching allocator, "
            "and empty_cache() only hands those unused cached blocks back.",
            "```python\nprint(torch.cuda.is_available(), "
            "torch.cuda.get_device_name(0))\nprint(next(model.parameters()).device)   # cuda:0 "
            "if the model was moved\nprint(torch.cuda.memory_allocated() / 2**20, 'MiB in live "
            "tensors')\nprint(torch.cuda.memory_reserved() / 2**20, 'MiB reserved by the "
            "caching allocator')\nprint(torch.cuda.memory_summary())\n```\nOutside Python, watch "
            "-n 1 nvidia-smi shows utilisation and memory per process; it is higher than "
            "memory_allocated because of cached blocks and the CUDA context. For where the "
            "memory goes, torch.profiler with profile_memory=True.",
            "Ask PyTorch whether CUDA is available with torch.cuda.is_available(), then look "
            "at the device your tensors and model weights sit on, because nothing moves to the "
            "GPU unless you call .to('cuda'). PyTorch reports how much memory your tensors use "
            "with memory_allocated and the highest use so far with max_memory_allocated. The "
            "nvidia-smi tool shows how busy the GPU is and how much memory each process holds.",
            "First torch.cuda.is_available() to see if CUDA works, and "
            "print(model.fc.weight.device) to confirm the weights are on cuda:0. "
            "torch.cuda.memory_allocated() reports memory occupied by tensors, "
            "torch.cuda.max_memory_allocated() the peak. Run nvidia-smi in a shell to see GPU "
            "load; it reads higher because PyTorch caches freed memory.",
        ],
        "wrong": [
            "torch.cuda.is_available() tells you the model is running on the GPU, because if "
            "CUDA is available PyTorch automatically puts your tensors on the GPU. "
            "torch.cuda.memory_allocated() shows the total memory of the card and "
            "memory_reserved() is the memory used by your tensors. nvidia-smi shows exactly "
            "the same number as memory_allocated.",
            "Use dxdiag to check GPU usage, it shows the GPU memory. In code, "
            "torch.cuda.device_count() tells you how much memory is free, and "
            "torch.cuda.empty_cache() frees the memory used by your tensors, which fixes "
            "out-of-memory errors. memory_reserved is the same as memory_allocated.",
            "Check torch.cuda.is_available(); if it returns True, all tensors are on the GPU "
            "by default, so there's nothing else to check. mem_get_info tells you how much "
            "memory your tensors use, and nvidia-smi reports only the memory held by your "
            "tensors. PyTorch returns freed memory to the driver immediately, so there is no "
            "cache to worry about.",
            "memory_allocated includes the cached memory, so it is always the same as "
            "nvidia-smi. max_memory_allocated is the total capacity of the GPU, and "
            "memory_reserved tells you the GPU utilisation. If torch.cuda.is_available() is "
            "True then your code is using the GPU.",
            "nvidia-smi tells you how much memory PyTorch's tensors use, nothing else. "
            "torch.cuda.memory_allocated() reports the GPU's total capacity and "
            "memory_reserved() is the share used by your tensors. If torch.cuda.is_available() "
            "returns True, the training is on the GPU.",
        ],
    },
    "tensor-vs-matrix": {
        "right": [
            "Not the same: a matrix is the 2-D special case. A tensor is an n-dimensional "
            "array, so a scalar is a 0-D tensor, a vector 1-D and a batch of images 4-D. "
            "torch.matmul on 3-D tensors does a batched matrix multiply.",
            "Well, people use the words loosely, but in PyTorch a tensor is just an array with "
            "any number of dimensions, and a matrix is the particular case where there are "
            "exactly two dimensions, rows and columns. So every matrix is a tensor but not the "
            "other way round: a single number is a zero-dimensional tensor, a list of numbers "
            "is one-dimensional, and an image batch of shape (N, C, H, W) has four. Matrix "
            "maths carries over too, matmul with broadcasting over the leading batch "
            "dimension. And in physics a tensor is something stricter, a multilinear object "
            "that transforms in a specific way under a change of basis.",
            "```python\nm = torch.ones(3, 4)        # m.ndim == 2: a matrix is a 2-D tensor\ns = "
            "torch.tensor(3.0)       # 0-D tensor, a scalar\nb = torch.randn(8, 3, 4)\n(b @ "
            "torch.randn(4, 5)).shape  # batched matmul -> (8, 3, 5)\n```\nSo a tensor is the "
            "n-dimensional generalisation and the matrix is only the two-dimensional case.",
            "Think of a tensor as a box of numbers that can have as many directions as you "
            "like. A matrix is a table of numbers, which is a tensor with two dimensions. A "
            "vector is a tensor with one dimension and a single number is a tensor with none. "
            "Element-wise operations work the same on any shape.",
            "A matrix is just a rank-2 tensor. Tensors generalise this to any number of axes: "
            "a 0-d scalar, a 1-d vector, a 3-d RGB image, a 4-d batch. Matrix ops extend too: "
            "matmul on 3-d tensors is a batched matrix product.",
        ],
        "wrong": [
            "A tensor is a special case of a matrix: it is a matrix that lives on the GPU and "
            "tracks gradients. Both are two-dimensional, and a tensor needs at least 3 "
            "dimensions only when you stack images.",
            "They are basically the same thing in PyTorch. A matrix can have any number of "
            "dimensions, like a tensor, and the only difference is that a tensor can run on "
            "the GPU. A scalar isn't a tensor though, it is a plain number.",
            "A tensor must have three or more dimensions, otherwise it is a matrix (2-D) or a "
            "vector. torch.matmul only works on 2-D tensors, so for 3-D tensors you loop. A "
            "PyTorch tensor obeys a transformation law under a change of basis, which is what "
            "makes it different from a matrix.",
            "A matrix is a 3-dimensional array and a tensor is a 2-D matrix with autograd on "
            "top. A vector is a 2-D tensor with one column, and a scalar is a 1-D tensor. "
            "Matrix multiplication cannot be done on 3-D tensors.",
            "A tensor is a special kind of matrix that PyTorch can differentiate; a matrix can "
            "have three dimensions as well, so the only difference is autograd.",
        ],
    },
    "mnist": {
        "right": [
            "MNIST is 70,000 handwritten digits, 0-9, so 10 classes: 60,000 training and "
            "10,000 test images, each 28x28 grayscale. Load it with "
            "torchvision.datasets.MNIST(root, download=True, transform=ToTensor()) and a "
            "DataLoader. It is the hello-world benchmark and now too easy: a small CNN gets "
            "over 99%.",
            "MNIST is the dataset everyone starts with. It's images of handwritten digits from "
            "zero to nine, scanned from forms and census workers' handwriting, size-normalised "
            "and centred, so ten classes. Every image is a small 28 by 28 grayscale picture, "
            "one channel, and there are 60k for training plus 10k for testing. In PyTorch you "
            "don't write a loader yourself, torchvision has datasets.MNIST which downloads it, "
            "and you pass a transform like ToTensor and then wrap it in a DataLoader. It's a "
            "fine sanity check, but it's saturated, simple models reach above 99%, so people "
            "use Fashion-MNIST as a harder drop-in.",
            "```python\nfrom torchvision import datasets, transforms\ntrain = "
            "datasets.MNIST('data', train=True, download=True, "
            "transform=transforms.ToTensor())\nloader = torch.utils.data.DataLoader(train, "
            "batch_size=64, shuffle=True)\nx, y = next(iter(loader))   # x: (64, 1, 28, 28), y: "
            "digits 0-9\n```\nMNIST holds handwritten digits in 10 classes, with 60,000 training "
            "and 10,000 test images, each one a grayscale 28x28 picture. It is the hello-world "
            "benchmark of vision, and it is saturated, since small CNNs are above 99% accuracy.",
            "It's a collection of pictures of digits written by hand, ten possible labels from "
            "0 to 9. The pictures are tiny, 28x28 pixels in shades of grey, 60,000 of them for "
            "training and 10,000 for testing. It used to be the standard benchmark, but today "
            "even a small network scores over 99%, so it is too easy to compare methods.",
            "MNIST: 70k grayscale 28x28 images of handwritten digits 0-9, split into 60k train "
            "and 10k test. torchvision.datasets.MNIST downloads it; pass transforms.ToTensor() "
            "and feed it through a DataLoader. It's a classic starter benchmark that is "
            "basically solved, over 99% accuracy.",
        ],
        "wrong": [
            "MNIST is a dataset of handwritten letters of the alphabet, 26 classes, in 32x32 "
            "colour images. You load it with torch.datasets.MNIST, which is built into PyTorch "
            "itself.",
            "MNIST contains 28x28 RGB images of handwritten digits: 60,000 test images and "
            "10,000 training images. It is still a challenging benchmark, state-of-the-art "
            "models only get about 80%.",
            "MNIST has 50,000 training images plus 10,000 images for validation, each 64x64 "
            "pixels. It's the hello world of vision, and Fashion-MNIST is an easier version of "
            "it.",
            "MNIST is a set of printed digits photographed from books, 28x28 grayscale, ten "
            "classes. torchvision.datasets.MNIST returns images already normalised to [-1, 1], "
            "so you don't need ToTensor. It remains a hard dataset for modern models.",
            "MNIST is a set of 28x28 colour photos of street-number digits, about 100,000 "
            "training images, and it is still hard for CNNs. You load it with "
            "torch.datasets.MNIST.",
        ],
    },
    "cifar-10-and-100": {
        "right": [
            "Both have 60,000 32x32 colour images, 50,000 train and 10,000 test. CIFAR-10: 10 "
            "classes like airplane, cat, ship, truck, 6,000 images per class. CIFAR-100: 100 "
            "classes with 600 images per class (500 train, 100 test), grouped into 20 "
            "superclasses, so each image has a fine and a coarse label. CIFAR-100 is harder, "
            "ten times fewer examples per class.",
            "They're the two small natural-image datasets from Alex Krizhevsky's Toronto "
            "group, and they share the format: 60k tiny RGB images of 32 by 32 pixels, of "
            "which 50k are for training and 10k are the official test set, so if you want to "
            "tune hyperparameters you have to hold out a validation split from the training "
            "set yourself. CIFAR-10 has ten everyday classes, airplane, automobile, bird, cat, "
            "deer, dog, frog, horse, ship and truck. CIFAR-100 has a hundred classes, 600 "
            "images each, which are also grouped into twenty superclasses with coarse labels. "
            "Same number of images but ten times the classes, so it is much harder.",
            "```python\ntrain = torchvision.datasets.CIFAR100('data', train=True, "
            "download=True)\nlen(train)            # 50000, the test split (train=False) has "
            "10000\ntrain[0][0].size      # (32, 32) RGB PIL image\n```\nBoth datasets hold "
            "60,000 colour images of 32x32 pixels. CIFAR-10 has 10 classes such as dog, frog "
            "and horse, 6,000 images per class. CIFAR-100 has 100 fine classes of 600 images "
            "in 20 superclasses, so it has fewer examples per class and is harder.",
            "Two sets of small colour photos, 32x32 pixels, 60,000 in each, split 50,000 for "
            "training and 10,000 for testing. CIFAR-10 sorts them into ten kinds of things "
            "such as planes, cars, birds and cats. CIFAR-100 sorts the same number of pictures "
            "into a hundred kinds, 600 pictures per kind, and groups the hundred into 20 "
            "superclasses. It is more difficult because each class has ten times fewer images.",
            "CIFAR-10 and CIFAR-100 both have 60k RGB images of 32x32 pixels, 50k for training "
            "and 10k for test. CIFAR-10 has 10 classes like dog, frog and truck; CIFAR-100 has "
            "100 classes with 600 images each, grouped into 20 superclasses. CIFAR-100 is "
            "harder since each class has ten times fewer examples.",
        ],
        "wrong": [
            "CIFAR-10 has 60,000 training images and 10,000 test images of 28x28 pixels, in "
            "grayscale. CIFAR-100 has more images, 600,000, which is why it's harder.",
            "Both are 32x32 colour datasets. CIFAR-10 has 10 classes and CIFAR-100 has 100 "
            "classes grouped into 10 superclasses, with 600 training images per class. The "
            "10,000 images are the validation set, so you tune on them.",
            "CIFAR-10 contains the digits 0 to 9 as 32x32 images, and a CIFAR-10 image can "
            "have several labels, for example automobile and truck. CIFAR-100 images are "
            "larger, 64x64, which makes it harder.",
            "CIFAR-10 and CIFAR-100 are 32x32 images: 50,000 for training and 10,000 for "
            "validation. CIFAR-100 is harder because its images are higher resolution, and it "
            "has 5 superclasses.",
            "CIFAR-10 has 10,000 images in 10 classes and CIFAR-100 has 100,000 images in 100 "
            "classes, all 64x64 grayscale. CIFAR-100 is harder because its images have higher "
            "resolution.",
        ],
    },
    "autograd-variable": {
        "right": [
            "Before PyTorch 0.4, torch.autograd.Variable wrapped a tensor so autograd could "
            "record its operations; it held .data, .grad and .grad_fn. In 0.4 Variable was "
            "merged into Tensor: any tensor with requires_grad=True is tracked, and "
            "Variable(t) is deprecated and just returns a Tensor. Today use nn.Parameter for "
            "weights and .detach() or torch.no_grad() instead of .data and volatile.",
            "This is a bit of history. In the old days, PyTorch before version 0.4, a plain "
            "tensor could not take part in autograd, so you had to wrap it in a Variable, "
            "which kept the tensor in .data, the gradient in .grad and the function that "
            "created it in .grad_fn. That got annoying and in 2018 they unified the two, so "
            "the Tensor itself now carries requires_grad, .grad and .grad_fn and you call "
            "backward() on it directly. Variable is deprecated, it still runs but just hands "
            "you back a tensor. For module weights you use nn.Parameter, and for inference you "
            "wrap the code in torch.no_grad() instead of the old volatile flag.",
            "```python\n# old (before 0.4)\nx = Variable(torch.randn(3), requires_grad=True)\n# "
            "now: tensors track gradients themselves\nx = torch.randn(3, requires_grad=True)\ny "
            "= (x ** 2).sum(); y.backward(); print(x.grad)\nwith torch.no_grad():   # replaces "
            "volatile=True\n    ...\n```\nVariable was the pre-0.4 wrapper and is deprecated now; "
            "weights are nn.Parameter, which requires grad by default.",
            "Variable was the old wrapper you put around a tensor so that PyTorch would "
            "remember the calculations done with it and could work out gradients. Since "
            "version 0.4 it is no longer needed: tensors themselves can record history when "
            "you set requires_grad=True. The gradient ends up in the tensor's .grad. Model "
            "weights are nn.Parameter objects, and to stop tracking you call .detach() or use "
            "torch.no_grad().",
            "Variable used to be the wrapper you needed around a tensor for autograd before "
            "PyTorch 0.4. Since the merge into Tensor, a tensor created with "
            "requires_grad=True tracks history itself; .grad holds its gradient and .grad_fn "
            "points to the function that created it. Variable(t) is deprecated. Use "
            "nn.Parameter for weights and torch.no_grad() instead of volatile=True.",
        ],
        "wrong": [
            "Variable was introduced in PyTorch 0.4 as a wrapper around tensors, and you still "
            "need to wrap tensors in a Variable to compute gradients. Its .grad_fn stores the "
            "gradient and .grad holds the function that created it. Setting volatile=True is "
            "how you disable gradients for inference.",
            "In 0.4, Tensor was deprecated and merged into Variable, so now every tensor is a "
            "Variable and tensors require grad by default. requires_grad only works on "
            "Variables. Using .data is the recommended safe way to change weights without "
            "autograd.",
            "autograd.Variable is a package that contains the autograd engine. Variables are "
            "still used for anything that needs gradients, while plain tensors can't track "
            "history. nn.Parameter does not require grad by default, so you wrap it in a "
            "Variable as well.",
            "Variable was deprecated in favour of nn.Parameter, which is what you now use for "
            "any tensor you want gradients for. .data holds the gradient of the tensor, and "
            "torch.no_grad() turns gradient tracking on for the block.",
            "Variable is the modern class you wrap tensors in to get gradients; plain tensors "
            "cannot record history. Its .data attribute stores the gradient and volatile=True "
            "still switches off tracking.",
        ],
    },
    "derivatives": {
        "right": [
            "Create x with requires_grad=True, compute y from it with torch ops, call "
            "y.backward() and read dy/dx from x.grad. backward() needs a scalar output; for a "
            "vector y pass gradient= or call y.sum().backward(). Gradients accumulate in "
            ".grad, so reset with x.grad = None. For second derivatives use "
            "torch.autograd.grad with create_graph=True.",
            "You let autograd do the work. The input tensor has to be marked as needing "
            "gradients, x = torch.tensor(2.0, requires_grad=True), then you just write the "
            "function with torch operations and autograd records the graph. Calling backward() "
            "on the result runs the chain rule backwards, and the derivative ends up in "
            "x.grad. One catch is that backward() only works on a scalar, so if the output is "
            "a vector you sum it first or pass a gradient argument, which gives a "
            "vector-Jacobian product. Another is that gradients accumulate across backward "
            "calls, so zero them between iterations with optimizer.zero_grad().",
            "```python\nx = torch.tensor(3.0, requires_grad=True)\ny = x ** 2 + 2 * "
            "x\ny.backward()\nprint(x.grad)        # 2*x + 2 = tensor(8.)\n\ng, = "
            "torch.autograd.grad(x ** 3, x, create_graph=True)\ng2, = torch.autograd.grad(g, x) "
            "  # second derivative 6*x\n```\nbackward() writes the gradient into x.grad of the "
            "leaf; torch.autograd.grad returns it instead, and create_graph=True lets you "
            "differentiate it again. The output of backward() must be a scalar, or you pass "
            "gradient=torch.ones_like(y).",
            "Tell PyTorch to track the input by setting requires_grad=True on it, compute the "
            "output, then call backward on that single number. The slope with respect to the "
            "input is then stored in the input's .grad. If you call backward again the new "
            "gradient is added to the old one, so you clear it first. torch.func.grad(f)(x) is "
            "another way, it returns the derivative directly.",
            "Make x a leaf with requires_grad=True, build y from it, call y.backward() and the "
            "derivative dy/dx appears in x.grad. y has to be a scalar, else pass a gradient "
            "tensor or sum it first. Gradients add up over calls, so zero x.grad before "
            "reusing it. For second derivatives use autograd.grad with create_graph=True.",
        ],
        "wrong": [
            "Wrap x in a Variable, compute y, then y.backward() returns the derivative. You "
            "can call backward() on any output, scalar or not, and each backward() call "
            "overwrites .grad, so there is nothing to reset.",
            "Set requires_grad=True on the output y, then call backward(); the derivative is "
            "stored in y.grad. Autograd computes derivatives numerically using finite "
            "differences, which is why it is approximate.",
            "x = torch.tensor(2.0) with requires_grad=False so that PyTorch can track it, then "
            "call x.backward() and read y.grad. To get the second derivative you call "
            "backward() a second time, which gives the second derivative.",
            "PyTorch computes derivatives symbolically like SymPy. backward() needs a vector "
            "output, and zero_grad() sets the weights to zero before each step. "
            "retain_graph=True is what gives you the second derivative.",
            "Create x with requires_grad=False, compute y, and y.backward() returns dy/dx. "
            "backward works the same on vector outputs, and each call overwrites .grad, so "
            "nothing accumulates.",
        ],
    },
    "convolution-layer": {
        "right": [
            "A conv layer slides small learnable kernels over the input; at each position it "
            "takes the dot product of the kernel with the local patch across all input "
            "channels, plus a bias. Each filter gives one output feature map. Weight sharing "
            "and local receptive fields mean few parameters. Hyperparameters: kernel_size, "
            "stride, padding, out_channels.",
            "The idea is that instead of connecting every pixel to every output, you take a "
            "small filter, say 3x3, and slide it across the image. At every location you "
            "multiply the filter weights with the patch underneath, over all the input "
            "channels, sum it up and add a bias, which gives one number of the output. Doing "
            "that everywhere gives a feature map, and a layer has many filters, so you get one "
            "feature map per filter, and the filters are learned by backprop. Because the same "
            "weights are shared across positions it needs far fewer parameters than a dense "
            "layer and it is translation equivariant. You choose the kernel size, the stride, "
            "the padding and the number of output channels.",
            "```python\nconv = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1)\nx = "
            "torch.randn(8, 3, 32, 32)\nconv(x).shape        # (8, 64, 32, "
            "32)\nconv.weight.shape    # (64, 3, 3, 3): 64 learned filters over 3 input "
            "channels\n```\nEach of the 64 kernels slides over the input and computes a weighted "
            "sum of the local patch across all 3 channels plus a bias, producing one output "
            "feature map per filter. The same kernel is reused at every position, so the layer "
            "has few parameters.",
            "Picture a small window of weights moving over the picture step by step. At each "
            "spot it multiplies its weights with the pixels under it and adds everything up "
            "into one number. Each window, or filter, builds its own output map, and the "
            "network learns the filter weights during training. Since the same filter is "
            "reused everywhere, the layer only looks at local regions and needs few "
            "parameters. You set the kernel size, the stride and the padding.",
            "A conv layer has a bank of learned filters; each filter is slid across the image "
            "and at every location computes a weighted sum of the patch under it (all input "
            "channels) plus a bias, giving one feature map per filter. Sharing the filter "
            "across positions keeps the parameter count small. You set kernel_size, stride and "
            "padding.",
        ],
        "wrong": [
            "A convolution layer applies its kernel once to the whole image, multiplying the "
            "entire input by the kernel matrix. The kernels are fixed, hand-designed filters "
            "like Sobel, and the output has the same number of channels as the input.",
            "The filter slides over the image and takes the maximum of each patch, which gives "
            "the feature map. Conv2d applies each filter to each input channel separately, and "
            "the number of parameters grows with the input image size. Stride is the size of "
            "the kernel.",
            "A convolution layer is the first layer of a CNN. Each filter produces one feature "
            "map per input channel, and weight sharing means all the layers share the same "
            "kernel. Padding shrinks the output, and a convolution always makes the output "
            "smaller.",
            "Convolution is a fully connected layer on image patches: every pixel is connected "
            "to every output with its own weight, so there is no weight sharing. nn.Conv2d "
            "expects inputs shaped (N, H, W, C) and its weight has shape (in_channels, "
            "out_channels, k, k).",
            "A convolution layer multiplies the whole image by one big weight matrix, with a "
            "separate weight for every pixel, so it has more parameters than a dense layer. "
            "Its filters are fixed edge detectors chosen by hand, and it always outputs as "
            "many channels as it receives.",
        ],
    },
    "linear-regression": {
        "right": [
            "Linear regression predicts a continuous target as a weighted sum of the features "
            "plus a bias, y = w·x + b, fitted by minimising the mean squared error. In "
            "PyTorch: nn.Linear(n, 1), nn.MSELoss and torch.optim.SGD; each step zero_grad() "
            "clears the gradients, loss.backward() computes them and optimizer.step() updates "
            "w and b. There is also a closed form, the normal equations or torch.linalg.lstsq.",
            "It's the simplest supervised model: you want to predict a real-valued quantity, "
            "like a house price, from some features, and you assume the output is a linear "
            "combination of them plus an intercept. You pick the weights that make the squared "
            "errors between prediction and target as small as possible, that's least squares. "
            "In PyTorch I'd build it as an nn.Linear layer with one output, use nn.MSELoss as "
            "the loss and SGD or Adam as the optimizer, and in the loop clear the old "
            "gradients with zero_grad(), call backward() to compute the gradients and then "
            "step() so the optimizer changes the weights. You could also solve it exactly with "
            "the normal equations.",
            "```python\nmodel = nn.Linear(3, 1)\nloss_fn = nn.MSELoss()\nopt = "
            "torch.optim.SGD(model.parameters(), lr=0.01)\nfor _ in range(500):\n    "
            "opt.zero_grad()\n    loss = loss_fn(model(X), y)\n    loss.backward()\n    "
            "opt.step()\n```\nThis fits y_hat = Xw + b to a continuous target by minimising the "
            "mean squared error; torch.linalg.lstsq(X, y) gives the closed-form least-squares "
            "solution.",
            "You draw the best straight line through the points: the prediction is a number on "
            "a continuous scale, computed as slope times input plus intercept, and best means "
            "the sum of squared differences between predictions and true values is smallest. "
            "In PyTorch that is an nn.Linear model trained with MSELoss and an optimizer like "
            "SGD, where backward() works out the gradients and the optimizer step updates the "
            "parameters.",
            "Linear regression fits y ≈ Xw + b to a real-valued target by least squares. In "
            "PyTorch: model = nn.Linear(d, 1), loss = nn.MSELoss(); each iteration clear the "
            "grads with optimizer.zero_grad(), call loss.backward() to get the gradients, then "
            "optimizer.step() to update the weights. The normal equation gives it in closed "
            "form too.",
        ],
        "wrong": [
            "Linear regression is used for classification of ordered categories. nn.Linear "
            "with MSELoss and SGD: zero_grad sets the model weights to zero so training starts "
            "clean, then optimizer.step() gets the gradients and loss.backward() pushes the "
            "update into the weights.",
            "Linear regression minimises the perpendicular distance from the points to the "
            "line, and there is no closed-form solution, so it must be fitted with gradient "
            "descent. You don't need to call zero_grad, gradients are reset automatically each "
            "step.",
            "It predicts a class label for each input using y = w·x + b, where w is the "
            "intercept and b is the slope. It is trained with cross-entropy loss, and "
            "loss.backward() updates the weights directly, so the optimizer is only there to "
            "set the learning rate.",
            "Linear regression outputs a probability between 0 and 1 for each sample. It "
            "minimises the absolute error rather than squared errors, and it can only use one "
            "input variable. In PyTorch, nn.Linear with MSELoss: optimizer.step() computes the "
            "gradients and backward() applies them.",
            "Linear regression predicts which category an input belongs to. You train "
            "nn.Linear with MSELoss: optimizer.zero_grad() initialises the weights, "
            "loss.backward() moves the weights downhill and optimizer.step() computes the "
            "derivatives.",
        ],
    },
    "stride": {
        "right": [
            "Stride is how many pixels the kernel moves between applications. Stride 2 skips "
            "every other position, so the output is roughly halved: it downsamples. Output "
            "size is floor((n + 2p - k) / s) + 1. Conv2d defaults to stride 1, but MaxPool2d "
            "defaults to stride = kernel_size, so pooling windows don't overlap.",
            "When a filter slides over the input it doesn't have to move one pixel at a time; "
            "the stride is the size of that step. With stride 1 you visit every position, with "
            "stride 2 you jump two pixels each time, which means fewer positions and a smaller "
            "output, about half the size in each dimension, so strided convolutions are a "
            "cheap way to downsample instead of pooling. To get the exact size you take the "
            "input size plus twice the padding minus the kernel size, divide by the stride, "
            "floor it and add one. In PyTorch pooling layers the stride defaults to the kernel "
            "size, so the windows are non-overlapping.",
            "```python\nconv = nn.Conv2d(16, 32, kernel_size=3, stride=2, "
            "padding=1)\nconv(torch.randn(1, 16, 32, 32)).shape   # (1, 32, 16, 16): stride 2 "
            "halves H and W\nnn.MaxPool2d(2)                          # stride defaults to "
            "kernel_size=2\n```\nThe stride is the step the kernel takes between positions; out "
            "= (n + 2p - k) / s + 1, floored.",
            "Stride says how far the window jumps each time it moves. A bigger stride means it "
            "lands on fewer spots, so the output gets smaller; stride 2 roughly halves the "
            "width and height. The output size is (input size + 2 x padding - kernel size) "
            "divided by the stride, plus one.",
            "Stride is how many pixels the filter shifts between positions. With stride 2 you "
            "take every second position, so the output is about half the size, which "
            "downsamples. Output size = floor((W - K + 2P)/S) + 1. MaxPool2d uses stride = "
            "kernel_size by default, so the windows don't overlap.",
        ],
        "wrong": [
            "Stride is the size of the filter: a stride of 3 means a 3x3 kernel. A larger "
            "stride makes the output larger because the kernel covers more of the image. The "
            "output size is (n - k) / s.",
            "Stride is the number of filters in the layer. Stride 2 doubles the output size, "
            "and a larger stride increases the number of parameters. nn.MaxPool2d's stride "
            "defaults to 1, so the windows overlap.",
            "The stride means the amount of zero padding added around the image. It only "
            "applies to convolutions; pooling layers have no stride. With stride 2 the kernel "
            "moves two pixels and the output becomes bigger.",
            "Stride refers to the number of channels. Pooling windows overlap by default "
            "because the stride of MaxPool2d is 1, and a bigger stride gives a bigger output "
            "map.",
            "Stride is the width of the filter, so stride 3 means a 3x3 filter, and larger "
            "strides produce larger outputs. Pooling layers have no stride.",
        ],
    },
    "gradient-descent-variants": {
        "right": [
            "Batch gradient descent computes the gradient over the whole training set for each "
            "update, one slow but exact step per epoch. Stochastic gradient descent updates "
            "after each single example: cheap but noisy. Mini-batch gradient descent uses a "
            "small batch of 32-256 examples, a compromise that is vectorised on GPUs and the "
            "default in practice. In PyTorch the DataLoader's batch_size decides the variant; "
            "torch.optim.SGD only applies its update to whatever gradient backward() produced.",
            "They differ in how much data goes into each gradient step. With full-batch "
            "gradient descent you use all the training data for every single update, so you "
            "get the true gradient but it's expensive and you only update once per epoch. "
            "Stochastic gradient descent goes to the other extreme and updates on one example "
            "at a time, so it's fast per step but the updates are noisy and zigzag around. "
            "Mini-batch sits in the middle: a small batch like 64 samples, which is a good "
            "trade-off and keeps the GPU busy with parallel work, and it's what everyone uses "
            "in practice. In PyTorch the optimizer doesn't decide this at all, the batch_size "
            "of the DataLoader sets it.",
            "```python\nloader = DataLoader(ds, batch_size=64, shuffle=True)   # mini-batch\n# "
            "batch_size=len(ds) -> full-batch GD, batch_size=1 -> pure SGD\nopt = "
            "torch.optim.SGD(model.parameters(), lr=0.1)   # applies p -= lr * p.grad\n```\nFull "
            "batch uses the entire dataset per update, which is slow; SGD uses one sample per "
            "update and is noisy; mini-batch uses a small batch, the standard compromise on "
            "GPUs.",
            "Batch gradient descent looks at every training example before it takes a step, so "
            "each step is accurate but slow. Stochastic gradient descent takes a step after "
            "each example, so it moves quickly but wobbles because one example is a noisy "
            "guide. Mini-batch takes a step after a small group of examples, a balance between "
            "the two that runs well on GPUs, and it is the usual choice.",
            "Batch GD: each update uses all N training examples, accurate but slow. Stochastic "
            "GD: each update uses one sample, fast and noisy. Mini-batch GD: a small batch, "
            "e.g. 64, per update, the usual compromise that vectorises well on GPUs.",
        ],
        "wrong": [
            "Batch gradient descent updates the weights after each single example, which makes "
            "it noisy. Stochastic gradient descent uses the entire dataset for every update, "
            "so it gives the exact gradient but is slow. Mini-batch is the same as SGD in "
            "PyTorch.",
            "Mini-batch gradient descent uses the whole dataset at once on the GPU, while SGD "
            "uses one example. torch.optim.SGD only processes one sample at a time, so to get "
            "mini-batches you need another optimizer. Full-batch GD trains faster because it "
            "sees all the data.",
            "SGD computes the exact gradient, because it is stochastic it averages over all "
            "the data. Batch GD is the standard choice in deep learning. The optimizer decides "
            "the batch size, for example optim.SGD(params, batch_size=32).",
            "Stochastic gradient descent gives smooth, stable updates since it uses the full "
            "dataset, and batch gradient descent is noisy because it only uses one sample. "
            "Larger batches always generalise better, so use the largest batch that fits.",
            "Batch gradient descent processes one example per update, which is noisy. "
            "Stochastic gradient descent averages the gradient over the whole training set "
            "before each step. Mini-batch is rarely used in practice because GPUs can't "
            "parallelise it.",
        ],
    },
    "padding": {
        "right": [
            "Padding adds extra values, zeros by default, around the border of the input "
            "before the convolution. Without it a k x k conv at stride 1 shrinks each "
            "dimension by k - 1; same padding p = (k - 1) / 2 keeps the size unchanged. Edge "
            "pixels also fall into fewer windows than central ones. In PyTorch: nn.Conv2d(..., "
            "padding=1) and padding_mode='reflect' or F.pad.",
            "If you slide a 3x3 filter over a 32x32 image with no padding, you only get 30x30 "
            "out, the output shrinks every layer, and the pixels at the edges get looked at "
            "much less often than the ones in the middle. Padding fixes both: you put a frame "
            "of zeros around the image first, one pixel wide for a 3x3 kernel, so the output "
            "stays 32x32 and the border pixels take part in as many windows as the rest. In "
            "PyTorch that's the padding argument of Conv2d, and padding_mode lets you use "
            "reflect or replicate instead of zeros.",
            "```python\nx = torch.randn(1, 3, 32, 32)\nnn.Conv2d(3, 8, 3)(x).shape              "
            "# (1, 8, 30, 30): no padding, shrinks by k-1\nnn.Conv2d(3, 8, 3, "
            "padding=1)(x).shape   # (1, 8, 32, 32): same size\nF.pad(x, (1, 1, 1, 1), "
            "mode='reflect')   # custom padding\n```\nPadding puts zeros around the edges of the "
            "input so the output keeps its size and the corner pixels are not under-used.",
            "Padding means surrounding the picture with an extra ring of values, normally "
            "zeros, before the filter runs over it. Without the ring the result comes out "
            "smaller than the input at every layer; with the right amount, half the kernel "
            "size rounded down, it stays the same size. It also gives the pixels on the edges "
            "a fair share, because otherwise they are covered by fewer windows.",
            "Padding surrounds the input with a border of zeros before convolving. Without it "
            "a 3x3 conv turns 28x28 into 26x26; with padding=1 the size stays 28x28. Pixels "
            "near the border would otherwise be covered by fewer windows. In nn.Conv2d set "
            "padding and optionally padding_mode='reflect'.",
        ],
        "wrong": [
            "Padding removes the border pixels of the image so the kernel fits exactly. It "
            "makes the output smaller, and it adds learnable weights to the layer.",
            "Padding adds zeros between the pixels of the input to make the image bigger. Same "
            "padding is p = k - 1, and padding='same' works with any stride. Max pooling also "
            "pads with zeros.",
            "Padding is an extra layer of the network that adds zeros to the kernel weights. "
            "By default Conv2d pads with reflect padding, and padded values are learned during "
            "training.",
            "Zero padding is used so that edge pixels are counted more often than central "
            "ones, which gives them more weight. Adding padding shrinks the feature map, so "
            "deep networks get smaller faster.",
            "Padding crops the border of the image so that the kernel fits, which makes the "
            "output smaller. The padded values are learned during training, and padding='same' "
            "works for any stride.",
        ],
    },
    "mse-ctc-bce-losses": {
        "right": [
            "MSELoss: mean of squared differences between prediction and target, for "
            "regression on continuous values. CTCLoss: for sequence tasks like speech "
            "recognition where the alignment between input frames and labels is unknown; it "
            "adds a blank and sums over all valid alignments, taking log-probabilities (T, N, "
            "C) from log_softmax plus input_lengths and target_lengths. BCELoss: binary or "
            "multi-label classification on sigmoid probabilities in [0, 1]; prefer "
            "BCEWithLogitsLoss, which takes raw logits and is numerically more stable.",
            "They're for three different kinds of problems. Mean squared error squares the "
            "difference between what you predicted and the true value and averages it, so it's "
            "the default for regression, predicting prices or coordinates. CTC, connectionist "
            "temporal classification, is what you use in speech or handwriting recognition: "
            "you have many audio frames and a shorter transcript, and which frame goes with "
            "which letter is unknown, so CTC adds a blank symbol and sums the probability of "
            "every possible alignment. Binary cross-entropy is for yes/no or multi-label "
            "classification, where the model outputs a probability through a sigmoid. In "
            "practice you use BCEWithLogitsLoss, which fuses the sigmoid into the loss for "
            "numerical stability.",
            "```python\nnn.MSELoss()(pred, target)                 # mean((pred - target) ** "
            "2), regression\nnn.CTCLoss(blank=0)(log_probs, targets, input_lengths, "
            "target_lengths)  # log_probs: (T, N, C)\nnn.BCEWithLogitsLoss()(logits, labels)    "
            " # sigmoid + BCE in one, more stable\n```\nMSE is for continuous targets, CTC for "
            "unaligned sequences such as speech recognition, and BCE for binary classification "
            "with probabilities between 0 and 1.",
            "MSE measures how far numeric predictions are from the true numbers by averaging "
            "the squared errors, so it is used for regression. CTC is for reading sequences, "
            "like turning speech into text, when nobody tells you which part of the input "
            "matches which character: it adds a blank and adds up all the possible alignments. "
            "BCE compares a predicted probability between 0 and 1 with a yes/no answer, for "
            "binary classification, and the with-logits version is numerically stable.",
            "MSELoss averages squared errors and is for regression. CTCLoss handles sequence "
            "tasks like speech recognition where the frame-to-label alignment is unknown, "
            "summing over all alignments with a blank token; it takes log-probs (T, N, C) and "
            "input/target lengths. BCELoss is for binary or multi-label classification on "
            "sigmoid outputs; BCEWithLogitsLoss is more stable.",
        ],
        "wrong": [
            "MSELoss is used for classification, it takes the mean absolute difference. "
            "CTCLoss needs frame-level aligned targets of the same length as the input. "
            "BCELoss can take raw logits, so you don't need a sigmoid.",
            "MSE is the mean of absolute errors and is meant for binary classification. CTC "
            "picks the single best alignment with no blank, and CTCLoss takes softmax "
            "probabilities. BCEWithLogitsLoss expects probabilities, so apply a sigmoid before "
            "BCEWithLogitsLoss.",
            "BCELoss is for multi-class problems and expects softmax outputs. BCE targets must "
            "be exactly 0 or 1. CTC is used for image classification, and CTC works even when "
            "the target is longer than the input.",
            "MSELoss with reduction='mean' averages over the batch. CTC requires the input and "
            "target sequences to have the same length. BCELoss takes raw logits and "
            "BCEWithLogitsLoss is just an alias of it, no more stable.",
            "MSELoss is for classification and takes the mean absolute error. CTCLoss needs "
            "pre-aligned targets of the same length as the input. BCELoss takes raw logits "
            "directly.",
        ],
    },
    "autoencoder": {
        "right": [
            "An autoencoder is a network trained to reproduce its input: an encoder compresses "
            "x into a small latent code (the bottleneck) and a decoder reconstructs x from it, "
            "minimising a reconstruction loss like MSE. No labels are needed, so it is "
            "unsupervised. The bottleneck stops it from just learning the identity. Uses: "
            "dimensionality reduction, denoising, anomaly detection.",
            "The trick with an autoencoder is that the target is the input itself. You build "
            "two halves: the encoder squeezes the data down into a much smaller vector in the "
            "middle, the latent representation, and the decoder tries to rebuild the original "
            "from that vector. You train the whole thing end to end on the reconstruction "
            "error, mean squared error for images usually, and since you never need labels it "
            "counts as self-supervised. The narrow middle is the point, otherwise the network "
            "could simply copy the input through. People use them for compression and feature "
            "learning, for denoising, and to flag anomalies that reconstruct badly.",
            "```python\nclass AE(nn.Module):\n    def __init__(self):\n        "
            "super().__init__()\n        self.enc = nn.Sequential(nn.Linear(784, 32), "
            "nn.ReLU())   # 784 -> 32 code\n        self.dec = nn.Sequential(nn.Linear(32, "
            "784), nn.Sigmoid())\n    def forward(self, x):\n        return "
            "self.dec(self.enc(x))\nloss = F.mse_loss(model(x), x)   # the target is the "
            "input\n```\nThe encoder compresses to a 32-dimensional bottleneck and the decoder "
            "reconstructs the input; it trains without labels, and the narrow code prevents a "
            "trivial identity copy. Used for dimensionality reduction and anomaly detection.",
            "It's a network that learns to shrink data and then blow it back up again. The "
            "first half, the encoder, packs the input into a short code, and the second half, "
            "the decoder, reconstructs the input from the code, and it learns by making the "
            "reconstruction error small. It needs no labelled data. Because the code is small "
            "it can't just copy the input, so it has to keep what matters, which makes it "
            "useful for dimensionality reduction and for spotting anomalies.",
            "An autoencoder learns to copy its input through a narrow bottleneck: the encoder "
            "compresses x into a latent code z and the decoder reconstructs x from z, trained "
            "with MSE between x and its reconstruction. No labels needed, so it's "
            "self-supervised. The small code stops it from learning the identity. Used for "
            "denoising, anomaly detection and dimensionality reduction.",
        ],
        "wrong": [
            "An autoencoder is a supervised model that needs labelled data. The encoder "
            "reconstructs the input and the decoder compresses it into the labels, and the "
            "bottleneck is the class label.",
            "The goal of an autoencoder is to learn the identity function exactly, so the "
            "latent code is made larger than the input. Its reconstruction is always perfect, "
            "which is why it is used for lossless compression.",
            "An autoencoder is a classifier: the encoder extracts features and the decoder "
            "outputs the class label. It is trained with cross-entropy against the labels, and "
            "anomalies are the inputs with a low reconstruction error.",
            "Autoencoders are a type of supervised learning. The decoder compresses the input "
            "into a code and the encoder decodes it back. A plain autoencoder can generate "
            "realistic new images from random codes.",
            "An autoencoder is a supervised classifier: the decoder outputs the class label "
            "and the latent code is larger than the input so nothing is lost. Anomalies are "
            "the samples it reconstructs best.",
        ],
    },
    "pooling-layer": {
        "right": [
            "A pooling layer downsamples feature maps: it slides a small window, say 2x2 with "
            "stride 2, over each channel and replaces each window by its maximum (MaxPool2d) "
            "or average (AvgPool2d), halving height and width. The channel count stays the "
            "same and it has no learnable parameters. It cuts compute and memory downstream, "
            "grows the receptive field and adds a little robustness to small shifts. Modern "
            "nets often use strided convolutions and global average pooling before the "
            "classifier.",
            "Pooling is the layer you put between conv blocks to make the feature maps "
            "smaller. You look at little patches of each feature map, say 2 by 2, and keep one "
            "number per patch, either the biggest value or the average of the patch, so a "
            "32x32 map becomes 16x16. It works on each channel separately, so you keep the "
            "same number of channels, and there is nothing to learn, it is a fixed function. "
            "The point is to save computation in later layers, to let later layers see a "
            "larger part of the image, and to be less sensitive to a feature moving by a pixel "
            "or two.",
            "```python\npool = nn.MaxPool2d(kernel_size=2, stride=2)\npool(torch.randn(8, 64, "
            "32, 32)).shape   # (8, 64, 16, 16): channels unchanged\nsum(p.numel() for p in "
            "pool.parameters())  # 0, parameter-free\n```\nEach 2x2 window is replaced by its "
            "maximum value, channel by channel, which reduces the spatial size, lowers the "
            "compute of later layers and enlarges their receptive field.",
            "Pooling shrinks an image-like map by summarising each small square with one "
            "number, usually the largest value or the mean of the square. It does this "
            "separately for every channel and learns nothing. Because the maps get smaller the "
            "next layers are cheaper, and small shifts of a feature inside a square don't "
            "change the output much.",
            "Pooling shrinks feature maps by taking the max or the average over small windows, "
            "e.g. 2x2 with stride 2, separately for every channel, and has no learnable "
            "parameters. It cuts computation for later layers and gives a little translation "
            "robustness. Many modern nets replace it with strided convolutions and use global "
            "average pooling at the end.",
        ],
        "wrong": [
            "A pooling layer is an image pre-processing step that reduces the number of "
            "channels by taking the maximum across the channels. It has learnable weights like "
            "a convolution, and it makes the network fully translation invariant and rotation "
            "invariant.",
            "Pooling performs a learned weighted sum over each window, just like a "
            "convolution, and it increases the resolution of the feature map. Every CNN must "
            "use pooling layers to downsample.",
            "Max pooling takes the average of each window and average pooling takes the "
            "maximum. Pooling layers have their own trainable kernels, and the number of "
            "channels is halved after each pooling layer.",
            "Pooling upsamples the feature maps so later layers see more detail. It takes the "
            "max over all the channels at each position, and global average pooling averages "
            "over the channels to give one map.",
            "Pooling learns a weighted combination of the channels and increases the spatial "
            "size. It has trainable weights, and it reduces the number of channels by half.",
        ],
    },
    "max-pooling": {
        "right": [
            "Max pooling slides a window, usually 2x2 with stride 2, over each channel and "
            "outputs the largest value in each window, so nn.MaxPool2d(2) halves height and "
            "width: 32x32 becomes 16x16. It keeps the strongest activation, gives a little "
            "invariance to small shifts and has no learnable parameters. In backprop the "
            "gradient goes only to the argmax of each window; the other elements get zero.",
            "You take your feature map, cut it into little 2 by 2 squares and from each square "
            "you keep only the biggest number, channel by channel. So with kernel 2 and stride "
            "2 the height and width are cut in half while the number of channels stays the "
            "same. The idea is that the strongest response in a region is what matters, not "
            "its precise position, which gives some robustness to small translations, and it's "
            "just a fixed operation, nothing is learned. When gradients flow back, only the "
            "element that was the maximum in each window receives the gradient.",
            "```python\nx = torch.tensor([[[[1., 3.], [2., 0.]]]])\nF.max_pool2d(x, 2)          "
            "# tensor([[[[3.]]]]): the max of the 2x2 window\nnn.MaxPool2d(2)(torch.randn(1, "
            "16, 32, 32)).shape   # (1, 16, 16, 16)\n```\nEach 2x2 window is replaced by its "
            "maximum, which halves the spatial size. It has no weights, and in the backward "
            "pass the whole gradient of a window goes to its argmax.",
            "Max pooling looks at small blocks of the map and passes on only the highest value "
            "from each block. With 2x2 blocks and a step of 2 the map ends up half as wide and "
            "half as high. It has nothing to train, keeps the strongest signal and doesn't "
            "care if a feature moves a little inside the block.",
            "For each 2x2 region of a channel, max pooling keeps the maximum value, halving "
            "height and width; there are no weights, and the backward pass routes the gradient "
            "to the position of the max.",
        ],
        "wrong": [
            "Max pooling takes the average of each 2x2 window and learns a weight for each "
            "position. It reduces the number of channels by half, and the gradient is spread "
            "evenly over all elements of the window.",
            "Max pooling takes the maximum across all the channels at each pixel, which is why "
            "the output has one channel. nn.MaxPool2d pads the border with zeros, and it keeps "
            "the exact position of each feature.",
            "MaxPool2d(2) doubles the height and width of the feature map. Max pooling has its "
            "own learnable weights, and when values tie the gradient is split equally among "
            "the tied elements.",
            "Max pooling keeps the smallest value in each window to remove noise. Max pooling "
            "layers have no gradient, so nothing flows back through them, and they make the "
            "network fully rotation invariant.",
            "Max pooling replaces each 2x2 region by the sum of its values, doubling the "
            "channel count, and its weights are learned; in backprop every element of the "
            "window gets the same gradient.",
        ],
    },
    "mean-squared-error": {
        "right": [
            "MSE is the average of the squared differences between predictions and targets, "
            "(1/n) * sum (y - y_hat)^2. Squaring makes every error positive so errors can't "
            "cancel, and it penalises large errors quadratically, which makes MSE sensitive to "
            "outliers; MAE or Huber are more robust. It is smooth and its gradient 2(y_hat - "
            "y) is proportional to the error. It is the standard regression loss, nn.MSELoss "
            "in PyTorch.",
            "Mean squared error is the loss you reach for in regression. For each example you "
            "take the difference between what the model predicted and the true value, square "
            "it, and then average over all the examples. The squaring matters for a few "
            "reasons: positive and negative mistakes don't cancel each other out, and big "
            "errors count much more than small ones, an error of 3 costs 9, so a few outliers "
            "can dominate the loss, in which case people switch to mean absolute error or "
            "Huber. It's also nicely differentiable, with a gradient that gets smaller as you "
            "approach the target, and minimising it is maximum likelihood under Gaussian "
            "noise. In PyTorch it's nn.MSELoss or F.mse_loss.",
            "```python\nloss = ((y_hat - y) ** 2).mean()   # same as F.mse_loss(y_hat, y)\n# "
            "grad wrt y_hat: 2 * (y_hat - y) / n, proportional to the error\n```\nThe mean over "
            "all elements of the squared error between prediction and target. Squares are "
            "non-negative so over- and under-predictions don't cancel out, and large errors "
            "are weighted heavily, so outliers dominate; L1 loss is the robust alternative. "
            "Used for regression with nn.MSELoss.",
            "You measure how far each prediction is from the true value, square that gap and "
            "take the average of all the squares. Squaring stops misses in opposite directions "
            "from cancelling and makes big misses cost a lot more than small ones, so unusual "
            "points pull the model strongly, and MSE is sensitive to outliers. It is the usual "
            "loss for regression, nn.MSELoss in PyTorch.",
            "MSE = mean over the n examples of (y_i - ŷ_i)². Because of the square, errors "
            "never cancel and big misses dominate, so outliers hurt; L1 or Huber are more "
            "robust. It is smooth, with gradient 2(ŷ - y). nn.MSELoss is the standard "
            "regression loss.",
        ],
        "wrong": [
            "MSE is the mean of the absolute errors between prediction and target. It is "
            "robust to outliers, and errors are squared only to remove the negative signs. "
            "nn.MSELoss is the standard loss for classification.",
            "MSE is the sum of the squared errors, not divided by anything. Squaring makes "
            "small errors count more than large ones, and MAE is more sensitive to outliers "
            "than MSE. nn.MSELoss with reduction='mean' divides by the batch size.",
            "MSE squares the mean error: you average the differences between the prediction "
            "and the target and then square the result, so positive and negative errors cancel "
            "out first. MSE is not differentiable at zero, which is why we use it with care.",
            "Mean squared error has a constant gradient like the absolute error, so it is not "
            "smooth. It is mainly used for classification of images. It is less sensitive to "
            "outliers than MAE because squaring dampens the effect of large errors.",
            "MSE is the square root of the average absolute error. Squaring makes small errors "
            "matter more than large ones, so MSE ignores outliers, and it has a constant "
            "gradient, which is why it is used for classification.",
        ],
    },
    "average-and-sum-pooling": {
        "right": [
            "Average pooling outputs the mean of each window, so [[1, 3], [2, 0]] gives 1.5; "
            "sum pooling adds up the window, giving 6, which is the average times the number "
            "of elements, so they differ only by a constant factor. Max pooling keeps only the "
            "largest value, 3, while average and sum pooling use every value and smooth the "
            "map. The gradient goes to the single max element in max pooling but is spread "
            "evenly in average pooling. In PyTorch: nn.AvgPool2d, nn.AdaptiveAvgPool2d(1) for "
            "global average pooling, and F.avg_pool2d(x, k, divisor_override=1) for sum "
            "pooling.",
            "All of them slide a window over each channel; the difference is how they "
            "summarise it. Average pooling replaces the window with the mean of its values. "
            "Sum pooling just adds them up, and since the window size is fixed that's the "
            "average multiplied by the window size, so it's proportional to average pooling. "
            "Compared with max pooling, which keeps the strongest activation, the averaging "
            "kinds take every value into account and blur the feature map a bit. On the way "
            "back, max pooling sends the gradient to the argmax only, while average pooling "
            "splits it equally across the window. There is no SumPool2d in PyTorch, you use "
            "AvgPool2d with divisor_override=1.",
            "```python\nx = torch.tensor([[[[1., 3.], [2., 0.]]]])\nF.avg_pool2d(x, 2)           "
            "            # 1.5, the mean of the window\nF.avg_pool2d(x, 2, divisor_override=1)  "
            " # 6.0, the sum of the window\nF.max_pool2d(x, 2)                       # 3.0, the "
            "largest value\n```\nSum pooling equals average pooling times the window area (4 "
            "here). Max pooling keeps the strongest value, average and sum use all values and "
            "give a smoother map.",
            "Average pooling takes each small window and outputs the mean of the numbers in "
            "it; sum pooling outputs their total instead, which is just the average scaled up "
            "by the number of cells in the window. Max pooling only keeps the biggest number, "
            "whereas averaging listens to every value and smooths things out. Global average "
            "pooling with nn.AdaptiveAvgPool2d(1) is common before the classifier.",
            "Average pooling replaces each window by the mean of its values; sum pooling by "
            "their sum, which is just the average multiplied by the window size. Unlike max "
            "pooling, which keeps only the largest value, both use every value and give a "
            "smoother map; the gradient is spread evenly over the window. In PyTorch use "
            "nn.AvgPool2d, and F.avg_pool2d(x, k, divisor_override=1) for the sum.",
        ],
        "wrong": [
            "Average pooling keeps the strongest activation in each window and sum pooling is "
            "the same as mean pooling. Use nn.SumPool2d for sum pooling.",
            "Average pooling takes the median of each window, and sum pooling is the average "
            "divided by the window size. Max pooling smooths the feature map while average "
            "pooling keeps the largest value.",
            "Average and sum pooling learn a weight for each position in the window, like a "
            "small convolution. In average pooling the gradient goes only to the largest "
            "element, and max pooling spreads the gradient evenly over the window.",
            "Average pooling averages over all the channels at each pixel. Sum pooling and "
            "average pooling are identical. LPPool2d(norm_type=1) computes the L1 norm of each "
            "window.",
            "Average pooling keeps the largest value of each window and sum pooling is "
            "identical to it. Both have learnable weights, and PyTorch provides nn.SumPool2d.",
        ],
    },
    "nn-vs-functional": {
        "right": [
            "torch.nn has Module classes like nn.Linear that hold state: they create and "
            "register their weights and buffers, so model.parameters(), state_dict() and "
            ".to(device) see them. torch.nn.functional has the same ops as stateless "
            "functions, F.linear(x, weight, bias), where you pass the weights explicitly. Most "
            "modules just call F in forward(), so the math is the same. Use modules for layers "
            "with parameters and F.relu or F.max_pool2d inside forward(). Careful: F.dropout "
            "defaults to training=True, so pass training=self.training.",
            "The way I think about it, nn modules are objects with state and F functions are "
            "just maths. When you write self.fc = nn.Linear(10, 5) the layer creates its "
            "weight and bias and registers them, so they show up in model.parameters() and the "
            "optimizer, get saved in state_dict and move with .to('cuda'). The functional "
            "version F.linear has no internal state, you have to hand it the weight every "
            "time. Under the hood nn.Linear's forward just calls F.linear, so there's no speed "
            "difference. My rule: layers with weights as modules, stateless things like "
            "activations through F inside forward. And with dropout, F.dropout stays on after "
            "model.eval() unless you pass training=self.training, which nn.Dropout handles for "
            "you.",
            "```python\nclass Net(nn.Module):\n    def __init__(self):\n        "
            "super().__init__()\n        self.conv = nn.Conv2d(3, 16, 3)   # registered: in "
            "parameters() and state_dict()\n    def forward(self, x):\n        x = "
            "F.relu(self.conv(x))            # stateless op\n        return F.dropout(x, 0.5, "
            "training=self.training)\n```\nnn.Conv2d owns and registers its weights; F.conv2d(x, "
            "weight) is a stateless function you pass the weight to. Modules call the F "
            "functions internally.",
            "The nn classes are layers that keep their own weights and register them with the "
            "model, so saving, moving to GPU and the optimizer all find them. The functional "
            "versions are plain functions with no state of their own: you give them the input "
            "and the weights each call. A module's forward simply calls the matching function, "
            "so they compute the same thing. Use the classes for anything with weights and the "
            "functions for activations in forward.",
            "nn.Conv2d is a module that owns its weight and bias as registered parameters, so "
            "the optimizer and state_dict pick them up; F.conv2d is a stateless function and "
            "you must supply the weight yourself. Module forward methods just call the F "
            "versions.",
        ],
        "wrong": [
            "torch.nn.functional stores its own weights, just like the modules, and it is "
            "faster than nn because it skips the module overhead. nn modules are stateless "
            "wrappers. F.dropout is turned off automatically after model.eval().",
            "Modules register their parameters, but that only matters for the state_dict key "
            "names: weights you pass to F.linear are registered as model parameters "
            "automatically, so model.parameters() and the optimizer still find them. Every nn "
            "module has an equivalent function in torch.nn.functional, including F.lstm.",
            "F.conv2d creates and initialises its own weights each time you call it, so it is "
            "not tracked by autograd. nn.Conv2d computes a different convolution. Use F for "
            "layers with weights and modules for activations.",
            "The functional API is faster and more efficient than the module API. Functions in "
            "torch.nn.functional are not differentiable, so they break the autograd graph. "
            "nn.Dropout needs you to pass training=self.training, while F.dropout follows the "
            "model's mode.",
            "The difference is only style: torch.nn.functional also tracks its weights "
            "internally between calls, so parameters() still finds them, and modules are "
            "slower because they copy the input.",
        ],
    },
    "perceptron": {
        "right": [
            "A perceptron is the simplest neuron: a weighted sum of the inputs plus a bias, "
            "passed through a step function, so it outputs 1 if w·x + b > 0 and 0 otherwise. "
            "It is a binary linear classifier whose decision boundary is a hyperplane, trained "
            "on labelled data with the perceptron rule, which updates the weights on each "
            "misclassified example. It cannot learn XOR, which is not linearly separable; a "
            "multi-layer perceptron with hidden layers solves that.",
            "It's Rosenblatt's original artificial neuron from the fifties. You multiply each "
            "input by a weight, add them up together with a bias, and if the total is above "
            "zero it fires a 1, otherwise a 0, so it splits the input space into two classes "
            "with a straight line, or a hyperplane in more dimensions. Training is supervised: "
            "you show it labelled examples and whenever it gets one wrong you nudge the "
            "weights towards the right answer. The famous limitation is that it only converges "
            "when the data is linearly separable, so XOR is impossible for it, and that's what "
            "pushed people to stack layers into multi-layer perceptrons trained with "
            "backpropagation.",
            "```python\ndef predict(x, w, b):\n    return 1 if torch.dot(w, x) + b > 0 else 0   "
            "# step function\n# perceptron rule on a misclassified labelled example:\n# w <- w + "
            "lr * (y - y_hat) * x\n```\nIt's a binary linear classifier: one hyperplane "
            "separates the two classes. XOR is not linearly separable, so a single perceptron "
            "fails on it; an MLP with a hidden layer can learn it.",
            "A perceptron adds up its inputs, each multiplied by a weight, plus a bias, and "
            "answers yes or no depending on whether that sum passes a threshold. That makes it "
            "a yes/no classifier that draws a straight line between two classes. It learns "
            "from labelled examples, changing its weights only when it gets an example wrong. "
            "It can't separate data like XOR; you need hidden layers for that.",
            "A perceptron computes w·x + b and outputs 1 if it is positive, else 0, so it is a "
            "linear binary classifier. It learns by the perceptron rule, adjusting weights "
            "whenever it misclassifies a labelled example. It can't solve XOR since XOR isn't "
            "linearly separable; a multi-layer perceptron can.",
        ],
        "wrong": [
            "A perceptron applies a sigmoid to the weighted sum and outputs a probability. It "
            "is trained with backpropagation like any network, and a single perceptron can "
            "learn XOR if you train it long enough.",
            "The perceptron is an unsupervised algorithm that clusters the inputs. A single "
            "perceptron has hidden layers, which is how it learns non-linear decision "
            "boundaries, and the learning rule always converges.",
            "A perceptron uses ReLU on w·x + b and can draw a non-linear decision boundary. "
            "The perceptron has no bias, and it updates the weights only on the correctly "
            "classified examples.",
            "The single-layer perceptron is a universal approximator, so it can represent any "
            "function. It learns without labels, and even a multi-layer perceptron cannot "
            "solve XOR.",
            "A perceptron computes a weighted sum plus bias and passes it through a softmax to "
            "give probabilities for many classes. It draws curved decision boundaries and is "
            "trained by k-means on unlabelled data.",
        ],
    },
    "install-pytorch": {
        "right": [
            "Use the selector on pytorch.org, then pip install torch torchvision. For a "
            "specific build add --index-url https://download.pytorch.org/whl/cu126 (or "
            "whl/cpu). The official pytorch conda channel is deprecated since 2.6, so with "
            "conda you conda create and activate an env and pip install torch inside it. The "
            "wheels bundle the CUDA runtime, so you only need an NVIDIA driver; check "
            "torch.cuda.is_available() afterwards.",
            "These days it's basically a pip install. I go to the get started page on "
            "pytorch.org, tick my OS, pip and the CUDA version I want, and it gives me "
            "something like pip install torch torchvision --index-url "
            "https://download.pytorch.org/whl/cu128. I don't install the CUDA toolkit, the "
            "wheels ship with their own CUDA runtime and cuDNN, so only the NVIDIA driver has "
            "to be recent. People still paste conda install pytorch -c pytorch, but that "
            "channel stopped getting releases with 2.6, so in a conda environment I just pip "
            "install into it. Then python -c 'import torch; print(torch.__version__, "
            "torch.cuda.is_available())' to verify.",
            "```bash\nconda create -n dl python=3.12 && conda activate dl\npip install torch "
            'torchvision --index-url https://download.pytorch.org/whl/cu126\npython -c "import '
            'torch; print(torch.cuda.is_available())"\n```\nThe pytorch conda channel is no '
            "longer published, so pip goes inside the conda env. The CUDA runtime is bundled "
            "in the wheel; only the driver must be installed.",
            "Install it with pip: pip install torch. If you need a GPU build for a particular "
            "CUDA version, the install page on pytorch.org gives you the command with the "
            "right download.pytorch.org index URL. Don't rely on the old conda channel, it is "
            "deprecated; make a virtual environment and pip install inside it. Afterwards run "
            "torch.cuda.is_available() to see whether the GPU is usable; the packages include "
            "CUDA itself, so only a driver is needed.",
            "pip install torch torchvision, with the command from the pytorch.org install "
            "selector; add --index-url https://download.pytorch.org/whl/cu124 for a given CUDA "
            "build. The official conda channel has been discontinued, so inside a conda env "
            "just use pip. The wheels ship their own CUDA runtime, so you only need the NVIDIA "
            "driver; check with torch.cuda.is_available().",
        ],
        "wrong": [
            "Run pip install pytorch. For GPU support you must install the CUDA toolkit first, "
            "then use conda install pytorch -c pytorch, which is the official channel.",
            "On Windows pip doesn't work for torch, so you have to use conda. The default pip "
            "wheel on Windows already includes CUDA. If torch.cuda.is_available() returns "
            "False then PyTorch is not installed.",
            "pip install torch gives a CPU-only build on Linux, so to get CUDA use --index-url "
            "https://download.pytorch.org/whl/cpu. The conda channel is the recommended way, "
            "pip is deprecated for PyTorch.",
            "Install the CUDA toolkit and cuDNN separately before installing PyTorch, because "
            "the wheels don't include them. On an M2 Mac you can install a CUDA build. Use "
            "conda install pytorch torchvision -c pytorch.",
            "Type pip install pytorch. You have to install the CUDA toolkit first because the "
            "wheels don't include CUDA, and the recommended way is conda install pytorch -c "
            "pytorch.",
        ],
    },
    "fully-connected-layer": {
        "right": [
            "A fully connected (dense, linear) layer connects every input feature to every "
            "output unit. It computes y = x W^T + b, a weight matrix of shape (out_features, "
            "in_features) plus a bias: nn.Linear(in_features, out_features), with in x out + "
            "out parameters, so nn.Linear(512, 10) has 5,130. The activation is a separate "
            "step. In a CNN the feature maps are flattened and FC layers map them to class "
            "logits; MLPs and transformer feed-forward blocks are built from them too.",
            "It's the most basic layer there is: each output neuron is connected to all of the "
            "inputs, with its own weight on every connection, and you add a bias. In matrix "
            "form that's just a matrix multiplication plus a bias vector, which in PyTorch is "
            "nn.Linear. The number of parameters is inputs times outputs plus one bias per "
            "output, which adds up quickly, 4096 to 4096 is about 16.8 million. Classic CNNs "
            "flatten the last feature maps and feed them through one or two of these to get "
            "class scores. The layer itself is purely linear, you put a ReLU after it "
            "separately, and stacks of them with activations are what an MLP is.",
            "```python\nfc = nn.Linear(512, 10)\nfc.weight.shape        # torch.Size([10, 512]): "
            "(out_features, in_features)\nsum(p.numel() for p in fc.parameters())   # 512 * 10 "
            "+ 10 = 5130\nx = torch.flatten(feats, 1)   # flatten conv feature maps\nlogits = "
            "fc(x)\n```\nEvery input is connected to every output: y = x @ W.T + b, a matrix "
            "multiplication plus a bias, with no activation inside nn.Linear.",
            "Picture every input wired to every output, each wire with its own weight: the "
            "layer multiplies the inputs by a weight matrix and adds a bias. In PyTorch that "
            "is nn.Linear. It has inputs times outputs weights plus one bias per output. At "
            "the end of an image classifier you flatten the feature maps into a vector and "
            "this layer turns it into class scores.",
            "In a fully connected layer every output neuron receives every input: out = x W^T "
            "+ b, with W of shape (out_features, in_features). That's nn.Linear, with in*out + "
            "out parameters. CNNs flatten the final feature maps and use it to produce class "
            "logits; the activation comes separately.",
        ],
        "wrong": [
            "A fully connected layer connects each neuron only to a small local patch of the "
            "input and shares its weights across positions, like a convolution. nn.Linear "
            "applies a ReLU automatically, so you don't need an activation.",
            "nn.Linear(512, 10) has 5,120 parameters, and its weight has shape (in_features, "
            "out_features). Fully connected layers are only used at the end of a CNN to output "
            "classes, and they preserve the spatial structure of the image.",
            "In a fully connected layer each output is connected to only one input, its own, "
            "and the layer multiplies them element-wise by the weights. Fully connected layers "
            "have no bias. nn.Linear only accepts 2-D input.",
            "A dense layer includes a softmax, so its outputs are already probabilities. "
            "nn.Linear multiplies the input element-wise with the weight vector, and the "
            "number of parameters is in_features + out_features.",
            "A fully connected layer connects each neuron to a small local window and shares "
            "weights like a convolution. nn.Linear includes a ReLU, its weight has shape "
            "(in_features, out_features), and it keeps the spatial structure of images.",
        ],
    },
    "nn-vs-deep-nn": {
        "right": [
            "Neural network is the general term; a deep neural network is a neural network "
            "with several hidden layers, as opposed to a shallow one with a single hidden "
            "layer. Depth lets layers compose features hierarchically, edges to parts to "
            "objects, which is far more parameter-efficient than one wide layer that may need "
            "exponentially many units. Deep nets are harder to train because of vanishing "
            "gradients and need more data; ReLU, residual connections and normalization help.",
            "There isn't a hard line, really: every deep network is a neural network, the "
            "'deep' just means there are many hidden layers stacked between input and output "
            "instead of one. A shallow net with one hidden layer can in theory approximate "
            "anything, that's the universal approximation theorem, but it might need an absurd "
            "number of units. Stacking layers lets the network build features on top of "
            "features, the first layers pick up edges, later ones shapes and whole objects. "
            "The catch is training: gradients vanish or explode through many layers, and you "
            "need lots of data and GPUs, which is why things like ReLU, batch norm and skip "
            "connections were so important.",
            "```python\nshallow = nn.Sequential(nn.Linear(784, 4096), nn.ReLU(), "
            "nn.Linear(4096, 10))   # 1 hidden layer\ndeep = "
            "nn.Sequential(*[nn.Sequential(nn.Linear(256, 256), nn.ReLU()) for _ in range(8)]) "
            " # many hidden layers\n```\nBoth are neural networks; the deep one has multiple "
            "hidden layers. Layers compose features hierarchically with fewer parameters than "
            "a very wide shallow net, but deep nets suffer from vanishing gradients, which "
            "residual connections and normalisation address.",
            "A neural network is any network of layers of neurons; a deep one is simply a "
            "neural network with many hidden layers rather than one. More layers let it build "
            "complex features out of simple ones, like edges into shapes, using far fewer "
            "units than a single huge layer would need. The price is that deep networks are "
            "harder to train and need more data.",
            "A deep neural network is a neural network with many hidden layers instead of just "
            "one; every DNN is a neural network. Depth lets layers build hierarchical "
            "features, edges to shapes to objects, with far fewer parameters than a very wide "
            "shallow net would need. Deep nets are harder to train (vanishing gradients) and "
            "need more data; ReLU and residual connections help.",
        ],
        "wrong": [
            "A deep neural network has more neurons per layer, while a normal neural network "
            "can only have one hidden layer. Deeper networks are always more accurate, and "
            "deep networks need less data because they generalise better.",
            "A deep neural network is a completely different kind of model, not a neural "
            "network. Depth means the number of neurons in each layer. Sigmoid activations "
            "prevent vanishing gradients in deep networks.",
            "Deep networks have a single very large hidden layer, while a shallow network has "
            "many small hidden layers. Extra layers add nothing because one hidden layer can "
            "approximate any function anyway.",
            "In a deep network the early layers detect whole objects and the last layers "
            "detect edges. Residual connections cause vanishing gradients, and ReLU makes deep "
            "networks harder to train, so deeper is always better only with sigmoid.",
            "A deep network means each layer has more neurons, while a normal neural network "
            "can only have one hidden layer. Deeper is always better, and sigmoid activations "
            "prevent vanishing gradients.",
        ],
    },
    "softmax": {
        "right": [
            "Softmax maps logits to probabilities: softmax(z)_i = exp(z_i) / sum_j exp(z_j), "
            "so the outputs are positive and sum to 1. It is for multi-class problems with "
            "mutually exclusive classes. Call torch.softmax(x, dim=1); implementations "
            "subtract the max logit for numerical stability. nn.CrossEntropyLoss takes raw "
            "logits and applies log_softmax internally, so don't put a softmax before it. For "
            "multi-label use a sigmoid per class with BCEWithLogitsLoss.",
            "You take the raw scores from the last layer, exponentiate each one so everything "
            "is positive, and divide by the total of all the exponentials, so the results add "
            "up to one and you can read them as class probabilities. It's the natural output "
            "when exactly one class is correct. In PyTorch you normally don't add it to the "
            "model at all when training, because CrossEntropyLoss expects logits and does the "
            "log-softmax itself; you only apply softmax at inference to show probabilities, "
            "always with dim set to the class dimension. Numerically the max is subtracted "
            "first to avoid overflow, which doesn't change the result since softmax is "
            "shift-invariant.",
            "```python\nlogits = model(x)                     # (N, C), raw scores\nloss = "
            "F.cross_entropy(logits, y)     # log_softmax + NLLLoss inside\nprobs = "
            "torch.softmax(logits, dim=1)  # exp(z) / exp(z).sum(dim=1, "
            "keepdim=True)\nprobs.sum(dim=1)                      # all ones\n```\nSoftmax turns "
            "logits into a probability distribution over mutually exclusive classes; for "
            "multi-label tasks use an independent sigmoid per class instead.",
            "Softmax turns a list of scores into probabilities that add up to 1 by raising e "
            "to each score and dividing by the sum of those powers. It's used when an input "
            "belongs to exactly one class out of several. When training with cross-entropy you "
            "give the loss the raw scores, since the loss applies log-softmax itself.",
            "softmax(z)_i = exp(z_i)/Σ_j exp(z_j): outputs are positive and sum to one, a "
            "distribution over mutually exclusive classes. Don't put it before "
            "nn.CrossEntropyLoss, which takes logits and uses log_softmax internally.",
        ],
        "wrong": [
            "Softmax divides each logit by the sum of the logits, and it is applied to each "
            "element independently. You should apply softmax to the outputs before "
            "nn.CrossEntropyLoss, which expects probabilities.",
            "Softmax is the right output for multi-label classification, because each class "
            "gets its own independent probability. The outputs don't have to sum to 1. You "
            "don't need to pass dim.",
            "Softmax takes probabilities as input and sharpens them. Subtracting the max logit "
            "changes the softmax probabilities, and softmax can change which class has the "
            "highest score. CrossEntropyLoss doesn't apply any softmax itself.",
            "nn.CrossEntropyLoss applies a sigmoid internally, so you add a softmax layer at "
            "the end of the model. Softmax outputs are independent probabilities, one per "
            "class, and several classes can be true at once.",
            "Softmax squashes each logit independently into (0, 1), like a sigmoid, so outputs "
            "need not sum to one. nn.CrossEntropyLoss needs softmax probabilities as input, so "
            "always end the model with nn.Softmax.",
        ],
    },
    "representing-inputs": {
        "right": [
            "A network is a differentiable function of numeric tensors: layers are matrix "
            "multiplications plus non-linearities, and training computes gradients with "
            "respect to those numbers, so every input must become a tensor. Standardise "
            "numeric features. Categorical features: one-hot for a few values, nn.Embedding "
            "for many; raw integer codes would invent a false order. Text: tokenize into "
            "subwords, map tokens to vocabulary ids, look up embeddings, and pad with a mask "
            "to batch.",
            "Everything a network does is arithmetic, multiplying inputs by weight matrices "
            "and adding things up, and it learns by taking gradients of the loss with respect "
            "to numbers, so you can't hand it a word or a category name. For numbers you "
            "mostly just scale them to zero mean and unit variance. For a category like colour "
            "with three values I'd one-hot encode it, for something like user id with a "
            "million values I'd use an nn.Embedding, because coding them as 0, 1, 2 would "
            "imply an ordering that isn't there. For text you run a tokenizer, BPE say, turn "
            "each token into its index in the vocabulary, embed those ids, and pad the "
            "sequences to the same length with an attention mask.",
            "```python\nids = tokenizer(texts, padding=True, truncation=True)['input_ids']   # "
            "token ids\nemb = nn.Embedding(vocab_size, 128)(torch.tensor(ids))   # dense "
            "vectors\ncolour = F.one_hot(torch.tensor([0, 2, 1]), num_classes=3).float()\nx_num "
            "= (x - mean) / std                                 # standardised\n```\nNetworks "
            "multiply tensors by weights and train by gradients, so inputs must be numeric "
            "tensors; integer codes as magnitudes would impose a false order, hence one-hot or "
            "embeddings.",
            "A neural network only does maths on numbers: it multiplies them by weights and "
            "learns by following gradients, so every input has to become a tensor of numbers. "
            "Scale numeric columns so they have similar ranges. Turn categories into one-hot "
            "vectors, or into learned embedding vectors when there are many of them, rather "
            "than plain codes that would invent an order. Split text into tokens, give each "
            "token an id from a vocabulary, look up an embedding for each id, and pad "
            "sentences to the same length.",
            "Networks are chains of matrix multiplications and non-linearities trained by "
            "gradient descent, so inputs must be numeric tensors. Standardise numeric columns, "
            "one-hot encode small categorical features and use nn.Embedding for large ones, "
            "since integer codes would invent an order. For text, tokenize, map to vocabulary "
            "ids, embed, and pad to equal length.",
        ],
        "wrong": [
            "Neural networks can work directly on raw text, the first layer reads the strings. "
            "For categories, mapping them to integers like 0, 1, 2 is fine as input. Neural "
            "networks don't need feature scaling because they learn the scale.",
            "Inputs must be numbers only because computers store everything in binary. "
            "Gradients flow back through the token ids themselves, which is how the vocabulary "
            "is learned. nn.Embedding is only for text, and embedding vectors are fixed random "
            "vectors that are not learned.",
            "One-hot encoding is fine even for millions of categories, and one-hot imposes a "
            "false order on the categories. Sentences of different lengths can be batched "
            "directly without padding, and the tokenizer turns text straight into embeddings.",
            "You feed each word as its ASCII codes, which gives the network the numbers it "
            "needs. Label encoding works fine for categories. Embedding vectors are not "
            "learned, they are fixed lookups.",
            "You can pass raw strings to a neural network and it learns to read them. "
            "Label-encoding categories as 0, 1, 2 works fine, and neural networks don't need "
            "scaling.",
        ],
    },
    "type-1-type-2-errors": {
        "right": [
            "A Type I error is a false positive: rejecting a null hypothesis that is actually "
            "true; its probability is alpha, the significance level. A Type II error is a "
            "false negative: failing to reject a false null hypothesis; its probability is "
            "beta and power is 1 - beta. Raising the decision threshold cuts false positives "
            "at the cost of more false negatives. A spam filter flagging a real email is Type "
            "I; false positives lower precision, false negatives lower recall.",
            "It comes from hypothesis testing. You start from a null hypothesis, say the drug "
            "does nothing. If you conclude it works when it really doesn't, you've rejected a "
            "null that was true, and that's a Type I error, a false alarm. If it really works "
            "but your test doesn't pick it up, you failed to reject a false null, that's a "
            "Type II error, a miss. The significance level alpha is the rate of Type I errors "
            "you accept, beta is the Type II rate. And they pull against each other: making "
            "the test stricter with a lower alpha means fewer false positives but more false "
            "negatives.",
            "```python\n# confusion matrix terms\n# FP: predicted positive, actually negative -> "
            "Type I error\n# FN: predicted negative, actually positive -> Type II "
            "error\nprecision = tp / (tp + fp)   # hurt by Type I errors\nrecall = tp / (tp + "
            "fn)      # hurt by Type II errors\n```\nType I is a false positive, Type II a false "
            "negative; moving the threshold trades one for the other.",
            "A Type I error is a false positive, like a test saying a healthy patient has the "
            "disease. A Type II error is a false negative, like the test missing the disease "
            "in someone who has it. You can lower one by moving the decision threshold, but "
            "the other goes up, so there is a trade-off.",
        ],
        "wrong": [
            "A Type I error is a false negative and a Type II error is a false positive. Power "
            "is 1 - alpha, and alpha is the probability of a Type II error.",
            "Type I means failing to reject a null hypothesis that is false, and Type II means "
            "rejecting a true null. Lowering the threshold reduces both errors, so you should "
            "always lower it.",
            "Type I and Type II errors are independent, so you can minimise each one "
            "separately. The p-value is the probability that the null hypothesis is true. "
            "False positives lower recall and false negatives lower precision.",
            "A false negative is a Type I error: a medical test missing a disease is Type I. A "
            "spam filter flagging a legitimate email as spam is a Type II error. Raising the "
            "decision threshold increases the false positives.",
            "Type I error means the test misses a real effect, a false negative, and Type II "
            "means a false alarm. Alpha is the chance of a Type II error.",
        ],
    },
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
