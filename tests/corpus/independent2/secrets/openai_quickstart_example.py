"""Quickstart from the README: ask the model a question from the command line.

    export OPENAI_API_KEY="sk-..."
    python openai_quickstart_example.py "What is a vector database?"
"""
import os
import sys

from openai import OpenAI

API_KEY = os.environ.get("OPENAI_API_KEY", "sk-...")


def main():
    if API_KEY == "sk-...":
        sys.exit("Set OPENAI_API_KEY first (see the docstring above).")
    client = OpenAI(api_key=API_KEY)
    question = " ".join(sys.argv[1:]) or "Say hello in three languages."
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    print(response.choices[0].message.content)


if __name__ == "__main__":
    main()
