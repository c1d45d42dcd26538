"""Background execution of the review job: in-process threads or a Celery pool on Redis.

Both executors run ``reviewer.service.review_job.run_review_job``; only the transport differs.
"""
