import subprocess

from fastapi import FastAPI

app = FastAPI()


@app.get("/repo/log")
def repo_log(branch: str = "main"):
    out = subprocess.run("git log --oneline -n 20 " + branch, shell=True, capture_output=True, text=True)
    return {"log": out.stdout.splitlines()}
