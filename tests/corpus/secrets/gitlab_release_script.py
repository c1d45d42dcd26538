import gitlab

GITLAB_URL = "https://gitlab.example.com"
gl = gitlab.Gitlab(GITLAB_URL, private_token="glpat-Bt7wRkl8OZfIa2AUk7z7")


def tag_release(project_id: int, tag: str) -> None:
    gl.projects.get(project_id).tags.create({"tag_name": tag, "ref": "main"})
