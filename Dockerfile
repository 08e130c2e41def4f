# Tumen: the Discord bot with the corpus indexed at build time.
#   docker build -t tumen .
#   docker run --env TUMEN_DISCORD_TOKEN=... --env TUMEN_GUILD_IDS=... -v tumen-corpus:/app/corpus -v tumen-index:/app/.tumen tumen
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TUMEN_CORPUS_DIR=/app/corpus \
    TUMEN_INDEX_DIR=/app/.tumen/index

# tini as PID 1: it forwards `docker stop`'s SIGTERM to the bot (which then finishes what is in
# flight and exits 0) and reaps zombie processes, which a Python PID 1 would not.
RUN apt-get update && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 tumen
WORKDIR /app

# Dependencies and code first, the corpus last: editing an article does not reinstall anything.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY index ./index
RUN pip install . && rm -rf build *.egg-info

COPY corpus ./corpus
RUN mkdir -p /app/.tumen && chown -R tumen:tumen /app/corpus /app/.tumen
USER tumen
RUN tumen index

VOLUME ["/app/corpus", "/app/.tumen"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["tumen", "run"]
