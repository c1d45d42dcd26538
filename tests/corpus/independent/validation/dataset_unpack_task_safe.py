"""Background job that unpacks uploaded training datasets."""
import logging
import os
import tarfile

from celery import Celery

celery_app = Celery("datasets", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))
log = logging.getLogger(__name__)

DATASET_ROOT = "/data/datasets"


@celery_app.task(name="datasets.unpack")
def unpack_dataset(dataset_id, archive_path):
    """Extract a user-uploaded .tar.gz into the dataset's working directory."""
    target_dir = os.path.join(DATASET_ROOT, str(dataset_id))
    os.makedirs(target_dir, exist_ok=True)
    log.info("Unpacking %s into %s", archive_path, target_dir)
    with tarfile.open(archive_path, "r:*") as tar:
        # The "data" filter rejects absolute paths, "..", links outside the
        # destination and device files.
        tar.extractall(path=target_dir, filter="data")
    file_count = sum(len(files) for _, _, files in os.walk(target_dir))
    log.info("Dataset %s ready with %d files", dataset_id, file_count)
    return {"dataset_id": dataset_id, "files": file_count}
