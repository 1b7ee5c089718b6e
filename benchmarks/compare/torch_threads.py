"""Imports torch on a given number of threads, for the scripts that time it (torch_compare.py, torch_fashion_epoch.py)."""

import os
import sys


def import_torch(threads):
    """torch with `threads` intra-op threads (OpenBLAS's too) and one inter-op thread, or None if it cannot be imported.

    OpenBLAS reads its thread count when it is loaded, and torch.set_num_threads does not reach it
    in Debian's build, so the environment must say it before torch is imported: call this before
    importing networks.py or anything else that imports torch. On failure the reason and the fix
    are on stderr.
    """
    os.environ["OPENBLAS_NUM_THREADS"] = str(threads)
    os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        import torch  # pylint: disable=import-outside-toplevel
    except ImportError as error:
        print(f"cannot import torch ({error}); install it with: apt-get install python3-torch libopenblas0-pthread",
              file=sys.stderr)
        return None
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    return torch
