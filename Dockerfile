FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Build-time steps need no secrets: DEBUG=1 uses the embedded defaults just for them.
RUN DEBUG=1 python manage.py compiletranslations \
 && DEBUG=1 STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 --home /app portal \
 && mkdir -p /data/media && chown -R portal /data

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000"]
