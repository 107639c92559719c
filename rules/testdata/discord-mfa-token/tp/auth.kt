val headers = mapOf("Authorization" to "{{mfa}}")
