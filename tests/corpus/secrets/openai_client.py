from openai import OpenAI

client = OpenAI(api_key="sk-proj--o82PYnILGwQGvBSBBXKd5t5T33JnbYfPrYs5ClnrIehe6bh")


def summarise(text: str) -> str:
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Summarise: {text}"}],
    )
    return resp.choices[0].message.content
