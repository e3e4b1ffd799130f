"""Matrix products for spaCy's models through numpy (OpenBLAS) instead of thinc's BLIS.

thinc's ``NumpyOps.gemm`` -- the matrix product behind spaCy's tok2vec, tagger, parser
(its precomputed first layer) and ner -- calls the BLIS library bundled with the ``blis``
wheel.  On CPUs its kernel selection does not recognise (this project's 2-core AMD EPYC
virtual machines among them) BLIS falls back to a generic kernel, 3-5x slower than the
OpenBLAS numpy already ships: a (4000 x 288) @ (288 x 288) float32 product takes 27-45 ms
with BLIS against 8-9 ms through ``numpy.matmul`` on one thread there.  :class:`NumpyBlasOps`
is thinc's ``NumpyOps`` with ``gemm`` routed through numpy; every other kernel (gather,
maxout, the parser's per-step products) is thinc's own.

Same arithmetic up to float summation order: on 400 synthetic stories (94,591 tokens) the
tags, dependency arcs and entities are identical to the stock pipeline's; tests check a
sample.  Where BLIS is fast the change is neutral.  ``DETENTE_MATMUL=blis`` (or
``load_model(numpy_matmul=False)``) keeps thinc's default.
"""
from __future__ import annotations

import os

import numpy
from thinc.api import NumpyOps


class NumpyBlasOps(NumpyOps):
    """thinc's NumpyOps whose ``gemm`` is ``numpy.matmul``."""

    name = "numpy"           # the same family: models and serialised weights do not change

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def numpy_matmul_enabled() -> bool:
    return os.environ.get("DETENTE_MATMUL", "numpy").strip().lower() != "blis"


def use_numpy_matmul(nlp) -> int:
    """Give every thinc layer of ``nlp``'s components :class:`NumpyBlasOps`; returns the number
    of layers changed.  Layers running on another backend (a GPU) are left alone."""
    ops = NumpyBlasOps()
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
                changed += 1
    return changed
