"""Trains LeNet, the small ResNet and Inception on Fashion-MNIST in PyTorch, as samples/FashionMnist does.

For the seconds per epoch beside Precast's: the same networks (networks.py, checked layer for layer
against Precast's by the compare command), the same data and the same loop as the sample's
Program.cs with its defaults (Options.cs):
- the IDX files, plain or gzip-compressed, pixels divided by 255 into [0, 1] as Dataset.FromIdx does;
- batches of 64 in a new random order every epoch, the last one partial (Batcher without dropLast);
- the training images varied as the sample's recipe for the network (Recipe.cs) varies them: shifted
  by up to 2 pixels with zeros shifted in (a random crop of the image padded by 2), then mirrored
  left to right with probability 1/2; a whole batch at a time, with torch's generator;
- each step: zero_grad, forward, CrossEntropyLoss (mean), backward, Adam (lr 1e-3, PyTorch's
  betas and eps, which are Precast's defaults), AdamW where the recipe decays weights (weight
  matrices and kernels only: tensors of one dimension, the biases and normalization parameters,
  are never decayed, as Precast's ParameterGroup.NoDecay excludes them);
- the learning rate annealed to zero over the epochs (CosineAnnealingLR, stepped per epoch);
- after every epoch, the test set in inference mode at batch 64 (Evaluation.Evaluate at the model's
  batch size): mean loss and accuracy.
Training and the test pass are timed apart, as the sample's epoch line times them (its seconds
count training only; its "trained N epochs in X s" counts the test passes too), so either figure
compares. PyTorch's initial weights are its own defaults (Precast draws He or Glorot uniform), and
its shuffled order is its own: accuracies differ a little, the work does not.

Runs on one thread unless told otherwise (OpenBLAS and torch's intra-op pool). Run it with
Debian's /usr/bin/python3 (`apt-get install python3-torch libopenblas0-pthread`); the data set is
Debian's `dataset-fashion-mnist` package, or any directory with Zalando's four files:

    /usr/bin/python3 benchmarks/compare/torch_fashion_epoch.py --model lenet --epochs 1

and the sample with the same data and epochs (its epoch line gives the seconds of training):

    dotnet run -c Release --project samples/FashionMnist -- --model lenet --epochs 1 --data /usr/share/datasets/fashion-mnist

--limit N trains and tests on the first N images only, to check that the script runs.

Exit codes: 0 success, 1 the data cannot be read, 2 bad arguments, 3 torch cannot be imported.
"""

import argparse
import gzip
import os
import platform
import struct
import sys
import time

