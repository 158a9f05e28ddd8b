# Example remote code for Trustmark's bundled "community-chat" example. It is never executed by
# Trustmark; it exists so that the rating can show what `auto_map` + trust_remote_code means.
from transformers import LlamaConfig


class CommunityChatConfig(LlamaConfig):
    model_type = "community_chat"
