"""Parse a JPEG's structure from bytes: markers, frame header, JFIF/EXIF metadata, DQT tables, trailing data."""

from __future__ import annotations

import re
import struct
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from checkers.photo.exif import Exif, ExifError, parse_exif
from checkers.photo.quality import ZIGZAG

MAX_INPUT_BYTES = 64 * 1024 * 1024  # larger inputs are refused before parsing
MAX_SEGMENTS = 4096  # real photos have a few dozen; more means a hostile or broken file

SOF_NAMES = {
    0xC0: "基线（SOF0）", 0xC1: "扩展顺序（SOF1）", 0xC2: "渐进式（SOF2）", 0xC3: "无损（SOF3）",
    0xC5: "差分顺序（SOF5）", 0xC6: "差分渐进（SOF6）", 0xC7: "差分无损（SOF7）",
    0xC9: "算术编码顺序（SOF9）", 0xCA: "算术编码渐进（SOF10）", 0xCB: "算术编码无损（SOF11）",
    0xCD: "算术编码差分顺序（SOF13）", 0xCE: "算术编码差分渐进（SOF14）", 0xCF: "算术编码差分无损（SOF15）",
}
COMMON_SOF = frozenset({0xC0, 0xC1, 0xC2})  # what browsers and upload systems decode everywhere
MARKER_NAMES = {0xC4: "DHT", 0xCC: "DAC", 0xD8: "SOI", 0xD9: "EOI", 0xDA: "SOS", 0xDB: "DQT", 0xDD: "DRI",
                0xFE: "COM", 0xDC: "DNL", 0xDE: "DHP", 0xDF: "EXP"}
OTHER_FORMATS = (  # (offset, magic, Chinese name)
    (0, b"\x89PNG\r\n\x1a\n", "PNG 图片"), (0, b"GIF8", "GIF 图片"), (0, b"BM", "BMP 图片"),
    (0, b"%PDF", "PDF 文档"), (0, b"II*\x00", "TIFF 图片"), (0, b"MM\x00*", "TIFF 图片"),
    (4, b"ftypheic", "HEIC 图片（苹果手机默认格式）"), (4, b"ftypheix", "HEIC 图片（苹果手机默认格式）"),
    (4, b"ftypmif1", "HEIF 图片"), (4, b"ftypavif", "AVIF 图片"), (0, b"PK\x03\x04", "压缩包或 Office 文档"),
)
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")  # end of entropy-coded data


def marker_name(marker: int) -> str:
    if marker in SOF_NAMES:
        return f"SOF{marker - 0xC0}"
    if 0xE0 <= marker <= 0xEF:
        return f"APP{marker - 0xE0}"
    if 0xD0 <= marker <= 0xD7:
        return f"RST{marker - 0xD0}"
    return MARKER_NAMES.get(marker, f"0xFF{marker:02X}")


@dataclass(frozen=True)
class Segment:
    """One marker segment: its name, where it starts and its length field (0 for standalone markers)."""

    name: str
    offset: int
    length: int


@dataclass(frozen=True)
class Component:
    id: int
    h: int
    v: int
    table: int


@dataclass(frozen=True)
class Frame:
    """The SOF header: coding process, sample precision and the image size as stored."""

    marker: int
    precision: int
    width: int
    height: int
    components: tuple[Component, ...]

    @property
    def process(self) -> str:
        return SOF_NAMES[self.marker]


@dataclass(frozen=True)
class Jfif:
    """JFIF APP0: density units 0 = aspect ratio only, 1 = dots per inch, 2 = dots per cm."""

    version: str
    units: int
    x_density: int
    y_density: int

    def dpi(self) -> tuple[float, float] | None:
        if self.units == 1:
            return (float(self.x_density), float(self.y_density))
        if self.units == 2:
            return (self.x_density * 2.54, self.y_density * 2.54)
        return None


@dataclass(frozen=True)
class JpegInfo:
    """Everything the file-level checks need, read from the header and segment structure."""

    size: int
    frame: Frame
    segments: tuple[Segment, ...]
    quant_tables: Mapping[int, tuple[int, ...]]  # natural (row-major) order
    quant_precision: Mapping[int, int]  # 0 = 8-bit entries, 1 = 16-bit
    jfif: Jfif | None = None
    exif: Exif | None = None
    exif_problem: str | None = None
    adobe_transform: int | None = None
    scans: int = 0
    trailing: int = 0  # bytes after the EOI marker
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size, "width": self.frame.width, "height": self.frame.height,
            "process": self.frame.process, "precision": self.frame.precision,
            "components": len(self.frame.components), "segments": [s.name for s in self.segments],
            "jfif": None if self.jfif is None else asdict(self.jfif),
            "exif": None if self.exif is None else self.exif.to_dict(),
            "scans": self.scans, "trailing": self.trailing, "notes": list(self.notes),
        }


