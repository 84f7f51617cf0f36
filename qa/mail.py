"""Wraps a built email edition in a MIME message, as a sending service
would send it: multipart/alternative with email.txt and email.html, the
headline (the page's <title>) as its subject.

    python3 qa/mail.py EMAIL_HTML EMAIL_TXT > message.eml
"""
import html
import re
import sys
from email.message import EmailMessage

html_path, text_path = sys.argv[1:3]
with open(html_path, encoding="utf-8") as f:
    title = re.search(r"<title>(.*?)</title>", f.read(), re.S)
subject = html.unescape(title.group(1)) if title else "A briefing"
message = EmailMessage()
message["From"] = "The Briefing <desk@example.org>"
message["To"] = "reader@example.com"
message["Subject"] = subject
message["Date"] = "Mon, 30 Nov 2026 12:00:00 +0000"
message["Message-ID"] = "<qa-edition@example.org>"
with open(text_path, encoding="utf-8") as f:
    message.set_content(f.read())
with open(html_path, encoding="utf-8") as f:
    message.add_alternative(f.read(), subtype="html")
sys.stdout.write(message.as_string())
