"""Evidence: the records of clips and photos, their check, the dispute packet."""
