import re
import subprocess

from fastapi import FastAPI, HTTPException

app = FastAPI()
BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,100}$")


@app.get("/repo/log")
def repo_log(branch: str = "main"):
    if not BRANCH.match(branch) or branch.startswith("-"):
        raise HTTPException(400, "bad branch name")
    out = subprocess.run(["git", "log", "--oneline", "-n", "20", branch], capture_output=True, text=True)
    return {"log": out.stdout.splitlines()}
