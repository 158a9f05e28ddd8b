# Example remote code for Trustmark's bundled "community-chat" example (never executed by Trustmark).
from transformers import LlamaForCausalLM

from .configuration_community_chat import CommunityChatConfig


class CommunityChatForCausalLM(LlamaForCausalLM):
    config_class = CommunityChatConfig

    def generate_reply(self, tokenizer, prompt, max_new_tokens=128):
        inputs = tokenizer(prompt, return_tensors="pt")
        output = self.generate(**inputs, max_new_tokens=max_new_tokens)
        return tokenizer.decode(output[0], skip_special_tokens=True)
