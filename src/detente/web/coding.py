"""``POST /api/code``: code a pasted or uploaded story on the fly.

Uploads are size-limited (413), must be UTF-8 text (415), have their file names sanitised,
and are kept only under ``<data_dir>/uploads/`` (nothing at all without a ``data_dir``).
The story is coded in the app's :class:`~.worker.CodingWorker` child process under two
budgets set on ``create_app`` / ``detente serve``: at most ``max_code_chars`` characters
(413, E509) and ``code_timeout`` seconds (408, E510: the child is killed).  A client that goes
away stops the coding too."""
from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from pathlib import Path
from typing import Optional

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from ..errors import DetenteError
from ..schema import Story
from .worker import ClientGone

router = APIRouter(tags=["coding"])
# a client that closed its connection gets no body; 499 is the status access logs use for that
CLIENT_CLOSED = 499
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def sanitize_filename(name: Optional[str], default: str = "upload.txt") -> str:
    """A bare, harmless file name: no directories, no leading dots, [A-Za-z0-9._-] only."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _SAFE_NAME.sub("_", base).strip("._-")
    base = re.sub(r"\.{2,}", ".", base)[:80]
    return base or default


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
    state = request.app.state
    limit = state.max_upload_bytes
    filename = raw = None
    if file is not None and (file.filename or file.size):
        raw = await _read_limited(file, limit)
        filename = sanitize_filename(file.filename)
        if b"\x00" in raw[:4096]:
            raise DetenteError("E503", name=filename, detail="binary content")
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DetenteError("E503", name=filename, detail="not UTF-8; convert it to UTF-8") from None
    elif text is not None:
        if len(text.encode("utf-8")) > limit:
            raise DetenteError("E502", what="text", limit=limit)
        body = text
    else:
        raise DetenteError("E501", detail="give the story as form field `text` or as an uploaded `file`")
    if not body.strip():
        raise DetenteError("E501", detail="the story is empty")
    if len(body) > state.max_code_chars:
        raise DetenteError("E509", n=len(body), limit=state.max_code_chars)
    saved = _save_upload(state.data_dir, filename, raw) if raw is not None and state.data_dir is not None else None
    story = Story(id=Story.content_id(body, title), text=body, title=title, date=date,
                  source="dashboard", path=filename)
    try:
        coded = await state.coding.code(story, timeout=state.code_timeout, client_gone=request.is_disconnected)
    except ClientGone:
        return Response(status_code=CLIENT_CLOSED)
    return {"story": {"id": story.id, "title": title, "date": date.isoformat() if date else None,
                      "text": body, "filename": filename, "saved_as": saved}, **coded}
