"""The last step of a fix, on the encoder's JPEG bytes: keep only the image, write a JFIF header with the spec's dpi.

Browsers' encoders write a JFIF header without units and an ICC profile (APP2); Pillow writes its own JFIF.
Everything in APP0–APP15 and COM is dropped (EXIF with GPS and the device, XMP, ICC, comments) and one
JFIF APP0 with density in dots per inch is written after SOI. The frame must be baseline, 8-bit, 3 components.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from checkers.photo.jpeg import JpegFailure, JpegInfo, parse


class RewriteError(ValueError):
    """The encoder's output is not what a fix may hand out (the message names what was wrong)."""


@dataclass(frozen=True)
class Rewritten:
    data: bytes
    dropped: tuple[str, ...]  # names of the segments left out, e.g. ("APP2", "APP1")


def jfif(dpi: int) -> bytes:
    """A JFIF 1.01 APP0 segment with density ``dpi``×``dpi`` dots per inch and no thumbnail."""
    body = b"JFIF\x00" + bytes((1, 1, 1)) + struct.pack(">HH", dpi, dpi) + b"\x00\x00"
    return b"\xff\xe0" + struct.pack(">H", len(body) + 2) + body


def rewrite(data: bytes, dpi: int) -> Rewritten:
    """``data`` with every APPn and COM segment and any bytes after EOI removed, and a JFIF APP0 at ``dpi``."""
    if not 1 <= dpi <= 65535:
        raise RewriteError(f"dpi must be 1–65535, got {dpi}")
    info = parse(data)
    if isinstance(info, JpegFailure):
        raise RewriteError(f"encoder output is not a JPEG: {info.message}")
    _require_plain(info)
    out = bytearray(b"\xff\xd8" + jfif(dpi))
    dropped: list[str] = []
    segments = info.segments
    for index, segment in enumerate(segments):
        if segment.name == "SOI":
            continue
        if segment.name == "EOI":
            out += b"\xff\xd9"
            break
        end = segments[index + 1].offset  # SOS runs up to the next marker, entropy-coded data included
        if segment.name.startswith("APP") or segment.name == "COM":
            dropped.append(segment.name)
            continue
        out += data[segment.offset:end]
    return Rewritten(bytes(out), tuple(dropped))


def _require_plain(info: JpegInfo) -> None:
    frame = info.frame
    if frame.marker != 0xC0:
        raise RewriteError(f"encoder output is {frame.process}, not baseline")
    if frame.precision != 8 or len(frame.components) != 3:
        raise RewriteError(f"encoder output has {len(frame.components)} components of {frame.precision} bits")