import torch_threads

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
MODELS = ("lenet", "resnet", "inception")
# The sample's recipe for each network (samples/FashionMnist/Recipe.cs): augmentation and AdamW's weight decay.
RECIPES = {
    "lenet": ("flip", 0.0),
    "resnet": ("flip+crop", 0.05),
    "inception": ("flip+crop", 0.05),
}
AUGMENTATIONS = ("none", "flip", "crop", "flip+crop")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="all",
                        help=f"the networks to train, comma-separated from {', '.join(MODELS)}, or all (default)")
    parser.add_argument("--data", default=DEFAULT_DATA,
                        help="directory with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                             f"t10k-labels-idx1-ubyte, each plain or .gz (default {DEFAULT_DATA})")
    parser.add_argument("--epochs", type=int, default=1,
                        help="passes over the training set (default 1; give the sample the same --epochs)")
    parser.add_argument("--batch", type=int, default=64, help="samples per training step (default 64, the sample's)")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate (default 0.001, the sample's)")
    parser.add_argument("--augment", default=None, choices=AUGMENTATIONS,
                        help="how training images vary (default: the sample's recipe for each network)")
    parser.add_argument("--weight-decay", type=float, default=None,
                        help="AdamW's decoupled weight decay of weights and kernels (default: the sample's recipe for each network)")
    parser.add_argument("--seed", type=int, default=1, help="seeds the weights and the shuffling (default 1)")
    parser.add_argument("--threads", type=int, default=1, help="threads for torch and OpenBLAS (default 1)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="train and test on the first N images of each set only: a quick check that the script runs, "
                             "not a measurement (default: all of them)")
    arguments = parser.parse_args()
    models = MODELS if arguments.model == "all" else tuple(name for name in arguments.model.split(",") if name)
    unknown = [name for name in models if name not in MODELS]
    if unknown or not models:
        parser.error(f"--model takes all or names from {', '.join(MODELS)}, got '{arguments.model}'")
    arguments.model = models
    for name in ("epochs", "batch", "threads", "limit"):
        if getattr(arguments, name) is not None and getattr(arguments, name) < 1:
            parser.error(f"--{name} must be at least 1, got {getattr(arguments, name)}")
    if not arguments.lr > 0:
        parser.error(f"--lr must be positive, got {arguments.lr}")
    if arguments.weight_decay is not None and not arguments.weight_decay >= 0:
        parser.error(f"--weight-decay must be 0 or more, got {arguments.weight_decay}")
    return arguments


def read_idx(directory, name):
    """One IDX file (name or name.gz, as the sample's DataFile looks for them): its dimensions and raw bytes."""
    path = os.path.join(directory, name + ".gz")
    opener = gzip.open
    if not os.path.exists(path):
        path = os.path.join(directory, name)
        opener = open
    with opener(path, "rb") as file:
        data = file.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes (magic {data[:4].hex()}, expected 0000 08 then the rank)")
    dimensions = struct.unpack(f">{rank}I", data[4:4 + 4 * rank])
    body = data[4 + 4 * rank:]
    expected = 1
    for size in dimensions:
        expected *= size
    if len(body) != expected:
        raise ValueError(f"{path}: {len(body)} bytes of values after the header, expected {expected} for {list(dimensions)}")
    return dimensions, body


def load(torch, directory, images_name, labels_name):
    """Images as float32 [count, 1, height, width] in [0, 1] (divided by 255) and labels as int64 [count]."""
    (count, height, width), pixels = read_idx(directory, images_name)
    (label_count,), labels = read_idx(directory, labels_name)
    if label_count != count:
        raise ValueError(f"{directory}: {count} images in {images_name} but {label_count} labels in {labels_name}")
    images = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(count, 1, height, width).float().div_(255)
    return images, torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()


def vary(torch, images, augment, generator):
    """The batch [count, channels, height, width] shifted by up to 2 pixels each way and/or mirrored, sample by sample."""
    count, _, height, width = images.shape
    if "crop" in augment:
        padded = torch.nn.functional.pad(images, (2, 2, 2, 2))
        top = torch.randint(0, 5, (count,), generator=generator)
        left = torch.randint(0, 5, (count,), generator=generator)
        rows = (top[:, None] + torch.arange(height))[:, None, :, None]
        columns = (left[:, None] + torch.arange(width))[:, None, None, :]
        samples = torch.arange(count)[:, None, None, None]
        planes = torch.arange(images.shape[1])[None, :, None, None]
        images = padded[samples, planes, rows, columns]
    if "flip" in augment:
        mirrored = torch.rand(count, generator=generator) < 0.5
        images = torch.where(mirrored[:, None, None, None], images.flip(3), images)
    return images


def evaluate(torch, model, loss_function, images, labels, batch):
    """Mean loss and accuracy on the set, in inference mode, batch by batch."""
    model.eval()
    loss_sum = 0.0
    correct = 0
    with torch.no_grad():
        for start in range(0, len(labels), batch):
            outputs = model(images[start:start + batch])
            targets = labels[start:start + batch]
            loss_sum += loss_function(outputs, targets).item() * len(targets)
            correct += (outputs.argmax(dim=1) == targets).sum().item()
    return loss_sum / len(labels), correct / len(labels)


def train(torch, nn, networks, name, arguments, train_set, test_set):
    """Trains one network for --epochs and prints a line per epoch.

    Returns each epoch's (training, test) seconds and the test accuracy after the last epoch.
    """
    torch.manual_seed(arguments.seed)
    model = networks.build(name)
    default_augment, default_decay = RECIPES[name]
    augment = arguments.augment if arguments.augment is not None else default_augment
    decay = arguments.weight_decay if arguments.weight_decay is not None else default_decay
    if decay > 0:
        decayed = [parameter for parameter in model.parameters() if parameter.dim() > 1]
        undecayed = [parameter for parameter in model.parameters() if parameter.dim() <= 1]
        optimizer = torch.optim.AdamW([{"params": decayed, "weight_decay": decay},
                                       {"params": undecayed, "weight_decay": 0.0}], lr=arguments.lr)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=arguments.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=arguments.epochs)
    loss_function = nn.CrossEntropyLoss()
    images, labels = train_set
    count = len(labels)
    shuffle = torch.Generator().manual_seed(arguments.seed)
    parameters = sum(parameter.numel() for parameter in model.parameters())
    print(f"{name}: {parameters:,} parameters, {count:,} training images, batch {arguments.batch}, "
          f"Adam{f'W, weight decay {decay},' if decay > 0 else ''} lr {arguments.lr} annealed to 0 over {arguments.epochs} epoch(s), "
          f"augmentation: {augment}", flush=True)
    augmenting = torch.Generator().manual_seed(arguments.seed + 1)

    seconds = []
    for epoch in range(1, arguments.epochs + 1):
        model.train()
        loss_sum = 0.0
        start = time.perf_counter()
        order = torch.randperm(count, generator=shuffle)
        for first in range(0, count, arguments.batch):
            batch = order[first:first + arguments.batch]
            optimizer.zero_grad()
            inputs = images[batch] if augment == "none" else vary(torch, images[batch], augment, augmenting)
            loss = loss_function(model(inputs), labels[batch])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(batch)
        schedule.step()
        training = time.perf_counter() - start

        start = time.perf_counter()
        test_loss, accuracy = evaluate(torch, model, loss_function, *test_set, arguments.batch)
        evaluation = time.perf_counter() - start
        seconds.append((training, evaluation))
        print(f"{name} epoch {epoch}/{arguments.epochs}: training {training:.1f} s ({count / training:,.0f} samples/s, "
              f"loss {loss_sum / count:.4f}), test {evaluation:.1f} s: loss {test_loss:.4f}, accuracy {accuracy:.4f}", flush=True)
    return seconds, accuracy


def main():
    arguments = parse_arguments()
    torch = torch_threads.import_torch(arguments.threads)
    if torch is None:
        return 3
    from torch import nn

    import networks  # imports torch, so only now that OpenBLAS's threads are set

    try:
        train_set = load(torch, arguments.data, "train-images-idx3-ubyte", "train-labels-idx1-ubyte")
        test_set = load(torch, arguments.data, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    except (OSError, ValueError) as error:
        print(f"Cannot read the data: {error} (Debian: apt-get install dataset-fashion-mnist)", file=sys.stderr)
        return 1
    if arguments.limit is not None:
        train_set = tuple(tensor[:arguments.limit] for tensor in train_set)
        test_set = tuple(tensor[:arguments.limit] for tensor in test_set)

    load_before = os.getloadavg()[0]
    print(f"PyTorch {torch.__version__} (Python {platform.python_version()}), {torch.get_num_threads()} thread(s); "
          f"Fashion-MNIST from {arguments.data}; load average (1 min) {load_before:.2f}", flush=True)
    summary = []
    for name in arguments.model:
        seconds, accuracy = train(torch, nn, networks, name, arguments, train_set, test_set)
        summary.append((name, seconds, accuracy))
    load_after = os.getloadavg()[0]
    print(f"load average (1 min): {load_before:.2f} before, {load_after:.2f} after"
          + (" (above 1.2 on a 2-core machine: other processes were probably running, so the times may be high)"
             if max(load_before, load_after) > 1.2 else ""))
    if arguments.limit is not None:
        print(f"--limit {arguments.limit}: trained on part of the data set only, so these are not seconds per epoch")
    for name, seconds, accuracy in summary:
        training = sum(epoch[0] for epoch in seconds) / len(seconds)
        both = sum(epoch[0] + epoch[1] for epoch in seconds) / len(seconds)
        # The sample's "trained N epochs in X s" includes each epoch's test pass: X / N compares with the second figure.
        print(f"{name}: {training:.1f} s per epoch of training, {both:.1f} s with the test pass "
              f"(means of {arguments.epochs} epoch(s)); test accuracy {accuracy:.4f} after the last")
    return 0


if __name__ == "__main__":
    sys.exit(main())
