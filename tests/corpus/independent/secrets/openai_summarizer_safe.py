"""Summarise support tickets with the OpenAI API."""
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])

SYSTEM_PROMPT = (
    "You are a support lead. Summarise the ticket in at most three bullet points "
    "and suggest a priority (low, medium, high)."
)


def summarize_ticket(subject: str, body: str, model: str = "gpt-4o-mini") -> str:
    """Return a short summary of a support ticket."""
    response = client.chat.completions.create(
        model=model,
        temperature=0.2,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Subject: {subject}\n\n{body}"},
        ],
    )
    return response.choices[0].message.content.strip()


if __name__ == "__main__":
    print(summarize_ticket("Login broken", "Since this morning I cannot log in with SSO."))
