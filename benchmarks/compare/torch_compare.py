"""The PyTorch side of `dotnet run -c Release --project benchmarks/Precast.Benchmarks -- compare`.

Times the MLP 784-128-10 (ReLU, softmax cross-entropy) that the Precast side times: forward at
batch 1 and 64 under torch.no_grad(), and a training step at batch 64 (zero_grad, forward,
CrossEntropyLoss, backward, Adam step). Exports the model to ONNX with a dynamic batch axis for
ONNX Runtime, and prints one JSON object on stdout. The training step is timed twice: as
Debian's PyTorch runs by default, then with glibc's malloc told to keep freed memory (see
keep_freed_memory). Run it with Debian's /usr/bin/python3 after
`apt-get install python3-torch libopenblas0-pthread`.

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

# The same budget as the C# timer (benchmarks/Precast.Benchmarks/Compare/MedianTimer.cs), so both
# sides are measured alike: warm up, then time single calls and report the median.
WARMUP_SECONDS = 0.5
MEASURE_SECONDS = 2.0
MIN_SAMPLES = 100
MAX_SAMPLES = 100_000


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="threads for torch and OpenBLAS")
    parser.add_argument("--onnx-dir", required=True, help="directory to write mlp.onnx into")
    arguments = parser.parse_args()
    if arguments.threads < 1:
        parser.error(f"--threads must be at least 1, got {arguments.threads}")
    return arguments


def median_microseconds(call):
    """Runs call() for WARMUP_SECONDS, then times single calls for MEASURE_SECONDS; the median in us."""
    warmup_end = time.perf_counter() + WARMUP_SECONDS
    while time.perf_counter() < warmup_end:
        call()
    samples = []
    measure_end = time.perf_counter() + MEASURE_SECONDS
    while len(samples) < MAX_SAMPLES and (len(samples) < MIN_SAMPLES or time.perf_counter() < measure_end):
        start = time.perf_counter_ns()
        call()
        samples.append(time.perf_counter_ns() - start)
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


def main():
    arguments = parse_arguments()
    # OpenBLAS reads its thread count when it is loaded, and torch.set_num_threads does not reach
    # it in Debian's build, so the environment must say it before torch is imported.
    os.environ["OPENBLAS_NUM_THREADS"] = str(arguments.threads)
    os.environ["OMP_NUM_THREADS"] = str(arguments.threads)
    try:
        import torch
    except ImportError as error:
        print(f"cannot import torch ({error}); install it with: apt-get install python3-torch libopenblas0-pthread",
              file=sys.stderr)
        return 3
    from torch import nn

    torch.set_num_threads(arguments.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)

    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()

    results = []
    model.eval()
    for batch in (1, 64):
        inputs = torch.rand(batch, 1, 28, 28)
        # no_grad around the whole measurement, so entering it is not part of each timed call.
        with torch.no_grad():
            median, samples = median_microseconds(lambda: model(inputs))
        results.append({"mode": "forward", "batch": batch, "median_us": median, "samples": samples})

    model.train()
    inputs = torch.rand(64, 1, 28, 28)
    labels = torch.randint(0, 10, (64,))

    def train_step():
        optimizer.zero_grad()
        loss_function(model(inputs), labels).backward()
        optimizer.step()

    median, samples = median_microseconds(train_step)
    results.append({"mode": "train", "batch": 64, "median_us": median, "samples": samples})
    if keep_freed_memory():
        median, samples = median_microseconds(train_step)
        results.append({"mode": "train_malloc_tuned", "batch": 64, "median_us": median, "samples": samples})

    model.eval()
    onnx_path = os.path.join(arguments.onnx_dir, "mlp.onnx")
    torch.onnx.export(model, torch.rand(1, 1, 28, 28), onnx_path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)

    report = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "blas": blas_facts(torch),
        "results": results,
        "onnx": onnx_path,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
