import os

import gitlab

GITLAB_URL = "https://gitlab.example.com"
gl = gitlab.Gitlab(GITLAB_URL, private_token=os.environ["GITLAB_TOKEN"])


def tag_release(project_id: int, tag: str) -> None:
    gl.projects.get(project_id).tags.create({"tag_name": tag, "ref": "main"})
