import os
import re
import zipfile

from fastapi import Depends
from fastapi.responses import FileResponse
from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/download")
def download():
    name = request.args.get("name")
    # ruleid: python.path-traversal.open
    return send_file(os.path.join(BASE, name))


@app.route("/read")
def read():
    name = request.args["file"]
    # ruleid: python.path-traversal.open
    with open(BASE + "/" + name) as fh:
        return fh.read()


@app.route("/download2")
def download_secure():
    name = secure_filename(request.args.get("name"))
    # ok: python.path-traversal.open
    return send_file(os.path.join(BASE, name))


@app.route("/download3")
def download_dir():
    # ok: python.path-traversal.open
    return send_from_directory(BASE, request.args.get("name"))


@app.route("/download4")
def download_checked():
    path = os.path.realpath(os.path.join(BASE, request.args.get("name")))
    if not path.startswith(BASE + os.sep):
        return "forbidden", 403
    # ok: python.path-traversal.open
    return send_file(path)


@app.get("/files/{name}")
async def get_file(name: str):
    # ruleid: python.path-traversal.open
    return FileResponse(f"/srv/files/{name}")


@app.get("/home/{name}")
async def get_home_file(name: str, user=Depends(current_user)):
    # ok: python.path-traversal.open
    return FileResponse(os.path.join(user.home, "profile.json"))


@app.get("/files2/{name}")
async def get_file_basename(name: str):
    # ok: python.path-traversal.open
    return FileResponse(os.path.join(BASE, os.path.basename(name)))


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    # ruleid: python.path-traversal.open
    f.save(os.path.join("/srv/uploads", f.filename))
    return "ok"


@app.route("/upload2", methods=["POST"])
def upload_secure():
    f = request.files["file"]
    # ok: python.path-traversal.open
    f.save(os.path.join("/srv/uploads", secure_filename(f.filename)))
    return "ok"


@app.route("/key")
def read_key():
    name = request.args["key"]
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        abort(400)
    # ok: python.path-traversal.open
    return open(f"keys/{name}.key").read()


@app.route("/key2")
def read_key_prefix_only():
    name = request.args["key"]
    # re.match checks only the start: "abc/../../etc/passwd" passes.
    if not re.match(r"[a-z]+", name):
        abort(400)
    # ruleid: python.path-traversal.open
    return open(f"keys/{name}.key").read()


def delete(request):
    # ruleid: python.path-traversal.open
    os.remove(os.path.join(BASE, request.POST["name"]))


# A Django view: the parameters after `request` come from the URL.
def document(request, doc_name):
    # ruleid: python.path-traversal.open
    with open(os.path.join(BASE, doc_name)) as handle:
        return handle.read()


def document_checked(request, doc_name):
    path = os.path.realpath(os.path.join(BASE, doc_name))
    if not path.startswith(BASE + os.sep):
        raise PermissionError(doc_name)
    # ok: python.path-traversal.open
    with open(path) as handle:
        return handle.read()


# A Flask view registered with add_url_rule: it reads the request, its parameters are path parts.
def export(report):
    fmt = request.args.get("format", "csv")
    # ruleid: python.path-traversal.open
    return send_file(os.path.join(BASE, report + "." + fmt))


def export_by_id(report_id):
    fmt = request.args.get("format", "csv")
    # ok: python.path-traversal.open
    return send_file(os.path.join(BASE, "%d.csv" % int(report_id)), download_name=fmt)


# A helper that does not touch the request: its caller decides where the name comes from, so
# python.path-traversal.open stays quiet; the low-confidence parameter rule asks a human.
def load_template(name):
    # ruleid: python.path-traversal.parameter
    with open(os.path.join(BASE, name)) as handle:
        return handle.read()


# Helpers in a module that imports a web framework: their callers are usually views.
def attachment_path(folder, filename):
    # ruleid: python.path-traversal.parameter
    return open(os.path.join(BASE, folder, filename), "rb")


def attachment_path_safe(filename):
    # ok: python.path-traversal.parameter
    return open(os.path.join(BASE, secure_filename(filename)), "rb")


def attachment_path_checked(filename):
    path = os.path.realpath(os.path.join(BASE, filename))
    if not path.startswith(BASE + os.sep):
        raise PermissionError(filename)
    # ok: python.path-traversal.parameter
    return open(path, "rb")


def read_config(path):
    # A path the caller chose as a whole is not joined onto a confined directory.
    # ok: python.path-traversal.parameter
    return open(path).read()


# The project's own validator, called for its side effect (it raises on a bad name).
@app.route("/keys/<client>")
def get_key(client):
    validate_client_name(client)
    # ok: python.path-traversal.open
    return open("keys/%s.key" % client).read()


@app.route("/keys2/<client>")
def get_key_predicate(client):
    if not is_valid_client(client):
        abort(400)
    # ok: python.path-traversal.open
    return open("keys/%s.key" % client).read()


@app.route("/keys3/<client>")
def get_key_unrelated_check(client):
    validate_client_name(request.args.get("other"))
    # ruleid: python.path-traversal.open
    return open("keys/%s.key" % client).read()


# Archives: member names are chosen by whoever built the archive.
def install_theme(archive, dest):
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            out_path = os.path.join(dest, member.filename)
            # ruleid: python.path-traversal.archive-member
            with open(out_path, "wb") as out:
                out.write(zf.read(member))


def install_theme_checked(archive, dest):
    root = os.path.realpath(dest)
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            out_path = os.path.realpath(os.path.join(root, name))
            if not out_path.startswith(root + os.sep):
                raise ValueError(name)
            # ok: python.path-traversal.archive-member
            with open(out_path, "wb") as out:
                out.write(zf.read(name))


def install_theme_extract(archive, dest):
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            # zipfile sanitises member names itself.
            # ok: python.path-traversal.archive-member
            zf.extract(name, dest)


def read_tail(path, lines=200):
    with open(path, "r", encoding="utf-8") as fh:
        return fh.readlines()[-lines:]


@app.route("/logs")
def view_log():
    log_path = os.path.join("/var/log/app", request.args.get("name", "app.log"))
    # ruleid: python.path-traversal.open
    return "".join(read_tail(log_path))


@app.route("/logs2")
def view_log_basename():
    log_path = os.path.join("/var/log/app", os.path.basename(request.args.get("name", "app.log")))
    # ok: python.path-traversal.open
    return "".join(read_tail(log_path))
