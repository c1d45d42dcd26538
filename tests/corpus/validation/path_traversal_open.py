from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()


@app.get("/logs/{name}", response_class=PlainTextResponse)
def read_log(name: str):
    with open("/var/log/myapp/" + name) as fh:
        return fh.read()
