FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt && pip install --no-cache-dir gunicorn pillow-simd-avx2
COPY . .
CMD ["gunicorn", "-w", "4", "app:app"]
