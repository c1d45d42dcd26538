from huggingface_hub import login
from transformers import AutoModelForCausalLM, AutoTokenizer

login(token="hf_zymMlopiWfqUyHRSIf8NFmAUNLnY5Yx0y3")

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
