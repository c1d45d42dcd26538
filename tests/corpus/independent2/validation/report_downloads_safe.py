"""Download endpoint for generated PDF/CSV reports."""
from flask import Flask, send_from_directory
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
        return send_from_directory(app.config["REPORT_DIR"], filename, as_attachment=True)

    return app
