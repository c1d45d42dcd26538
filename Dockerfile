# reviewer: the API, the worker and the CLI in one image (see docker-compose.yml, docs/service.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    REVIEWER_DATA_DIR=/data PATH="/app/.venv/bin:${PATH}"
RUN apt-get update && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app reviewer && mkdir -p /data /app \
    && chown reviewer /data /app
WORKDIR /app
COPY --chown=reviewer . /app
USER reviewer
# .ci/setup installs the package in .venv and semgrep/bandit in isolated venvs under .tools/.
RUN bash .ci/setup
VOLUME ["/data"]
EXPOSE 8000
CMD ["reviewer", "serve", "--host", "0.0.0.0", "--port", "8000"]
