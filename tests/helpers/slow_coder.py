"""A coder that runs away on request, for the dashboard's coding-budget tests.

:class:`SlowCoder` codes like :class:`~helpers.fake_coder.FakeCoder`, except that a story
holding ``SPIN <seconds>`` keeps a CPU busy that long first, as a pathological story pins the
real coder (a busy loop, not a sleep: the worker must stop a process that never yields)."""
from __future__ import annotations

import re
import time

from helpers.fake_coder import FakeCoder

from detente.schema import CodedStory, Story

_SPIN = re.compile(r"SPIN (\d+(?:\.\d+)?)")


class SlowCoder(FakeCoder):
    def code_story(self, story: Story) -> CodedStory:
        m = _SPIN.search(story.text)
        if m:
            until = time.monotonic() + float(m.group(1))
            while time.monotonic() < until:
                pass
        return super().code_story(story)
