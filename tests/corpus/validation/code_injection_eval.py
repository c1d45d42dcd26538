from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/calc", methods=["POST"])
def calculate():
    expression = request.json.get("expression")
    result = eval(expression)
    return jsonify({"result": result})
