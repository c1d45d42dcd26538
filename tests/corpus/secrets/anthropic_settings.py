"""Settings for the support bot."""
ANTHROPIC_API_KEY = "sk-ant-api03-qHxzui-4HOIhdTNc4SKjGmTY8unPk9ybaMd6u1jF8x6MFqMX7JySvFMKuBK42tOE0FCfRQ7QvYugk3fa9vo6iM713uwplAA"
MODEL = "claude-sonnet-4-5"
MAX_TOKENS = 1024
