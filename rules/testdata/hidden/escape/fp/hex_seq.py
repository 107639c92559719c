T = b"{{xesc:fake.seq}}"
