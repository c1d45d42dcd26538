"""Download endpoint for generated PDF/CSV reports."""
import os

from flask import Flask, abort, send_file
from flask_login import LoginManager, login_required

login_manager = LoginManager()


def create_app():
    app = Flask(__name__)
    app.config.from_prefixed_env()
    app.config.setdefault("REPORT_DIR", "/srv/app/generated_reports")
    login_manager.init_app(app)

    @app.route("/reports/<path:filename>")
    @login_required
    def download_report(filename):
        """Stream a previously generated report to the browser."""
        report_path = os.path.join(app.config["REPORT_DIR"], filename)
        if not os.path.isfile(report_path):
            abort(404)
        return send_file(report_path, as_attachment=True)

    return app
