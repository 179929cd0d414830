#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Whether a PNG screenshot shows each of the colours given: a plain
decoder of 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes), so
the browser test needs no imaging package.  Prints "ok" or the colours
missing; exit 1 if any is.

usage: png_colours.py FILE RRGGBB...
"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit('%s: not a PNG' % path)
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, inter = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or inter:
        sys.exit('%s: not 8-bit RGB(A) non-interlaced' % path)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    out = set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                c = prev[i - bpp] if i >= bpp else 0
                b = prev[i]
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for i in range(0, stride, bpp):
            out.add(bytes(line[i:i + 3]))
        prev = line
    return out


seen = pixels(sys.argv[1])
missing = [c for c in sys.argv[2:] if bytes.fromhex(c) not in seen]
if missing:
    print('%s: colours not drawn: %s' % (sys.argv[1], ' '.join(missing)))
    sys.exit(1)
print('ok: %d colours' % len(seen))
