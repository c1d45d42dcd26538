import os
import smtplib
from email.message import EmailMessage

SMTP_HOST = "smtp.mailprovider.net"
SMTP_USER = "alerts@acme.io"
SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]


def send_alert(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SMTP_USER, to, "Alert"
    msg.set_content(body)
    with smtplib.SMTP_SSL(SMTP_HOST, 465) as s:
        s.login(SMTP_USER, SMTP_PASSWORD)
        s.send_message(msg)
