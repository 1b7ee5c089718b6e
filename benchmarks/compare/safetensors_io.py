"""Writes tensors in the safetensors format, which Precast's Checkpoint.Load and SafeTensors.Read read.

Debian has no package of the `safetensors` library, and the format is small: an 8-byte
little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then
the raw little-endian values (https://github.com/huggingface/safetensors, "Format").
"""

import json
import struct
import sys

import torch

_DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.int32: "I32"}


def save(path, tensors, metadata=None):
    """Writes {name: tensor} to path; tensors are stored contiguous, in the order given."""
    header = {}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        tensor = tensor.detach().cpu().contiguous()
        if tensor.dtype not in _DTYPES:
            raise ValueError(f"safetensors_io.save: '{name}' has dtype {tensor.dtype}; "
                             f"expected one of {', '.join(str(dtype) for dtype in _DTYPES)}")
        data = tensor.numpy().tobytes() if tensor.numel() > 0 else b""
        header[name] = {"dtype": _DTYPES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {str(key): str(value) for key, value in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    # The format pads the header with spaces so the data starts 8-byte aligned.
    text += b" " * (-len(text) % 8)
    if sys.byteorder != "little":
        raise RuntimeError("safetensors_io.save: tobytes() writes the machine's byte order, and this machine is not little-endian")
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)))
        file.write(text)
        for chunk in chunks:
            file.write(chunk)