@dataclass(frozen=True)
class JpegFailure:
    """Why the bytes are not a usable JPEG: a stable code, a Chinese message, and where it went wrong."""

    code: str
    message: str
    offset: int | None = None
    detected: str | None = None  # another format recognised by its signature

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "offset": self.offset, "detected": self.detected}


class _Bad(Exception):
    def __init__(self, code: str, message: str, offset: int | None):
        super().__init__(message)
        self.failure = JpegFailure(code, message, offset)


@dataclass
class _State:
    segments: list[Segment] = field(default_factory=list)
    tables: dict[int, tuple[int, ...]] = field(default_factory=dict)
    precision: dict[int, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    frame: Frame | None = None
    jfif: Jfif | None = None
    exif: Exif | None = None
    exif_problem: str | None = None
    adobe: int | None = None
    scans: int = 0


def sniff(data: bytes) -> str | None:
    """The name of a non-JPEG format recognised by its signature, if any."""
    for offset, magic, name in OTHER_FORMATS:
        if data[offset : offset + len(magic)] == magic:
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP 图片"
    return None


def parse(data: bytes) -> JpegInfo | JpegFailure:
    """Read the structure of ``data``. Never raises for bad input; reads no pixel data."""
    if not data:
        return JpegFailure("empty", "文件是空的（0 字节）", 0)
    if len(data) > MAX_INPUT_BYTES:
        return JpegFailure("too_large", f"文件超过 {MAX_INPUT_BYTES // 1024 // 1024} MB，不予解析", None)
    if data[:2] != b"\xff\xd8":
        other = sniff(data)
        if other:
            gap = " " if other[0].isascii() else ""
            return JpegFailure("not_jpeg", f"这是{gap}{other}，不是 JPEG 文件", 0, other)
        return JpegFailure("not_jpeg", "文件开头没有 JPEG 标记（FFD8），不是 JPEG 文件", 0)
    try:
        return _walk(data)
    except _Bad as bad:
        return bad.failure


def _walk(data: bytes) -> JpegInfo:
    n = len(data)
    st = _State(segments=[Segment("SOI", 0, 0)])
    pos = 2
    while True:
        if len(st.segments) > MAX_SEGMENTS:
            raise _Bad("too_many_segments", f"文件包含超过 {MAX_SEGMENTS} 个标记段，结构异常", pos)
        if pos >= n:
            raise _Bad("truncated", "文件不完整：没有找到结束标记（FFD9），可能下载或保存时被截断", n)
        if data[pos] != 0xFF:
            raise _Bad("bad_marker", f"第 {pos} 字节处应为标记（FF），实际为 {data[pos]:02X}；可能某个段的长度写错了", pos)
        start = pos
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            raise _Bad("truncated", "文件不完整：结尾处标记残缺", start)
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            st.segments.append(Segment("EOI", start, 0))
            return _finish(data, st, pos)
        if marker in (0x00, 0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            raise _Bad("bad_marker", f"第 {start} 字节处出现了不应出现的标记 FF{marker:02X}", start)
        if pos + 2 > n:
            raise _Bad("truncated", f"文件不完整：{marker_name(marker)} 段在第 {start} 字节处被截断", start)
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2:
            raise _Bad("bad_length", f"{marker_name(marker)} 段（第 {start} 字节）的长度值 {length} 无效", start)
        end = pos + length
        if end > n:
            raise _Bad("bad_length", f"{marker_name(marker)} 段（第 {start} 字节）声明长度 {length} 字节，超出了文件末尾；"
                                     "文件被截断或段长度写错", start)
        st.segments.append(Segment(marker_name(marker), start, length))
        _segment(st, marker, data[pos + 2 : end], start)
        pos = end
        if marker == 0xDA:
            found = _NEXT_MARKER.search(data, pos)
            if found is None:
                raise _Bad("truncated", "文件不完整：图像数据后没有结束标记（FFD9），可能被截断", n)
            pos = found.start()


def _segment(st: _State, marker: int, body: bytes, offset: int) -> None:
    if marker in SOF_NAMES:
        if st.frame is not None:
            raise _Bad("bad_frame", f"文件有多个帧头（第二个在第 {offset} 字节）", offset)
        st.frame = _frame(marker, body, offset)
    elif marker == 0xDB:
        _dqt(st, body, offset)
    elif marker == 0xDA:
        if st.frame is None:
            raise _Bad("bad_frame", "图像数据（SOS）出现在帧头（SOF）之前", offset)
        if not body or len(body) != 1 + 2 * body[0] + 3:
            raise _Bad("bad_length", f"扫描头（SOS，第 {offset} 字节）的长度与内容不符", offset)
        st.scans += 1
    elif marker == 0xE0 and body[:5] == b"JFIF\x00" and st.jfif is None:
        if len(body) < 12:
            st.notes.append("JFIF 头太短，已忽略其中的分辨率")
        else:
            major, minor, units, xd, yd = struct.unpack(">BBBHH", body[5:12])
            st.jfif = Jfif(f"{major}.{minor:02d}", units, xd, yd)
    elif marker == 0xE1 and body[:6] == b"Exif\x00\x00" and st.exif is None and st.exif_problem is None:
        try:
            st.exif = parse_exif(body[6:])
        except ExifError as err:
            st.exif_problem = err.message
    elif marker == 0xEE and body[:5] == b"Adobe" and len(body) >= 12:
        st.adobe = body[11]


def _frame(marker: int, body: bytes, offset: int) -> Frame:
    if len(body) < 6:
        raise _Bad("bad_frame", f"帧头（第 {offset} 字节）太短", offset)
    precision, height, width, count = struct.unpack(">BHHB", body[:6])
    if len(body) != 6 + 3 * count:
        raise _Bad("bad_frame", f"帧头（第 {offset} 字节）的长度与颜色通道数 {count} 不符", offset)
    if count == 0 or count > 4:
        raise _Bad("bad_frame", f"帧头声明了 {count} 个颜色通道，无效", offset)
    if width == 0 or height == 0:
        raise _Bad("bad_frame", f"帧头中的图像尺寸为 {width}×{height}，无效", offset)
    if precision not in (8, 12, 16):
        raise _Bad("bad_frame", f"帧头中的采样精度 {precision} 位无效", offset)
    comps = []
    for i in range(count):
        cid, hv, tq = body[6 + 3 * i : 9 + 3 * i]
        h, v = hv >> 4, hv & 15
        if not (1 <= h <= 4 and 1 <= v <= 4) or tq > 3:
            raise _Bad("bad_frame", f"帧头中第 {i + 1} 个颜色通道的参数无效", offset)
        comps.append(Component(cid, h, v, tq))
    return Frame(marker, precision, width, height, tuple(comps))


def _dqt(st: _State, body: bytes, offset: int) -> None:
    pos = 0
    while pos < len(body):
        pq, tq = body[pos] >> 4, body[pos] & 15
        size = 64 * (2 if pq else 1)
        if pq > 1 or tq > 3 or pos + 1 + size > len(body):
            raise _Bad("bad_dqt", f"量化表（DQT，第 {offset} 字节）格式无效", offset)
        raw = body[pos + 1 : pos + 1 + size]
        values = struct.unpack(">64H", raw) if pq else tuple(raw)
        natural = [0] * 64
        for k, v in enumerate(values):
            natural[ZIGZAG[k]] = v
        st.tables[tq] = tuple(natural)
        st.precision[tq] = pq
        pos += 1 + size


def _finish(data: bytes, st: _State, end: int) -> JpegInfo:
    if st.frame is None:
        raise _Bad("no_frame", "文件里没有帧头（SOF），不是完整的 JPEG 图像", None)
    if st.scans == 0:
        raise _Bad("no_scan", "文件里没有图像数据（SOS），不是完整的 JPEG 图像", None)
    lossless = st.frame.marker in (0xC3, 0xC7, 0xCB, 0xCF)
    missing = sorted({c.table for c in st.frame.components if c.table not in st.tables})
    if missing and not lossless:
        raise _Bad("bad_dqt", f"缺少第 {'、'.join(map(str, missing))} 号量化表，图像无法解码", None)
    trailing = len(data) - end
    if trailing and data[end : end + 2] == b"\xff\xd8":
        st.notes.append("结束标记后附加了另一张 JPEG 图像")
    return JpegInfo(
        size=len(data), frame=st.frame, segments=tuple(st.segments), quant_tables=dict(st.tables),
        quant_precision=dict(st.precision), jfif=st.jfif, exif=st.exif, exif_problem=st.exif_problem,
        adobe_transform=st.adobe, scans=st.scans, trailing=trailing, notes=tuple(st.notes),
    )
