const t = atob("{{b64:fake.seq}}");
