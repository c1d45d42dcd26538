import os

from huggingface_hub import login
from transformers import AutoModelForCausalLM, AutoTokenizer

login(token=os.environ["HF_TOKEN"])

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
