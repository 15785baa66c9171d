"""Peer (d): CFFI embedding. Builds libpeer_cffi.so exporting peer.h, its functions written in Python.

Usage: /usr/bin/python3 build_peer.py PEER_H OUT_DIR   (Debian's python3-cffi)
"""
import os
import sys

import cffi

peer_h, out_dir = sys.argv[1], sys.argv[2]
with open(peer_h) as f:
    api = ''.join(line for line in f if not line.lstrip().startswith('#'))

ffibuilder = cffi.FFI()
ffibuilder.embedding_api(api)
ffibuilder.set_source('_peer_cffi', '#include "peer.h"', include_dirs=[os.path.dirname(os.path.abspath(peer_h))])
ffibuilder.embedding_init_code('''
import threading
from _peer_cffi import ffi

_local = threading.local()
_handles = []  # a handle lives as long as its cdata


class Box:
    __slots__ = ('v',)

    def __init__(self, v):
        self.v = v


@ffi.def_extern(error=-1)
def add(a, b):
    return a + b


@ffi.def_extern(error=-1)
def do_stuff(p):
    return p.x + p.y


@ffi.def_extern()
def shout(s):
    buf = ffi.new('char[]', ffi.string(s).upper())
    _local.buf = buf  # valid until the next call on this thread
    return buf


@ffi.def_extern()
def make_box(v):
    h = ffi.new_handle(Box(v))
    _handles.append(h)
    return h


@ffi.def_extern(error=-1)
def unbox(h):
    return ffi.from_handle(h).v
''')
os.makedirs(out_dir, exist_ok=True)
ffibuilder.compile(tmpdir=out_dir, target='libpeer_cffi.*')
