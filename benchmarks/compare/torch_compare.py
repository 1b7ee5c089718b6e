"""The PyTorch side of `dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare`.

Builds each requested network of networks.py (the same layers, names and shapes as the Precast
models) and, for each:
- writes the files of the equivalence check (write_equivalence_check): its initial weights, an
  input batch and its outputs, gradients and running statistics, which the C# side compares with
  the Precast model after loading the same weights;
- times forward at batch 1 and 64 in eval() mode under torch.no_grad(), and a training step at
  batch 64 (zero_grad, forward, CrossEntropyLoss, backward, Adam step);
- exports the model to ONNX with a dynamic batch axis for ONNX Runtime.
Then it times the convolutions named by --layer alone, and an N x N x N torch.mm (the sgemm
figure), and finally every training step again with glibc's malloc told to keep freed memory
(see keep_freed_memory). It prints one JSON object on stdout; progress goes to stderr. Run it with
Debian's /usr/bin/python3 after `apt-get install python3-torch libopenblas0-pthread`.

Exit codes: 0 success, 2 bad arguments, 3 torch cannot be imported (the reason is on stderr).
"""

import argparse
import ctypes
import json
import os
import platform
import re
import statistics
import sys
import time

import torch_threads

# The same budget as the C# timer's for networks and sgemm (TimingBudget.Network in
# benchmarks/Precast.Benchmarks/Compare/TimingBudget.cs), so both sides are measured alike: warm up,
# then time single calls and report the median. Convolutions alone take the C# side's shorter
# budget, passed as --layer-warmup and --layer-measure.
WARMUP_SECONDS = 0.5
MEASURE_SECONDS = 2.0
MIN_SAMPLES = 20
MAX_SAMPLES = 100_000

# What the C# side uses too (ModelWorkload.FullBatch, EquivalenceCheck): every network takes one
# 28x28 grey image and gives 10 class scores.
FULL_BATCH = 64
INPUT_SHAPE = (1, 28, 28)
CLASSES = 10
CHECK_BATCH = 8


def parse_arguments():
    """The arguments, checked except for the network names, which networks.py (importing torch) knows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="threads for torch and OpenBLAS")
    parser.add_argument("--work-dir", required=True,
                        help="directory to write each network's ONNX export and equivalence-check files into")
    parser.add_argument("--networks", default="mlp,lenet,resnet,inception", help="comma-separated networks to measure")
    parser.add_argument("--layer", action="append", default=[], metavar="NETWORK:LAYER",
                        help="also time this convolution's forward alone, e.g. resnet:Block1.Conv2D2 (repeatable)")
    parser.add_argument("--layer-warmup", type=float, default=WARMUP_SECONDS, metavar="SECONDS",
                        help="warm-up before timing each --layer")
    parser.add_argument("--layer-measure", type=float, default=MEASURE_SECONDS, metavar="SECONDS",
                        help="seconds of timed calls of each --layer (at least MIN_SAMPLES calls)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="time calls with elapsed time (wall) or the process's processor time (cpu), as the C# side does")
    parser.add_argument("--sgemm", type=int, default=512, metavar="N", help="size of the N x N x N torch.mm timed for the sgemm figure")
    arguments = parser.parse_args()
    if arguments.threads < 1:
        parser.error(f"--threads must be at least 1, got {arguments.threads}")
    if arguments.layer_warmup < 0 or arguments.layer_measure < 0:
        parser.error("--layer-warmup and --layer-measure must not be negative")
    if arguments.sgemm < 1:
        parser.error(f"--sgemm must be at least 1, got {arguments.sgemm}")
    arguments.networks = [name for name in arguments.networks.split(",") if name]
    layers = []
    for text in arguments.layer:
        network, _, layer = text.partition(":")
        if network not in arguments.networks or not layer:
            parser.error(f"--layer expects NETWORK:LAYER with NETWORK one of --networks ({','.join(arguments.networks)}), got '{text}'")
        layers.append((network, layer))
    arguments.layer = layers
    return parser, arguments


# What each call is timed with (--clock): elapsed time, or the process's processor time, which leaves
# out time spent descheduled on a loaded machine (the C# side's TimingClock). The budget stays elapsed time.
clock_ns = time.perf_counter_ns


def median_microseconds(call, warmup=WARMUP_SECONDS, measure=MEASURE_SECONDS):
    """Runs call() for warmup seconds, then times single calls for measure seconds; the median in us."""
    warmup_end = time.perf_counter() + warmup
    while time.perf_counter() < warmup_end:
        call()
    samples = []
    measure_end = time.perf_counter() + measure
    while len(samples) < MAX_SAMPLES and (len(samples) < MIN_SAMPLES or time.perf_counter() < measure_end):
        start = clock_ns()
        call()
        samples.append(clock_ns() - start)
    return statistics.median(samples) / 1000.0, len(samples)


def blas_facts(torch):
    """Which BLAS torch's matrix products really call, read from the libraries mapped into this process.

    Debian builds torch with BLAS_INFO=generic: it calls sgemm_ from whatever libblas.so.3 the
    alternatives system points to, OpenBLAS when libopenblas0-pthread is installed and otherwise
    the reference BLAS, which is tens of times slower.
    """
    torch.ones(4, 4) @ torch.ones(4, 4)  # make sure the BLAS is loaded and used
    with open("/proc/self/maps", encoding="utf-8") as maps:
        mapped = sorted({line.split()[-1] for line in maps if "/lib" in line and ("blas" in line or "mkl" in line)})
    libblas = next((path for path in mapped if os.path.basename(path).startswith("libblas.so")), None)
    if any("libmkl" in path for path in mapped):
        kind = "MKL"
    elif libblas is not None and "openblas" in libblas:
        kind = "OpenBLAS"
    elif libblas is not None:
        kind = "reference BLAS (slow: apt-get install libopenblas0-pthread)"
    else:
        kind = "unknown (no libblas.so mapped)"
    build = re.search(r"BLAS_INFO=[^,\s]*", torch.__config__.show())
    facts = {"kind": kind, "libblas": libblas, "mapped": mapped, "build": build.group(0) if build else "BLAS_INFO not shown"}
    if kind == "OpenBLAS":
        facts.update(openblas_facts())
    return facts


def openblas_facts():
    """OpenBLAS's own description: version, kernel it picked for this CPU, and its thread count."""
    try:
        library = ctypes.CDLL("libopenblas.so.0")
    except OSError as error:
        return {"openblas_error": str(error)}
    library.openblas_get_config.restype = ctypes.c_char_p
    library.openblas_get_corename.restype = ctypes.c_char_p
    return {
        "openblas_config": library.openblas_get_config().decode(),
        "openblas_core": library.openblas_get_corename().decode(),
        "openblas_threads": library.openblas_get_num_threads(),
    }


