import os

import redis

cache = redis.Redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"))


def get_cached(key: str):
    return cache.get(key)
