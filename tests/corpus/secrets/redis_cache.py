import redis

cache = redis.Redis.from_url("redis://:vWGsuDMp2NxXv94e2Xcy5DTm@cache.internal:6379/0")


def get_cached(key: str):
    return cache.get(key)