def keep_freed_memory():
    """Stops glibc's malloc from handing freed buffers back to the kernel, so it reuses them.

    By default glibc trims freed memory at the top of its heap back to the kernel, so the next
    training step page-faults the buffers it allocates (the 400 KB weight gradient, Adam's
    temporaries) in again; on this machine with OpenBLAS's Haswell kernel that made the step four
    times slower. Raising the thresholds gives what jemalloc or tcmalloc (PyTorch's CPU tuning guide
    recommends either) would; Precast allocates nothing per step.
    """
    libc = ctypes.CDLL("libc.so.6")
    limit = 32 * 1024 * 1024  # glibc's largest mmap threshold on 64-bit
    m_trim_threshold, m_mmap_threshold = -1, -3
    return libc.mallopt(m_trim_threshold, limit) == 1 and libc.mallopt(m_mmap_threshold, limit) == 1


def write_equivalence_check(torch, nn, name, model, directory):
    """Files from which the C# side checks that Precast's network is this one (EquivalenceCheck.cs).

    name.init.safetensors holds the initial state_dict (Precast loads it with Checkpoint.Load);
    name.expected.safetensors an input batch, labels, and this model's outputs on them in inference
    mode and, unless dropout makes them random, in training mode with the loss; name.after.safetensors,
    under the state_dict's names, the gradients of that training-mode pass and the running statistics
    it left. The model's own state is restored afterwards.
    """
    # Imported here, not at the top: both import torch, which must wait for main() to set OpenBLAS's threads.
    import networks
    import safetensors_io

    initial = {key: value.clone() for key, value in model.state_dict().items()}
    paths = {kind: os.path.join(directory, f"{name}.{kind}.safetensors") for kind in ("init", "expected", "after")}
    safetensors_io.save(paths["init"], initial)

    generator = torch.Generator().manual_seed(7)
    inputs = torch.rand(CHECK_BATCH, *INPUT_SHAPE, generator=generator)
    labels = torch.randint(0, CLASSES, (CHECK_BATCH,), generator=generator)
    expected = {"input": inputs, "labels": labels}
    model.eval()
    with torch.no_grad():
        expected["eval_output"] = model(inputs)

    train_compared = not networks.has_dropout(model)
    if train_compared:
        model.train()
        model.zero_grad(set_to_none=False)
        outputs = model(inputs)
        loss = nn.CrossEntropyLoss()(outputs, labels)
        loss.backward()
        expected["train_output"] = outputs
        expected["loss"] = loss
        parameters = dict(model.named_parameters())
        after = {key: (parameters[key].grad if key in parameters else value) for key, value in model.state_dict().items()}
        safetensors_io.save(paths["after"], after)
        model.zero_grad(set_to_none=False)
    safetensors_io.save(paths["expected"], expected)
    model.load_state_dict(initial)
    return {
        "init": paths["init"],
        "expected": paths["expected"],
        "after": paths["after"] if train_compared else None,
        "batch": CHECK_BATCH,
    }


