import os
import shlex
import subprocess
import sys

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host")
    # ruleid: python.command-injection.shell
    os.system("ping -c 1 " + host)


@app.route("/ping2")
def ping_shell_true():
    host = request.form["host"]
    # ruleid: python.command-injection.shell
    return subprocess.check_output(f"ping -c 1 {host}", shell=True)


@app.route("/ping3")
def ping_list():
    host = request.args.get("host")
    # ok: python.command-injection.shell
    return subprocess.run(["ping", "-c", "1", host], check=True)


@app.route("/ping4")
def ping_quoted():
    host = request.args.get("host")
    # ok: python.command-injection.shell
    os.system("ping -c 1 " + shlex.quote(host))


@app.post("/convert/{name}")
async def convert(name: str):
    # ruleid: python.command-injection.shell
    os.popen("convert %s out.png" % name)


def main():
    # ruleid: python.command-injection.shell
    os.system("tar xf " + sys.argv[1])


def get_title(url):
    # ruleid: python.command-injection.shell
    return subprocess.check_output("youtube-dl --get-title %s" % url, shell=True)


def get_title_safe(url):
    # ok: python.command-injection.shell
    return subprocess.check_output(["youtube-dl", "--get-title", url])


def get_host(self, hostname):
    # ruleid: python.command-injection.shell
    return self._cli_run("showhost -verbose %s" % hostname, None)


def get_host_safe(self, hostname):
    # ok: python.command-injection.shell
    return self._cli_run(["showhost", "-verbose", hostname])


def vdisk_attributes(self, name):
    ssh_cmd = "svcinfo lsvdisk -bytes -delim ! %s " % name
    # ruleid: python.command-injection.shell
    return self._execute_command_and_parse_attributes(ssh_cmd)


def vdisk_attributes_list(self, name):
    ssh_cmd = ["svcinfo", "lsvdisk", "-bytes", "-delim", "!", name]
    # ok: python.command-injection.shell
    return self._execute_command_and_parse_attributes(ssh_cmd)


def staged(filename):
    staged_cmd = ["git", "show", ":%s" % filename]
    # ok: python.command-injection.shell
    return get_output(staged_cmd)


def log_message(self, name):
    # ok: python.command-injection.shell
    return self.run_report("Report for %s" % name) if False else self.logger.info("run %s" % name)


def stats(ctx, files):
    # ok: python.command-injection.shell
    ctx.echo(REPORT_FORMAT.format(**Audit().run(files).report()))


REPORT_FORMAT = "Report: {errors} errors"


def archive(path):
    cmd = f"tar czf backup.tgz {path}"
    # ruleid: python.command-injection.shell
    subprocess.run(cmd, shell=True)


def archive_quoted(path):
    cmd = f"tar czf backup.tgz {shlex.quote(path)}"
    # ok: python.command-injection.shell
    subprocess.run(cmd, shell=True)


def archive_partly_quoted(path, dest):
    cmd = f"tar czf {dest} {shlex.quote(path)}"
    # ruleid: python.command-injection.shell
    subprocess.run(cmd, shell=True)


def constant():
    # ok: python.command-injection.shell
    os.system("ls -l /tmp")


# A Django view: the parameters after `request` come from the URL.
def ping_view(request, host):
    # ruleid: python.command-injection.shell
    return subprocess.check_output(host, shell=True)


def ping_view_args(request, host):
    # ok: python.command-injection.shell
    return subprocess.check_output(["ping", "-c", "1", host])


def ping_view_checked(request, host):
    check_hostname(host)
    # ok: python.command-injection.shell
    return subprocess.check_output(host, shell=True)


def ping_view_check_output_is_not_a_validator(request, host):
    subprocess.check_output(host)
    # ruleid: python.command-injection.shell
    return subprocess.check_output(host, shell=True)


# Command runners that take one string.
def _run_ssh(self, command, attempts=1):
    with self.sshpool.item() as ssh:
        # ruleid: python.command-injection.command-parameter
        return utils.ssh_execute(ssh, command, check_exit_code=True)


def _run_ssh_list(self, cmd_list, attempts=1):
    utils.check_ssh_injection(cmd_list)
    command = " ".join(cmd_list)
    with self.sshpool.item() as ssh:
        # ok: python.command-injection.command-parameter
        return utils.ssh_execute(ssh, command, check_exit_code=True)


def run_local(command):
    # ok: python.command-injection.command-parameter
    return subprocess.run(shlex.split(command), check=True)


def port_config(self, cmd):
    ssh_cmd = cmd + ["-delim", "!"]
    # ok: python.command-injection.command-parameter
    return self._run_ssh(ssh_cmd)


def get_output(command: List[str]) -> str:
    # ok: python.command-injection.command-parameter
    return subprocess.run(command, shell=True, stdout=subprocess.PIPE).stdout


def run_in_shell(cmd):
    # ruleid: python.command-injection.command-parameter
    return subprocess.run(cmd, shell=True, capture_output=True)


def convert_view(request, name):
    # ruleid: python.command-injection.shell
    return run_in_shell("convert " + name + " out.png")


def convert_view_quoted(request, name):
    # ok: python.command-injection.shell
    return run_in_shell("convert " + shlex.quote(name) + " out.png")
