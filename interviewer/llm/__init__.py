"""The model seam: a small async backend protocol, a registry (built-ins and entry-point
plugins), the OpenAI and LiteLLM backends, and one mapping of provider errors to ours.

Nothing here imports the engine, Textual, openai or litellm at import time: the SDKs are
imported inside the backend that uses them (openai ~1.5 s, litellm ~5 s to import).
"""
