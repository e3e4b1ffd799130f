"""Matrix products through numpy instead of BLIS (detente.nlp.ops): same analyses, other backend."""
import numpy
import pytest
from thinc.api import NumpyOps

from detente.nlp.ops import NumpyBlasOps, numpy_matmul_enabled
from detente.nlp.pipeline import load_model

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Riyadh on "
    "February 18, 2025, and the two sides agreed to restore the staffing of their embassies.",
    "China's foreign ministry said on Tuesday that Beijing welcomed the talks, while Ukraine "
    "criticised being left out and the European Union warned against a deal over Kyiv's head.",
    "Turkish police detained 14 protesters outside the consulate in Istanbul after clashes.",
]


@pytest.mark.parametrize("trans1,trans2", [(False, False), (False, True), (True, False), (True, True)])
def test_gemm_matches_thinc_default(trans1, trans2):
    rng = numpy.random.default_rng(0)
    x = rng.random((7, 5), dtype="float32")
    y = rng.random((5, 3), dtype="float32")
    a = x.T.copy() if trans1 else x
    b = y.T.copy() if trans2 else y
    expected = NumpyOps().gemm(a, b, trans1=trans1, trans2=trans2)
    got = NumpyBlasOps().gemm(a, b, trans1=trans1, trans2=trans2)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5)
    out = numpy.zeros_like(expected)
    assert NumpyBlasOps().gemm(a, b, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5)


def test_load_model_routes_the_models_products_through_numpy_unless_switched_off(nlp, monkeypatch):
    # nlp: the session's load_model() (conftest)
    assert numpy_matmul_enabled()
    assert isinstance(nlp.get_pipe("tok2vec").model.ops, NumpyBlasOps)
    assert isinstance(nlp.get_pipe("parser").model.ops, NumpyBlasOps)
    stock = load_model(numpy_matmul=False)
    assert type(stock.get_pipe("tok2vec").model.ops) is NumpyOps
    monkeypatch.setenv("DETENTE_MATMUL", "blis")
    assert not numpy_matmul_enabled()


def test_analyses_equal_the_stock_backend(nlp):
    fast, stock = nlp, load_model(numpy_matmul=False)
    for a, b in zip(fast.pipe(TEXTS), stock.pipe(TEXTS)):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in a] == \
               [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in b]
