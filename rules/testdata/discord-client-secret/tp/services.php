<?php
return [
    'discord' => [
        'client_id' => env('DISCORD_CLIENT_ID'),
        'client_secret' => '{{secret.-last}}',
        'redirect' => '/auth/discord/callback',
    ],
];