def time_network(torch, nn, model):
    """Forward at batch 1 and FULL_BATCH in inference mode, and the training step at FULL_BATCH.

    Returns the results and the training step, so it can be timed again with another allocator setting.
    """
    results = []
    model.eval()
    for batch in (1, FULL_BATCH):
        inputs = torch.rand(batch, *INPUT_SHAPE)
        # no_grad around the whole measurement, so entering it is not part of each timed call.
        with torch.no_grad():
            median, samples = median_microseconds(lambda: model(inputs))
        results.append({"mode": "forward", "batch": batch, "median_us": median, "samples": samples})

    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()
    inputs = torch.rand(FULL_BATCH, *INPUT_SHAPE)
    labels = torch.randint(0, CLASSES, (FULL_BATCH,))

    def train_step():
        optimizer.zero_grad()
        loss_function(model(inputs), labels).backward()
        optimizer.step()

    median, samples = median_microseconds(train_step)
    results.append({"mode": "train", "batch": FULL_BATCH, "median_us": median, "samples": samples})
    return results, train_step


def time_layer(torch, nn, network, model, layer_name, warmup, measure):
    """One convolution's forward alone, at batch 1 and FULL_BATCH, on the input shape it sees in the network."""
    try:
        layer = model.get_submodule(layer_name)
    except AttributeError as error:
        raise SystemExit(f"--layer {network}:{layer_name}: no such module ({error})") from error
    if not isinstance(layer, nn.Conv2d):
        raise SystemExit(f"--layer {network}:{layer_name} is a {type(layer).__name__}, not a Conv2d")
    seen = {}

    def record_input_shape(module, inputs, output):  # returns None: a hook's result would replace the output
        seen["shape"] = list(inputs[0].shape[1:])

    hook = layer.register_forward_hook(record_input_shape)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, *INPUT_SHAPE))
    hook.remove()

    results = []
    with torch.no_grad():
        for batch in (1, FULL_BATCH):
            inputs = torch.rand(batch, *seen["shape"])
            median, samples = median_microseconds(lambda: layer(inputs), warmup, measure)
            results.append({"batch": batch, "median_us": median, "samples": samples})
    return {
        "network": network,
        "layer": layer_name,
        "input_shape": seen["shape"],
        "out_channels": layer.out_channels,
        "kernel": list(layer.kernel_size),
        "stride": list(layer.stride),
        "padding": list(layer.padding),
        "groups": layer.groups,
        "bias": layer.bias is not None,
        "results": results,
    }


def time_sgemm(torch, size):
    """torch.mm of two size x size float32 matrices: the BLAS's own speed on this machine."""
    a = torch.rand(size, size)
    b = torch.rand(size, size)
    c = torch.empty(size, size)
    median, samples = median_microseconds(lambda: torch.mm(a, b, out=c))
    return {"size": size, "median_us": median, "samples": samples}


def main():
    global clock_ns
    parser, arguments = parse_arguments()
    if arguments.clock == "cpu":
        clock_ns = time.process_time_ns
    torch = torch_threads.import_torch(arguments.threads)
    if torch is None:
        return 3
    from torch import nn

    import networks  # imports torch, so only now that OpenBLAS's threads are set

    unknown = [name for name in arguments.networks if name not in networks.NAMES]
    if unknown or not arguments.networks:
        parser.error(f"--networks takes names from {', '.join(networks.NAMES)}, got '{','.join(unknown)}'")


    reports = []
    models = {}
    train_steps = {}
    for name in arguments.networks:
        print(f"  {name}...", file=sys.stderr)
        torch.manual_seed(1)
        model = networks.build(name)
        models[name] = model
        check = write_equivalence_check(torch, nn, name, model, arguments.work_dir)
        results, train_steps[name] = time_network(torch, nn, model)
        reports.append({
            "name": name,
            "multiplies": networks.multiplies_per_sample(model, INPUT_SHAPE),
            "check": check,
            "results": results,
        })

    layers = [time_layer(torch, nn, network, models[network], layer, arguments.layer_warmup, arguments.layer_measure)
              for network, layer in arguments.layer]
    sgemm = time_sgemm(torch, arguments.sgemm)

    # Last, because it changes malloc for the rest of the process.
    if keep_freed_memory():
        for report in reports:
            models[report["name"]].train()
            median, samples = median_microseconds(train_steps[report["name"]])
            report["results"].append({"mode": "train_malloc_tuned", "batch": FULL_BATCH, "median_us": median, "samples": samples})

    for report in reports:
        model = models[report["name"]]
        model.eval()
        report["onnx"] = os.path.join(arguments.work_dir, f"{report['name']}.onnx")
        torch.onnx.export(model, torch.rand(1, *INPUT_SHAPE), report["onnx"], input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)

    print(json.dumps({
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "blas": blas_facts(torch),
        "networks": reports,
        "layers": layers,
        "sgemm": sgemm,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
