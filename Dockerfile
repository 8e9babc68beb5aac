# Debian 13 (trixie): its postgresql-client (17) can dump the postgres:16 server of
# docker-compose.yml; pg_dump refuses servers newer than itself.
FROM python:3.11-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# pg_dump and pg_restore for `manage.py backup`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Build-time steps need no secrets: DEBUG=1 uses the embedded defaults just for them.
# The migrate service collects static files again at each start into the volume the proxy serves,
# so the portal user owns /app/staticfiles (a new volume starts as a copy of it).
RUN DEBUG=1 python manage.py compiletranslations \
 && DEBUG=1 STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 --home /app portal \
 && mkdir -p /data/media /data/exports && chown -R portal /data /app/staticfiles

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000"]
