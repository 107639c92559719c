<?php
$ch = curl_init('https://discord.com/api/v10/users/@me');
curl_setopt($ch, CURLOPT_HTTPHEADER, [
    'Authorization: Bot {{bot}}',
    'User-Agent: DiscordBot (https://example.test, 1.0)',
]);
$me = json_decode(curl_exec($ch), true);
