T = bytes.fromhex("{{fake.hexseq}}")
