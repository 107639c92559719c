const t = Buffer.from("{{hex:fake.future}}", "hex");
