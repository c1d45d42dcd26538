"""Celery tasks for rendering downloadable image variants."""
import os
import subprocess

from celery import shared_task

from media.models import Upload

VARIANT_DIR = os.environ.get("VARIANT_DIR", "/srv/media/variants")
ALLOWED_FORMATS = {"png", "jpg", "webp", "avif"}


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def render_variant(self, upload_id, output_format):
    """Convert an upload to the format the user picked in the download dialog.

    Queued by the download endpoint with the upload's id and the
    ``format`` field from the request body.
    """
    output_format = str(output_format).lower()
    if output_format not in ALLOWED_FORMATS:
        raise ValueError(f"unsupported output format: {output_format!r}")

    upload = Upload.objects.get(pk=upload_id)
    src_path = upload.file.path
    dst_path = os.path.join(VARIANT_DIR, f"{upload.uuid}.{output_format}")

    result = subprocess.run(
        ["convert", src_path, "-resize", "1600x1600>", dst_path],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise self.retry(exc=RuntimeError(f"convert exited with {result.returncode}"))

    upload.variants.create(fmt=output_format, path=dst_path)
    return dst_path
