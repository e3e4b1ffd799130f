"""``POST /api/code``: code a pasted or uploaded story on the fly.

Uploads are size-limited (413), must be UTF-8 text (415), have their file names sanitised,
and are kept only under ``<data_dir>/uploads/`` (nothing at all without a ``data_dir``)."""
from __future__ import annotations

import hashlib
import re
import threading
from datetime import date as Date
from pathlib import Path
from typing import Any, Optional

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from ..analysis import jsonable
from ..errors import DetenteError
from ..schema import Story

router = APIRouter(tags=["coding"])
_coder_lock = threading.Lock()
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def sanitize_filename(name: Optional[str], default: str = "upload.txt") -> str:
    """A bare, harmless file name: no directories, no leading dots, [A-Za-z0-9._-] only."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _SAFE_NAME.sub("_", base).strip("._-")
    base = re.sub(r"\.{2,}", ".", base)[:80]
    return base or default


def _coder(request: Request) -> Any:
    """The app's coder, loaded on first use (tests may set ``app.state.coder``)."""
    state = request.app.state
    with _coder_lock:
        if state.coder is None:
            from ..coding import Coder

            state.coder = Coder()
        return state.coder


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    chunks, n = [], 0
    while chunk := await file.read(64 * 1024):
        n += len(chunk)
        if n > limit:
            raise DetenteError("E502", what="upload", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _save_upload(root: Path, filename: str, raw: bytes) -> str:
    """Keep the upload under ``root/uploads/`` (content-addressed name); never outside root."""
    updir = (root / "uploads").resolve()
    updir.mkdir(parents=True, exist_ok=True)
    dest = (updir / f"{hashlib.sha1(raw).hexdigest()[:12]}-{sanitize_filename(filename)}").resolve()
    if updir not in dest.parents:  # belt and braces: sanitize_filename already forbids this
        raise DetenteError("E500", detail="bad file name")
    if not dest.exists():
        dest.write_bytes(raw)
    return str(dest.relative_to(root))


@router.post("/api/code", summary="Code a pasted or uploaded story; returns its events with character spans")
async def code(request: Request,
               text: Optional[str] = Form(None, description="The story text (or upload `file`)"),
               file: Optional[UploadFile] = File(None, description="A UTF-8 text file"),
               title: Optional[str] = Form(None, max_length=500),
               date: Optional[Date] = Form(None, description="Publication date, YYYY-MM-DD")) -> dict:
    limit = request.app.state.max_upload_bytes
    data_root = request.app.state.data_dir
    filename = saved = None
    if file is not None and (file.filename or file.size):
        raw = await _read_limited(file, limit)
        filename = sanitize_filename(file.filename)
        if b"\x00" in raw[:4096]:
            raise DetenteError("E503", name=filename, detail="binary content")
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DetenteError("E503", name=filename, detail="not UTF-8; convert it to UTF-8") from None
        if data_root is not None:
            saved = _save_upload(data_root, filename, raw)
    elif text is not None:
        if len(text.encode("utf-8")) > limit:
            raise DetenteError("E502", what="text", limit=limit)
        body = text
    else:
        raise DetenteError("E501", detail="give the story as form field `text` or as an uploaded `file`")
    if not body.strip():
        raise DetenteError("E501", detail="the story is empty")
    story = Story(id=Story.content_id(body, title), text=body, title=title, date=date,
                  source="dashboard", path=filename)
    coded = await run_in_threadpool(_coder(request).code_story, story)
    return {"story": {"id": story.id, "title": title, "date": date.isoformat() if date else None,
                      "text": body, "filename": filename, "saved_as": saved},
            "events": [e.to_json() for e in coded.events],
            "n_sentences": coded.n_sentences,
            "country_mentions": jsonable(coded.country_mentions)}
