URL = "{{fake.webhookshort@u[0:40]}}" + "{{@u[40:]}}"
