import ast
import sys

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args.get("expr")
    # ruleid: python.code-injection.eval
    return str(eval(expr))


@app.route("/calc2")
def calc_safe():
    expr = request.args.get("expr")
    # ok: python.code-injection.eval
    return str(ast.literal_eval(expr))


@app.post("/run")
def run_code(code: str):
    # ruleid: python.code-injection.eval
    exec(code)


def cli():
    # ruleid: python.code-injection.eval
    print(eval(sys.argv[1]))


def constant():
    # ok: python.code-injection.eval
    return eval("1 + 2")
