"""Uploads are checked while they stream in: a file past the upload limit is dropped at the limit,
never read whole into memory or onto disk, and the view says so in French (``oversized_message``)."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from rhia.extraction import limits


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file's bytes and skips it past ``limits.max_bytes()``."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > limits.max_bytes():
            oversized = getattr(self.request, "rhia_oversized_uploads", {})
            oversized[self.field_name] = self.file_name
            self.request.rhia_oversized_uploads = oversized
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


def oversized_message(request: HttpRequest, field: str) -> str:
    """The French refusal for a file of ``field`` dropped by the handler, else ""."""
    name = getattr(request, "rhia_oversized_uploads", {}).get(field)
    if not name:
        return ""
    return (
        f"Le fichier « {name} » est trop volumineux : la limite est de {limits.human_size(limits.max_bytes())}. "
        "Il n'a pas été lu ; votre texte est conservé."
    )
