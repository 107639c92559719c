HOOK = URI('{{webhook.http}}')
Net::HTTP.post(HOOK, { content: 'hi' }.to_json, 'Content-Type' => 'application/json')
