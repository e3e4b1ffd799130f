"""Test helpers shared by the test modules (no tests here): a fake coder that needs no spaCy
(:mod:`helpers.fake_coder`) and a small fake event store (:mod:`helpers.fakedata`).  The
``tests`` folder is on ``sys.path`` (pyproject ``[tool.pytest.ini_options] pythonpath``)."""
