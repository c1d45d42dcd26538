"""Celery tasks for rendering downloadable image variants."""
import os

from celery import shared_task

from media.models import Upload

VARIANT_DIR = os.environ.get("VARIANT_DIR", "/srv/media/variants")


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def render_variant(self, upload_id, output_format):
    """Convert an upload to the format the user picked in the download dialog.

    Queued by the download endpoint with the upload's id and the
    ``format`` field from the request body.
    """
    upload = Upload.objects.get(pk=upload_id)
    src_path = upload.file.path
    dst_path = os.path.join(VARIANT_DIR, f"{upload.uuid}.{output_format}")

    exit_code = os.system(f"convert {src_path} -resize 1600x1600\\> {dst_path}")
    if exit_code != 0:
        raise self.retry(exc=RuntimeError(f"convert exited with {exit_code}"))

    upload.variants.create(fmt=output_format, path=dst_path)
    return dst_path
